import Fluent
import Foundation
import SQLKit
import Vapor
import Volunteering

/// A volunteer post; with an activity the date and times may be left to the activity's.
struct VolunteerPostInput: Content, Equatable {
    var org: String?
    var activity: String?
    var title: String?
    var duties: String?
    var place: String?
    var date: String?
    var starts: String?
    var ends: String?
    var slots: String?
}

/// Hours a volunteer enters by hand for service outside a post.
struct ManualHoursInput: Content, Equatable {
    var org: String?
    var date: String?
    var starts: String?
    var hours: String?
    var note: String?
}

struct HonourInput: Content, Equatable {
    var org: String?
    var title: String?
    var awardedOn: String?
    var note: String?
}

/// Recruitment posts, sign-ups, check-in and check-out, hand-entered hours and their
/// confirmation, evaluations and honours (R6.1). Every write that changes a volunteer's time
/// runs under a lock on the volunteer's account row, so two requests cannot both pass the
/// overlap check.
enum VolunteerServiceDesk {
    static func createPost(_ input: VolunteerPostInput, by staff: Staff, now: Date, time: DisplayTime, lang: Lang,
                           on db: any Database) async throws -> VolunteerPost {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let orgID = check.uuid("org", input.org)
        let activityID = check.uuid("activity", input.activity, required: false)
        let title = check.text("title", input.title, max: 40)
        let duties = check.text("duties", input.duties, max: 300)
        let place = check.text("place", input.place, required: false, max: 60)
        let slots = check.int("slots", input.slots, min: 1, max: 500)
        var span: (day: String, start: Int, end: Int)?
        if activityID == nil || !(input.date ?? "").isEmpty {
            span = check.daySpan(date: input.date, starts: input.starts, ends: input.ends)
        }
        try check.throwIfInvalid()
        guard let org = try await VolunteerOrg.find(orgID!, on: db), staff.scope.contains(org) else {
            throw AppError.invalid(["org": lang.t("请选择您管辖范围内的志愿服务组织。", "Choose an organisation in your scope.")])
        }
        var activity: Activity?
        if let activityID {
            guard let a = try await Activity.find(activityID, on: db), staff.scope.contains(a), a.status != .cancelled else {
                throw AppError.invalid(["activity": lang.t("请选择您管辖范围内、未取消的活动。", "Choose an activity in your scope that is not cancelled.")])
            }
            activity = a
        }
        var starts = activity?.startsAt ?? now, ends = activity?.endsAt ?? now
        if let span, let s = time.instant(day: span.day, minute: span.start), let e = time.instant(day: span.day, minute: span.end) { starts = s; ends = e }
        guard starts > now else {
            throw AppError.invalid(["date": lang.t("招募的服务时间要在将来。", "The service must be in the future.")])
        }
        let post = VolunteerPost()
        post.$org.id = try org.requireID()
        post.$venue.id = org.$venue.id
        post.regionPath = org.regionPath
        post.$activity.id = activity?.id
        post.title = title
        post.duties = duties
        post.place = place.isEmpty ? (activity?.location ?? "") : place
        post.startsAt = starts
        post.endsAt = ends
        post.slots = slots!
        post.taken = 0
        post.closed = false
        post.createdBy = staff.account.id
        post.createdAt = now
        try await db.writeTransaction { tx in try await post.create(on: tx) }
        return post
    }

