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
        struct Body: Decodable { var orgId: UUID?; var activityId: UUID?; var title: String?; var duties: String?; var place: String?; var date: String?; var starts: String?; var ends: String?; var slots: Int? }
        let b = try req.json(Body.self)
        let form = ["org": b.orgId?.uuidString ?? "", "activity": b.activityId?.uuidString ?? "", "title": b.title ?? "", "duties": b.duties ?? "", "place": b.place ?? "",
                    "date": b.date ?? "", "starts": b.starts ?? "", "ends": b.ends ?? "", "slots": b.slots.map(String.init) ?? ""]
        let post = try await req.desk(fields: ["org": "orgId", "activity": "activityId"]) { try await VolunteerServiceDesk.createPost(form, by: req.staff(), now: req.now, time: req.displayTime, lang: req.lang, on: req.db) }
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
        struct Body: Decodable { var orgId: UUID?; var date: String?; var starts: String?; var hours: Double?; var note: String? }
        let b = try req.json(Body.self)
        let form = ["org": b.orgId?.uuidString ?? "", "date": b.date ?? "", "starts": b.starts ?? "", "hours": b.hours.map { String($0) } ?? "", "note": b.note ?? ""]
        let shift = try await req.desk(fields: ["org": "orgId"]) { try await VolunteerServiceDesk.addManual(form, account: req.auth.require(Account.self), now: req.now, time: req.displayTime, lang: req.lang, on: req.db) }
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
