import Fluent
import Foundation
import Vapor

struct ProgrammeDTO: Content {
    let id: UUID; let venueId: UUID; let year: Int; let title: String; let provider: String
    let budgetFen: Int; let showsPlanned: Int; let showsAssigned: Int; let notes: String
}
struct BusyDayDTO: Content { let id: UUID; let villageId: UUID; let day: String; let reason: String }
struct TourVisitDTO: Content { let villageId: UUID; let day: String?; let starts: String? }
struct TourPlanDTO: Content {
    /// In the proposed order; `day` is nil for a village that could not be placed (no coordinates, or busy every day).
    let visits: [TourVisitDTO]
    let days: Int
    let roundTripKm: Double?
    let chainKm: Double?
    let tickedOrderKm: Double?
}

struct ProgrammeAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["venue": "venueId", "budget": "budgetFen"]

    var venueId: UUID?; var year: Int?; var title: String?; var provider: String?; var budgetFen: Int?; var shows: Int?
    var notes: String?

    var input: ProgrammeInput {
        // The desk reads yuan, as the page does; a negative amount stays negative and is refused there.
        let budget = budgetFen.map { $0 < 0 ? "-1" : String(format: "%d.%02d", $0 / 100, $0 % 100) }
        return ProgrammeInput(venue: venueId?.uuidString, year: year.map(String.init), title: title, provider: provider,
                              budget: budget, shows: shows.map(String.init), notes: notes)
    }
}

struct BusyDayAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["village": "villageId"]

    var villageId: UUID?; var day: String?; var reason: String?

    var input: BusyDayInput { BusyDayInput(village: villageId?.uuidString, day: day, reason: reason) }
}

/// Procured programmes, villages' busy days and tour proposals in `/api/v1` (R4.3).
enum APIMobileServicesController {
    @Sendable static func programmes(req: Request) async throws -> PageDTO<ProgrammeDTO> {
        let staff = try req.staff()
        let query = staff.scope.filter(Programme.query(on: req.db))
        if let year = req.query[Int.self, at: "year"] { query.filter(\.$year == year) }
        return try await query.sort(\.$year, .descending).sort(\.$title).paginate(req.apiPage()).dto(dto)
    }

    @Sendable static func createProgramme(req: Request) async throws -> Response {
        let input = try req.json(ProgrammeAPIInput.self).input
        let p = try await req.desk(fields: ProgrammeAPIInput.jsonFields) {
            try await ProgrammeDesk.create(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(dto(p), for: req)
    }

    @Sendable static func busyDays(req: Request) async throws -> PageDTO<BusyDayDTO> {
        let staff = try req.staff()
        return try await staff.scope.filter(VillageBusyDay.query(on: req.db)).filter(\.$day >= req.displayTime.today).sort(\.$day).sort(\.$id)
            .paginate(req.apiPage()).dto { BusyDayDTO(id: $0.id!, villageId: $0.$village.id, day: $0.day, reason: $0.reason) }
    }

    @Sendable static func markBusyDay(req: Request) async throws -> Response {
        let input = try req.json(BusyDayAPIInput.self).input
        let busy = try await req.desk(fields: BusyDayAPIInput.jsonFields) {
            try await VillageDaysDesk.mark(input, by: req.staff(), today: req.displayTime.today, now: req.now,
                                           lang: req.lang, on: req.db)
        }
        return try await created(BusyDayDTO(id: busy.id!, villageId: busy.$village.id, day: busy.day, reason: busy.reason), for: req)
    }

    /// The planner's proposal, as the tour page shows it; publishing the visits stays on the page,
    /// where staff adjust them.
    @Sendable static func planTour(req: Request) async throws -> TourPlanDTO {
        struct Body: Decodable {
            var itemId: UUID?; var programmeId: UUID?; var villageIds: [UUID]?; var start: String?; var perDay: Int?
            var firstStart: String?; var minutes: Int?; var audience: Int?; var skipWeekends: Bool?
        }
        let b = try req.json(Body.self)
        var form: [String: String] = [:]
        form["item"] = b.itemId?.uuidString ?? ""
        form["programme"] = b.programmeId?.uuidString ?? ""
        form["villages"] = (b.villageIds ?? []).map(\.uuidString).joined(separator: ",")
        form["start"] = b.start ?? ""
        form["perDay"] = b.perDay.map(String.init) ?? ""
        form["firstStart"] = b.firstStart ?? "09:00"
        form["minutes"] = String(b.minutes ?? 120)
        form["audience"] = String(b.audience ?? 100)
        form["skipWeekends"] = b.skipWeekends == true ? "1" : ""
        let input = try await TourController.read(req, form)
        let draft = try await TourDraft.make(input, on: req.db)
        var visits: [TourVisitDTO] = []
        for day in draft.plan?.days ?? [] {
            for (slot, stop) in day.stops.enumerated() {
                visits.append(TourVisitDTO(villageId: UUID(uuidString: stop.id)!, day: day.day, starts: input.startTime(slot: slot)))
            }
        }
        let placed = Set(visits.map(\.villageId))
        visits += input.villages.filter { !placed.contains($0.id!) }.map { TourVisitDTO(villageId: $0.id!, day: nil, starts: nil) }
        return TourPlanDTO(visits: visits, days: draft.plan?.days.count ?? 0, roundTripKm: draft.plan?.totalDistance,
                           chainKm: draft.plan == nil ? nil : draft.proposedDistance, tickedOrderKm: draft.plan == nil ? nil : draft.inputDistance)
    }

    static func dto(_ p: Programme) -> ProgrammeDTO {
        ProgrammeDTO(id: p.id!, venueId: p.$venue.id, year: p.year, title: p.title, provider: p.provider, budgetFen: p.budgetFen,
                     showsPlanned: p.showsPlanned, showsAssigned: p.showsAssigned, notes: p.notes)
    }
}
