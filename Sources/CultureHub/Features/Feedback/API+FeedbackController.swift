import Fluent
import Foundation
import KPIMetrics
import Vapor

struct RatingDTO: Content {
    let id: UUID
    let score: Int
    /// nil when staff hid the comment; `hiddenReason` says why.
    let comment: String?
    let hiddenReason: String?
    let author: String
    let activityId: UUID?
    let venueId: UUID
    let createdAt: Date
    let editableUntil: Date
}

struct RatingSummaryDTO: Content {
    let count: Int
    let average: Double?
    let satisfactionRate: Double?
    /// Counts of scores 1…5, in that order.
    let distribution: [Int]
}

struct RatingPageDTO: Content {
    let summary: RatingSummaryDTO
    let items: [RatingDTO]
    let page: Int
    let per: Int
    let total: Int
}

struct ComplaintDTO: Content {
    let id: UUID
    let reference: String
    let kind: String
    let category: String
    let venueId: UUID
    let activityId: UUID?
    let text: String
    let contact: String
    let status: String
    let answer: String
    let dueAt: Date
    let overdue: Bool
    let createdAt: Date
    let answeredAt: Date?
    let closedAt: Date?
    /// The bureau's evaluation call: absent until decided.
    let upheld: Bool?
}

struct SatisfactionDTO: Content {
    struct Channel: Content { let channel: String; let valid: Int; let rate: Double? }
    struct Month: Content { let month: Int; let valid: Int; let rate: Double?; let channels: [Channel] }
    let year: Int
    let valid: Int
    let rate: Double?
    let channels: [Channel]
    let months: [Month]
}

/// Ratings, complaints and satisfaction in `/api/v1` (issue #5).
enum APIFeedbackController {
    @Sendable static func activityRatings(req: Request) async throws -> RatingPageDTO {
        guard let activity = try await Activity.find(req.id(), on: req.db) else { throw AppError.notFound }
        let target = RatingTarget.activity(activity.id!)
        return try await page(req, summary: RatingSummary.of(target, on: req.db), Rating.query(on: req.db).filter(\.$targetKey == target.key))
    }

    @Sendable static func venueRatings(req: Request) async throws -> RatingPageDTO {
        guard let venue = try await Venue.find(req.id(), on: req.db) else { throw AppError.notFound }
        return try await page(req, summary: RatingSummary.ofVenue(venue.id!, on: req.db), Rating.query(on: req.db).filter(\.$venue.$id == venue.id!))
    }

    private static func page(_ req: Request, summary: RatingSummary, _ query: QueryBuilder<Rating>) async throws -> RatingPageDTO {
        let page = try await query.with(\.$account).sort(\.$createdAt, .descending).paginate(req.apiPage())
        let h = summary.histogram
        return RatingPageDTO(summary: .init(count: h.valid, average: h.average, satisfactionRate: h.rate, distribution: h.counts),
                             items: page.items.map(dto), page: page.metadata.page, per: page.metadata.per, total: page.metadata.total)
    }

    static func dto(_ r: Rating) -> RatingDTO {
        RatingDTO(id: r.id!, score: r.score, comment: r.isHidden ? nil : r.comment, hiddenReason: r.hiddenReason,
                  author: PersonalData.name(r.$account.value?.displayName ?? ""), activityId: r.$activity.id, venueId: r.$venue.id,
                  createdAt: r.createdAt, editableUntil: r.createdAt.addingTimeInterval(RatingDesk.editWindow))
    }

    @Sendable static func rateActivity(req: Request) async throws -> Response { try await rate(req, .activity(req.id())) }
    @Sendable static func rateVenue(req: Request) async throws -> Response { try await rate(req, .venue(req.id())) }