    /// Takes one slot with a conditional update, then checks the volunteer's own time; any
    /// refusal rolls the slot back with the rest of the transaction.
    static func signUp(postID: UUID, account: Account, now: Date, time: DisplayTime, lang: Lang, on db: any Database) async throws -> VolunteerShift {
        try account.requireCitizen()
        guard let post = try await VolunteerPost.query(on: db).filter(\.$id == postID).with(\.$org).first() else { throw AppError.notFound }
        let accountID = try account.requireID()
        let approved = try await VolunteerApplication.query(on: db).filter(\.$org.$id == post.$org.id).filter(\.$account.$id == accountID)
            .filter(\.$status == .approved).count() > 0
        guard approved else {
            throw AppError.conflict(zh: "请先申请加入“\(post.org.name)”，通过审核后就可以报名它的志愿岗位。",
                                    en: "Join “\(post.org.name)” first; once approved you can sign up for its posts.")
        }
        guard !post.closed, post.startsAt > now else {
            throw AppError.conflict(zh: "这个岗位已经停止招募了。", en: "This post no longer takes sign-ups.")
        }
        return try await db.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            try await lockAccount(accountID, sql)
            let existing = try await VolunteerShift.query(on: tx).filter(\.$post.$id == postID).filter(\.$account.$id == accountID).first()
            if let existing, !existing.cancelled {
                throw AppError.conflict(zh: "您已经报名了这个岗位。", en: "You have already signed up for this post.")
            }
            let won = try await sql.raw("""
                UPDATE volunteer_posts SET taken = taken + 1 WHERE id = \(bind: postID) AND taken < slots AND closed = \(bind: false) RETURNING id
                """).all()
            guard !won.isEmpty else {
                throw AppError.conflict(zh: "这个岗位的名额已经满了，可以看看其他岗位。", en: "This post is full; have a look at the others.")
            }
            try await checkTime(accountID, span: (post.startsAt, post.endsAt), excluding: existing?.id, time: time, lang: lang, on: tx)
            let shift = existing ?? VolunteerShift()
            shift.$account.id = accountID
            shift.$org.id = post.$org.id
            shift.$venue.id = post.$venue.id
            shift.regionPath = post.regionPath
            shift.$post.id = postID
            shift.startsAt = post.startsAt
            shift.endsAt = post.endsAt
            shift.cancelled = false
            shift.checkedInAt = nil
            shift.checkedOutAt = nil
            shift.hoursState = .none
            shift.minutes = 0
            shift.note = ""
            shift.decisionReason = ""
            shift.ratingNote = ""
            shift.createdAt = now
            try await shift.save(on: tx)
            return shift
        }
    }

    static func cancel(_ shiftID: UUID, account: Account, now: Date, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            guard let shift = try await VolunteerShift.find(shiftID, on: tx), shift.$account.id == account.id, let postID = shift.$post.id else { throw AppError.notFound }
            guard !shift.cancelled, shift.checkedInAt == nil, shift.startsAt > now else {
                throw AppError.conflict(zh: "已开始或已签到的岗位不能再取消，如有变化请联系组织负责人。",
                                        en: "A post that has started or been checked in cannot be cancelled; contact the organisation.")
            }
            let updated = try await (tx as! any SQLDatabase).raw("""
                UPDATE volunteer_shifts SET cancelled = \(bind: true) WHERE id = \(bind: shiftID) AND cancelled = \(bind: false) RETURNING id
                """).all()
            guard !updated.isEmpty else { return }
            try await (tx as! any SQLDatabase).raw("UPDATE volunteer_posts SET taken = taken - 1 WHERE id = \(bind: postID) AND taken > 0").run()
        }
    }

    static func checkIn(_ shift: VolunteerShift, by staff: Staff, now: Date, on db: any Database) async throws {
        try await authorize(shift, staff)
        guard !shift.cancelled, shift.checkedInAt == nil else {
            throw AppError.conflict(zh: "这位志愿者已经签到过了。", en: "This volunteer is already checked in.")
        }
        guard now >= shift.startsAt.addingTimeInterval(-2 * 3_600), now < shift.endsAt.addingTimeInterval(6 * 3_600) else {
            throw AppError.conflict(zh: "只能在服务开始前 2 小时到结束后 6 小时之间签到。", en: "Check-in opens 2 hours before the start and closes 6 hours after the end.")
        }
        shift.checkedInAt = now
        try await db.writeTransaction { tx in try await shift.update(on: tx) }
    }

    /// Records the span actually served; the hours then wait for staff to confirm them.
    static func checkOut(_ shift: VolunteerShift, by staff: Staff, now: Date, time: DisplayTime, lang: Lang, on db: any Database) async throws {
        try await authorize(shift, staff)
        guard let checkedIn = shift.checkedInAt, shift.checkedOutAt == nil, !shift.cancelled else {
            throw AppError.conflict(zh: "请先签到，再签退；已签退的不能重复签退。", en: "Check in before checking out, and only once.")
        }
        guard now.timeIntervalSince(checkedIn) >= 60 else {
            throw AppError.conflict(zh: "签到后不到一分钟，请服务结束时再签退。", en: "Less than a minute since check-in; check out when the service ends.")
        }
        let end = min(now, checkedIn.addingTimeInterval(Double(ServiceHours.dayLimitSeconds)))
        try await db.writeTransaction { tx in
            try await lockAccount(shift.$account.id, tx as! any SQLDatabase)
            try await checkTime(shift.$account.id, span: (checkedIn, end), excluding: shift.id, time: time, lang: lang, on: tx)
            shift.checkedOutAt = now
            shift.startsAt = checkedIn
            shift.endsAt = end
            shift.minutes = Int(end.timeIntervalSince(checkedIn) / 60)
            shift.hoursState = .pending
            try await shift.update(on: tx)
        }
    }

    /// A volunteer's own entry of hours served outside a post (e.g. a day of mobile service).
    static func addManual(_ input: ManualHoursInput, account: Account, now: Date, time: DisplayTime, lang: Lang,
                          on db: any Database) async throws -> VolunteerShift {
        var check = FormCheck(lang)
        let orgID = check.uuid("org", input.org)
        let day = check.date("date", input.date)
        let start = DisplayTime.minutes(input.starts ?? "")
        if start == nil { check.fail("starts", "请按 08:30 的格式填写开始时间。", "Enter a start time like 08:30.") }
        let hours = check.double("hours", input.hours, min: 0.5, max: 24)
        let note = check.text("note", input.note, max: 200)
        if let hours, (hours * 2).rounded() != hours * 2 { check.fail("hours", "时长请按半小时填写，例如 2.5。", "Enter hours in halves, e.g. 2.5.") }
        try check.throwIfInvalid()
        let accountID = try account.requireID()
        guard let org = try await VolunteerOrg.find(orgID!, on: db),
              try await VolunteerApplication.query(on: db).filter(\.$org.$id == orgID!).filter(\.$account.$id == accountID).filter(\.$status == .approved).count() > 0 else {
            throw AppError.invalid(["org": lang.t("请选择您已加入的志愿服务组织。", "Choose an organisation you belong to.")])
        }
        guard let from = time.instant(day: day!, minute: start!) else { throw AppError.invalid(["date": lang.t("不是有效的日期。", "Not a valid date.")]) }
        let to = from.addingTimeInterval(hours! * 3_600)
        guard to <= now else {
            throw AppError.invalid(["date": lang.t("只能登记已经完成的服务。", "Enter service already given.")])
        }
        guard from > now.addingTimeInterval(-180 * 86_400) else {
            throw AppError.invalid(["date": lang.t("只能补登 180 天以内的服务。", "Enter service from the last 180 days.")])
        }
        return try await db.writeTransaction { tx in
            try await lockAccount(accountID, tx as! any SQLDatabase)
            try await checkTime(accountID, span: (from, to), excluding: nil, time: time, lang: lang, on: tx)
            let shift = VolunteerShift()
            shift.$account.id = accountID
            shift.$org.id = try org.requireID()
            shift.$venue.id = org.$venue.id
            shift.regionPath = org.regionPath
            shift.startsAt = from
            shift.endsAt = to
            shift.cancelled = false
            shift.hoursState = .pending
            shift.minutes = Int(to.timeIntervalSince(from) / 60)
            shift.note = note
            shift.decisionReason = ""
            shift.ratingNote = ""
            shift.createdAt = now
            try await shift.create(on: tx)
            return shift
        }
    }

    /// Confirms the hours served (optionally fewer than claimed), or refuses them with a reason.
    static func decideHours(_ shift: VolunteerShift, approve: Bool, hours: String?, reason: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try await authorize(shift, staff)
        guard shift.hoursState == .pending else {
            throw AppError.conflict(zh: "这段时长已经处理过了。", en: "These hours have already been decided.")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if approve {
            if let raw = hours?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
                // Staff may confirm fewer hours than recorded, never more (a minute's rounding aside).
                let claimed = VolunteerRecord.hours(shift.minutes)
                guard let h = Double(raw), h.isFinite, h > 0 else {
                    throw AppError.invalid(["hours": lang.t("请填写大于零的时长（小时）。", "Enter the hours, more than zero.")])
                }
                let minutes = Int((h * 60).rounded())
                guard minutes <= shift.minutes + 1 else {
                    throw AppError.invalid(["hours": lang.t("认定时长不能超过记录的 \(claimed) 小时。", "Cannot confirm more than the \(claimed) hours recorded.")])
                }
                shift.minutes = max(1, min(minutes, shift.minutes))
            }
        } else if reason.isEmpty || reason.count > 200 {
            throw AppError.invalid(["reason": lang.t("请写明不予认定的原因（200 字以内），志愿者会看到。", "Give the reason (up to 200 characters); the volunteer sees it.")])
        }
        shift.hoursState = approve ? .confirmed : .declined
        shift.decisionReason = approve ? "" : reason
        shift.decidedBy = staff.account.id
        shift.decidedAt = now
        try await db.writeTransaction { tx in try await shift.update(on: tx) }
    }

    static func rate(_ shift: VolunteerShift, stars: String?, note: String?, by staff: Staff, lang: Lang, on db: any Database) async throws {
        try await authorize(shift, staff)
        var check = FormCheck(lang)
        let score = check.int("rating", stars, min: 1, max: 5)
        let note = check.text("ratingNote", note, required: false, max: 200)
        try check.throwIfInvalid()
        guard shift.hoursState == .confirmed || shift.checkedOutAt != nil else {
            throw AppError.conflict(zh: "服务完成后才能评价。", en: "Evaluate the service once it is done.")
        }
        shift.rating = score
        shift.ratingNote = note
        try await db.writeTransaction { tx in try await shift.update(on: tx) }
    }

    static func addHonour(_ input: HonourInput, accountID: UUID, by staff: Staff, now: Date, lang: Lang,
                          on db: any Database) async throws -> VolunteerHonour {
        try staff.require(.editRegistry)
        // A volunteer outside every organisation in scope is not this account's to honour: 403,
        // as for any write outside the scope, before the form's own errors could answer 422.
        guard try await Account.find(accountID, on: db) != nil else { throw AppError.notFound }
        let orgs = try await VolunteerApplication.query(on: db).filter(\.$account.$id == accountID)
            .filter(\.$status == .approved).with(\.$org).all().map(\.org)
        try staff.require(orgs.contains { staff.scope.contains($0) })
        var check = FormCheck(lang)
        let orgID = check.uuid("org", input.org)
        let title = check.text("title", input.title, max: 60)
        let day = check.date("awardedOn", input.awardedOn)
        let note = check.text("note", input.note, required: false, max: 200)
        try check.throwIfInvalid()
        guard let org = try await VolunteerOrg.find(orgID!, on: db), staff.scope.contains(org),
              try await VolunteerApplication.query(on: db).filter(\.$org.$id == orgID!).filter(\.$account.$id == accountID).filter(\.$status == .approved).count() > 0 else {
            throw AppError.invalid(["org": lang.t("请选择这位志愿者所在、且在您管辖范围内的组织。", "Choose the volunteer's organisation, in your scope.")])
        }
        let honour = VolunteerHonour()
        honour.$account.id = accountID
        honour.$org.id = try org.requireID()
        honour.regionPath = org.regionPath
        honour.title = title
        honour.awardedOn = day!
        honour.note = note
        honour.createdBy = staff.account.id
        honour.createdAt = now
        try await db.writeTransaction { tx in try await honour.create(on: tx) }
        return honour
    }

    // MARK: - Rules

    private static func authorize(_ shift: VolunteerShift, _ staff: Staff) async throws {
        try staff.require(.editRegistry)
        try staff.scope.authorize(shift)
    }

    /// Serialises writes to one volunteer's time: a no-op update takes the row lock on
    /// PostgreSQL (SQLite's write transactions are serial already).
    static func lockAccount(_ id: UUID, _ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE accounts SET login = login WHERE id = \(bind: id)").run()
    }

    /// Refuses a span that overlaps the volunteer's other service or overfills a day.
    static func checkTime(_ accountID: UUID, span: (Date, Date), excluding: UUID?, time: DisplayTime, lang: Lang, on db: any Database) async throws {
        let nearby = try await VolunteerShift.query(on: db).filter(\.$account.$id == accountID).filter(\.$cancelled == false)
            .filter(\.$hoursState != .declined)
            .filter(\.$startsAt < span.1.addingTimeInterval(86_400)).filter(\.$endsAt > span.0.addingTimeInterval(-2 * 86_400))
            .with(\.$post).all()
            .filter { $0.id != excluding }
        let spans = nearby.map { ServiceHours.Span(start: Int64($0.startsAt.timeIntervalSince1970), end: Int64($0.endsAt.timeIntervalSince1970)) }
        let new = ServiceHours.Span(start: Int64(span.0.timeIntervalSince1970), end: Int64(span.1.timeIntervalSince1970))
        let offset = Int64(time.timeZone.secondsFromGMT(for: span.0))
        switch ServiceHours.problem(adding: new, to: spans, utcOffsetSeconds: offset) {
        case nil: return
        case .empty:
            throw AppError.invalid(["hours": lang.t("服务时长要大于零。", "The service must last some time.")])
        case .longerThanADay:
            throw AppError.invalid(["hours": lang.t("一次服务不能超过 24 小时。", "One stretch of service cannot exceed 24 hours.")])
        case .overlaps(let clash):
            let other = nearby[spans.firstIndex(of: clash)!]
            let what = other.post?.title ?? other.note
            let when = time.span(other.startsAt, other.endsAt)
            throw AppError.conflict(zh: "时间与您已登记的志愿服务重叠：\(what)（\(when)）。", en: "This overlaps service you already have: \(what) (\(when)).")
        case .dayOverFull(let minutes):
            let hours = String(format: "%.1f", Double(minutes) / 60)
            throw AppError.invalid(["hours": lang.t("这一天的志愿服务时长累计将达 \(hours) 小时，超过了 24 小时。", "That day would hold \(hours) hours of service, more than 24.")])
        }
    }
}
