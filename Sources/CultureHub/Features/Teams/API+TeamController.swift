import Fluent
import Foundation
import Vapor

struct FolkTeamDTO: Content {
    let id: UUID; let name: String; let kind: FolkArtKind; let townshipId: UUID; let villageId: UUID?
    let registered: Bool; let registrationNumber: String; let registeredOn: String?; let foundedYear: Int?
    let description: String; let members: Int?; let bookingRate: BookingRate
}
struct GuidanceDTO: Content {
    let id: UUID; let teamId: UUID; let day: String; let hours: Double; let topic: String; let notes: String
}

/// A team as the API takes it, mapped onto the page's input so both are checked alike.
struct FolkTeamAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["place": "placeId"]

    var name: String?; var kind: String?; var placeId: UUID?; var leaderName: String?; var leaderPhone: String?
    var foundedYear: Int?; var description: String?
    var registered: Bool?; var registrationNumber: String?; var registeredOn: String?

    var input: FolkTeamInput {
        FolkTeamInput(name: name, kind: kind, place: placeId?.uuidString, leaderName: leaderName,
                      leaderPhone: leaderPhone, foundedYear: foundedYear.map(String.init), description: description,
                      registered: registered == true ? "1" : "", registrationNumber: registrationNumber,
                      registeredOn: registeredOn)
    }
}

struct GuidanceAPIInput: Decodable {
    /// The body uses the form's field names.
    static let jsonFields: [String: String] = [:]

    var day: String?; var hours: Double?; var topic: String?; var notes: String?

    var input: TeamGuidanceInput {
        TeamGuidanceInput(day: day, hours: hours.map { String($0) }, topic: topic, notes: notes)
    }
}

/// Folk art teams in `/api/v1` (R6.2). Every write goes through the same desk as its page.
enum APITeamController {
    static func hours(_ minutes: Int) -> Double { Double(minutes) / 60 }

    static func teamDTO(_ t: FolkTeam, members: Int?) -> FolkTeamDTO {
        FolkTeamDTO(id: t.id!, name: t.name, kind: t.kind, townshipId: t.$township.id, villageId: t.$village.id,
                    registered: t.registered, registrationNumber: t.registrationNumber, registeredOn: t.registeredOn,
                    foundedYear: t.foundedYear, description: t.details, members: members, bookingRate: t.bookingRate)
    }

    @Sendable static func teams(req: Request) async throws -> PageDTO<FolkTeamDTO> {
        let query = FolkTeam.query(on: req.db)
        if let township = req.query[UUID.self, at: "township"] { query.filter(\.$township.$id == township) }
        if let raw = req.query[String.self, at: "kind"] {
            guard let kind = FolkArtKind(rawValue: raw) else {
                throw AppError.invalid(["kind": req.lang.t("没有这个类别。", "Unknown kind.")])
            }
            query.filter(\.$kind == kind)
        }
        return try await query.sort(\.$townshipPath).sort(\.$name).paginate(req.apiPage())
            .dto { teamDTO($0, members: nil) }
    }

    @Sendable static func team(req: Request) async throws -> FolkTeamDTO {
        guard let t = try await FolkTeam.find(req.id(), on: req.db) else { throw AppError.notFound }
        return teamDTO(t, members: try await FolkTeamMember.query(on: req.db).filter(\.$team.$id == t.requireID())
            .count())
    }

    @Sendable static func createTeam(req: Request) async throws -> Response {
        let input = try req.json(FolkTeamAPIInput.self).input
        let t = try await req.desk(fields: FolkTeamAPIInput.jsonFields) {
            try await FolkTeamDesk.register(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(teamDTO(t, members: 0), for: req)
    }

    @Sendable static func logGuidance(req: Request) async throws -> Response {
        let staff = try req.staff()
        let t = try await req.recordForDesk(FolkTeam.self)
        let input = try req.json(GuidanceAPIInput.self).input
        let g = try await req.desk(fields: GuidanceAPIInput.jsonFields) {
            try await FolkTeamDesk.logGuidance(t, input, by: staff, today: req.displayTime.today, now: req.now,
                                               lang: req.lang, on: req.db)
        }
        return try await created(GuidanceDTO(id: g.id!, teamId: t.id!, day: g.day, hours: hours(g.minutes), topic: g.topic,
                                             notes: g.notes), for: req)
    }
}
