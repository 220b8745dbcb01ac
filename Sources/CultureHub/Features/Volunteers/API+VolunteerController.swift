import Fluent
import Foundation
import Vapor

struct VolunteerPostDTO: Content {
    let id: UUID; let orgId: UUID; let orgName: String; let activityId: UUID?; let title: String; let duties: String; let place: String
    let startsAt: Date; let endsAt: Date; let slots: Int; let slotsLeft: Int
}
struct VolunteerShiftDTO: Content {
    let id: UUID; let postId: UUID?; let orgId: UUID; let startsAt: Date; let endsAt: Date; let checkedInAt: Date?; let checkedOutAt: Date?
    let hoursState: HoursState; let hours: Double; let note: String; let decisionReason: String; let rating: Int?; let ratingNote: String
}
struct VolunteerRecordDTO: Content {
    let confirmedHours: Double; let pendingHours: Double; let stars: Int; let hoursToNextStar: Double?
    let honours: [HonourDTO]; let shifts: [VolunteerShiftDTO]
}
struct HonourDTO: Content { let title: String; let awardedOn: String; let orgName: String }

struct VolunteerPostAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["org": "orgId", "activity": "activityId"]

    var orgId: UUID?; var activityId: UUID?; var title: String?; var duties: String?; var place: String?
    var date: String?; var starts: String?; var ends: String?; var slots: Int?

    var input: VolunteerPostInput {
        VolunteerPostInput(org: orgId?.uuidString, activity: activityId?.uuidString, title: title, duties: duties,
                           place: place, date: date, starts: starts, ends: ends, slots: slots.map(String.init))
    }
}

struct ManualHoursAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["org": "orgId"]

    var orgId: UUID?; var date: String?; var starts: String?; var hours: Double?; var note: String?

    var input: ManualHoursInput {
        ManualHoursInput(org: orgId?.uuidString, date: date, starts: starts, hours: hours.map { String($0) },
                         note: note)
    }
}

/// Volunteers in `/api/v1` (R6.1). Every write goes through the same desk as its page.
enum APIVolunteerController {
    static func hours(_ minutes: Int) -> Double { Double(minutes) / 60 }

    @Sendable static func posts(req: Request) async throws -> PageDTO<VolunteerPostDTO> {
        let query = VolunteerPost.query(on: req.db).filter(\.$closed == false).filter(\.$startsAt > req.now).with(\.$org)
        if let org = req.query[UUID.self, at: "org"] { query.filter(\.$org.$id == org) }
        return try await query.sort(\.$startsAt).sort(\.$id).paginate(req.apiPage()).dto(postDTO)
    }

    static func postDTO(_ p: VolunteerPost) -> VolunteerPostDTO {
        VolunteerPostDTO(id: p.id!, orgId: p.$org.id, orgName: p.org.name, activityId: p.$activity.id, title: p.title, duties: p.duties, place: p.place,
                         startsAt: p.startsAt, endsAt: p.endsAt, slots: p.slots, slotsLeft: p.slotsLeft)
    }

    static func shiftDTO(_ s: VolunteerShift) -> VolunteerShiftDTO {
        VolunteerShiftDTO(id: s.id!, postId: s.$post.id, orgId: s.$org.id, startsAt: s.startsAt, endsAt: s.endsAt, checkedInAt: s.checkedInAt, checkedOutAt: s.checkedOutAt,
                          hoursState: s.hoursState, hours: hours(s.minutes), note: s.note, decisionReason: s.decisionReason, rating: s.rating, ratingNote: s.ratingNote)
    }

    @Sendable static func createPost(req: Request) async throws -> Response {
        let input = try req.json(VolunteerPostAPIInput.self).input
        let post = try await req.desk(fields: VolunteerPostAPIInput.jsonFields) {
            try await VolunteerServiceDesk.createPost(input, by: req.staff(), now: req.now, time: req.displayTime,
                                                      lang: req.lang, on: req.db)
        }
        try await post.$org.load(on: req.db)
        return try await created(postDTO(post), for: req)
    }

    @Sendable static func signUp(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let shift = try await VolunteerServiceDesk.signUp(postID: req.id(), account: account, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        return try await created(shiftDTO(shift), for: req)
    }

    @Sendable static func cancelShift(req: Request) async throws -> VolunteerShiftDTO {
        let account = try req.auth.require(Account.self)
        try await VolunteerServiceDesk.cancel(req.id(), account: account, now: req.now, on: req.db)
        guard let shift = try await VolunteerShift.find(req.id(), on: req.db) else { throw AppError.notFound }
        return shiftDTO(shift)
    }

    @Sendable static func myRecord(req: Request) async throws -> VolunteerRecordDTO {
        let account = try req.auth.require(Account.self)
        let r = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        return VolunteerRecordDTO(confirmedHours: hours(r.confirmedMinutes), pendingHours: hours(r.pendingMinutes), stars: r.stars, hoursToNextStar: r.minutesToNextStar.map(hours),
                                  honours: r.honours.map { HonourDTO(title: $0.title, awardedOn: $0.awardedOn, orgName: $0.org.name) }, shifts: r.shifts.map(shiftDTO))
    }

    @Sendable static func enterHours(req: Request) async throws -> Response {
        let input = try req.json(ManualHoursAPIInput.self).input
        let shift = try await req.desk(fields: ManualHoursAPIInput.jsonFields) {
            try await VolunteerServiceDesk.addManual(input, account: req.auth.require(Account.self), now: req.now,
                                                     time: req.displayTime, lang: req.lang, on: req.db)
        }
        return try await created(shiftDTO(shift), for: req)
    }

    static func shiftAction(req: Request, _ action: ShiftAction) async throws -> VolunteerShiftDTO {
        let staff = try req.staff()
        guard let shift = try await VolunteerShift.find(req.id(), on: req.db) else { throw AppError.notFound }
        struct Body: Decodable { var hours: Double?; var reason: String?; var rating: Int?; var note: String? }
        let b = (try? req.content.decode(Body.self)) ?? Body()
        switch action {
        case .checkin: try await VolunteerServiceDesk.checkIn(shift, by: staff, now: req.now, on: req.db)
        case .checkout: try await VolunteerServiceDesk.checkOut(shift, by: staff, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        case .confirm, .decline:
            try await VolunteerServiceDesk.decideHours(shift, approve: action == .confirm, hours: b.hours.map { String($0) }, reason: b.reason ?? "",
                                                       by: staff, now: req.now, lang: req.lang, on: req.db)
        case .rate: try await VolunteerServiceDesk.rate(shift, stars: b.rating.map(String.init), note: b.note, by: staff, lang: req.lang, on: req.db)
        }
        return shiftDTO(shift)
    }
}