    static func rate(_ req: Request, _ target: RatingTarget) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Body: Decodable { var score: Int?; var comment: String? }
        let body = try req.json(Body.self)
        try await req.countFeedback(by: account)
        let (rating, created) = try await RatingDesk.rate(target, account: account, score: body.score.map(String.init), comment: body.comment,
                                                         now: req.now, lang: req.lang, on: req.db)
        rating.$account.value = account
        return try await dto(rating).encodeResponse(status: created ? .created : .ok, for: req)
    }

    @Sendable static func createComplaint(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Body: Decodable { var venueId: UUID?; var activityId: UUID?; var kind: String?; var category: String?; var text: String?; var contact: String? }
        let body = try req.json(Body.self)
        var check = FormCheck(req.lang)
        let kind: ComplaintKind? = check.choice("kind", body.kind)
        let category: ComplaintCategory? = check.choice("category", body.category)
        let contact: ContactPreference? = check.choice("contact", body.contact ?? ContactPreference.online.rawValue)
        let text = check.text("text", body.text, max: ComplaintDesk.maxText)
        var venue: Venue?
        var activity: Activity?
        if let id = body.activityId {
            activity = try await Activity.find(id, on: req.db)
            if let activity { venue = try await Venue.find(activity.$venue.id, on: req.db) } else { check.fail("activityId", "找不到这个活动。", "No such activity.") }
        } else if let id = body.venueId {
            venue = try await Venue.find(id, on: req.db)
            if venue == nil { check.fail("venueId", "找不到这个场馆。", "No such venue.") }
        } else {
            check.fail("venueId", "请指明场馆（venueId）或活动（activityId）。", "Give a venueId or an activityId.")
        }
        try check.throwIfInvalid()
        try await req.countFeedback(by: account)
        let complaint = try await ComplaintDesk.submit(
            .init(kind: kind!, category: category!, venue: venue!, activityID: activity?.id, text: text, photoPath: nil, contact: contact!),
            account: account, calendar: req.settings.workingCalendar, workingDays: req.settings.complaintWorkingDays, now: req.now, on: req.db)
        return try await created(dto(complaint, now: req.now), for: req)
    }

    @Sendable static func myComplaints(req: Request) async throws -> PageDTO<ComplaintDTO> {
        let account = try req.auth.require(Account.self)
        let now = req.now
        return try await Complaint.query(on: req.db).filter(\.$account.$id == account.requireID()).sort(\.$createdAt, .descending)
            .paginate(req.apiPage()).dto { dto($0, now: now) }
    }

    @Sendable static func manageComplaints(req: Request) async throws -> PageDTO<ComplaintDTO> {
        let staff = try req.staff()
        let query = staff.scope.filter(Complaint.query(on: req.db))
        if let raw = req.query[String.self, at: "status"] {
            guard let status = ComplaintStatus(rawValue: raw) else {
                throw AppError.invalid(["status": req.lang.t("可选值：submitted、accepted、answered、closed。", "One of submitted, accepted, answered, closed.")])
            }
            query.filter(\.$status == status)
        }
        if req.query[String.self, at: "overdue"] == "true" { query.filter(\.$status ~~ [.submitted, .accepted]).filter(\.$dueAt < req.now) }
        let now = req.now
        return try await query.sort(\.$dueAt).paginate(req.apiPage()).dto { dto($0, now: now) }
    }

    @Sendable static func answerComplaint(req: Request) async throws -> ComplaintDTO {
        let staff = try req.staff()
        let complaint = try await req.scopedRecord(Complaint.self, toWrite: .handleFeedback)
        struct Body: Decodable { var answer: String? }
        let body = try req.json(Body.self)
        try await ComplaintDesk.answer(complaint, staffID: staff.account.requireID(), text: body.answer ?? "", now: req.now, lang: req.lang, on: req.db)
        return dto(complaint, now: req.now)
    }

    /// Staff in scope accept a submitted complaint or close an answered one.
    @Sendable static func acceptComplaint(req: Request) async throws -> ComplaintDTO {
        let (staff, complaint) = try await staffComplaint(req)
        try await ComplaintDesk.accept(complaint, staffID: staff.account.requireID(), note: "", now: req.now, lang: req.lang, on: req.db)
        return dto(complaint, now: req.now)
    }

    @Sendable static func closeComplaintAsStaff(req: Request) async throws -> ComplaintDTO {
        let (staff, complaint) = try await staffComplaint(req)
        try await ComplaintDesk.close(complaint, byStaff: true, actorID: staff.account.requireID(), note: "", now: req.now, lang: req.lang, on: req.db)
        return dto(complaint, now: req.now)
    }

    /// `{"upheld":true}`: evaluators decide whether a complaint in their scope was justified.
    @Sendable static func decideUpheld(req: Request) async throws -> ComplaintDTO {
        let staff = try req.staff()
        let complaint = try await req.scopedRecord(Complaint.self, toWrite: .evaluate)
        struct Body: Decodable { var upheld: Bool? }
        guard let upheld = try req.json(Body.self).upheld else {
            throw AppError.invalid(["upheld": req.lang.t("请说明是否查实：true 或 false。", "Say whether it was upheld: true or false.")])
        }
        try await ComplaintDesk.decideUpheld(complaint, upheld, by: staff, on: req.db)
        return dto(complaint, now: req.now)
    }

    private static func staffComplaint(_ req: Request) async throws -> (Staff, Complaint) {
        (try req.staff(), try await req.scopedRecord(Complaint.self, toWrite: .handleFeedback))
    }

    /// The citizen who made it: close it as settled, or reopen it once within 7 days of the answer.
    @Sendable static func closeMyComplaint(req: Request) async throws -> ComplaintDTO {
        let (account, complaint) = try await myComplaint(req)
        try await ComplaintDesk.close(complaint, byStaff: false, actorID: account.requireID(), note: "", now: req.now, lang: req.lang, on: req.db)
        return dto(complaint, now: req.now)
    }

    @Sendable static func reopenMyComplaint(req: Request) async throws -> ComplaintDTO {
        let (account, complaint) = try await myComplaint(req)
        struct Body: Decodable { var reason: String? }
        let body = try req.json(Body.self)
        try await ComplaintDesk.reopen(complaint, account: account, reason: body.reason ?? "", calendar: req.settings.workingCalendar,
                                       workingDays: req.settings.complaintWorkingDays, now: req.now, lang: req.lang, on: req.db)
        return dto(complaint, now: req.now)
    }

    private static func myComplaint(_ req: Request) async throws -> (Account, Complaint) {
        let account = try req.auth.require(Account.self)
        return (account, try await req.ownRecord(Complaint.self))
    }

    /// Staff in scope hide a rating's comment with a public reason, or show it again.
    @Sendable static func hideRating(req: Request) async throws -> RatingDTO {
        let (staff, rating) = try await staffRating(req)
        struct Body: Decodable { var reason: String? }
        let body = try req.json(Body.self)
        try await RatingDesk.hide(rating, reason: body.reason ?? "", staffID: staff.account.requireID(), now: req.now, lang: req.lang, on: req.db)
        return dto(rating)
    }

    @Sendable static func restoreRating(req: Request) async throws -> RatingDTO {
        let (_, rating) = try await staffRating(req)
        try await RatingDesk.restore(rating, on: req.db)
        return dto(rating)
    }

    private static func staffRating(_ req: Request) async throws -> (Staff, Rating) {
        let rating = try await req.scopedRecord(Rating.self, toWrite: .handleFeedback)
        try await rating.$account.load(on: req.db)
        return (try req.staff(), rating)
    }

    static func dto(_ c: Complaint, now: Date) -> ComplaintDTO {
        ComplaintDTO(id: c.id!, reference: c.reference, kind: c.kind.rawValue, category: c.category.rawValue, venueId: c.$venue.id, activityId: c.$activity.id,
                     text: c.text, contact: c.contact.rawValue, status: c.status.rawValue, answer: c.answer, dueAt: c.dueAt, overdue: c.isOverdue(at: now),
                     createdAt: c.createdAt, answeredAt: c.answeredAt, closedAt: c.closedAt, upheld: c.upheld)
    }

    @Sendable static func satisfaction(req: Request) async throws -> SatisfactionDTO {
        let time = req.displayTime
        let thisYear = Int(time.today.prefix(4)) ?? 2026
        guard let year = req.query[Int.self, at: "year"] ?? Optional(thisYear), (2000...thisYear).contains(year) else {
            throw AppError.invalid(["year": req.lang.t("年份应在 2000 到 \(thisYear) 之间。", "The year must be between 2000 and \(thisYear).")])
        }
        var subject = SatisfactionPanel.Subject.region(path: "/")
        if let raw = req.query[String.self, at: "venue"] {
            guard let id = UUID(uuidString: raw), try await Venue.find(id, on: req.db) != nil else { throw AppError.notFound }
            subject = .venue(id)
        } else if let raw = req.query[String.self, at: "township"] {
            guard let township = try await req.townships().find(UUID(uuidString: raw)) else { throw AppError.notFound }
            subject = .region(path: township.path)
        }
        let model = try await SatisfactionPanel.load(subject, year: year, time: time, on: req.db)
        let channels: (SatisfactionResult) -> [SatisfactionDTO.Channel] = { r in
            FeedbackChannel.allCases.map { .init(channel: $0.rawValue, valid: r.count($0), rate: r.rate($0)) }
        }
        return SatisfactionDTO(year: year, valid: model.total.total.valid, rate: model.total.rate, channels: channels(model.total),
                               months: model.months.map { .init(month: $0.month, valid: $0.result.total.valid, rate: $0.result.rate, channels: channels($0.result)) })
    }
}
