import Fluent
import Foundation
import KPIMetrics
import SQLKit

/// Who may rate what, and saving a rating (R5.1). Every refusal says why, in the user's language.
enum RatingDesk {
    /// A rating may be changed for this long after it was first given.
    static let editWindow: TimeInterval = 7 * 86_400
    static let maxComment = 500

    /// What the page should offer this account for this target.
    enum Standing: Equatable {
        case mayRate
        case mayEdit(until: Date)
        case rated
        case notAllowed(zh: String, en: String)
    }

    struct Resolved {
        let target: RatingTarget
        let venueID: UUID
        let activityID: UUID?
        let regionPath: String
    }

    static func resolve(_ target: RatingTarget, on db: any Database) async throws -> Resolved {
        switch target {
        case .activity(let id):
            guard let activity = try await Activity.find(id, on: db) else { throw AppError.notFound }
            return Resolved(target: target, venueID: activity.$venue.id, activityID: id, regionPath: activity.regionPath)
        case .venue(let id):
            guard let venue = try await Venue.find(id, on: db) else { throw AppError.notFound }
            return Resolved(target: target, venueID: id, activityID: nil, regionPath: venue.regionPath)
        case .order(let id):
            guard let order = try await ServiceOrder.find(id, on: db) else { throw AppError.notFound }
            // Counted for the supplying venue, as its activities' ratings are.
            return Resolved(target: target, venueID: order.$venue.id, activityID: order.$activity.id, regionPath: order.venueRegionPath)
        }
    }

    static func existing(_ target: RatingTarget, account: Account, on db: any Database) async throws -> Rating? {
        try await Rating.query(on: db).filter(\.$account.$id == account.requireID()).filter(\.$targetKey == target.key).first()
    }

    static func standing(_ target: RatingTarget, account: Account?, now: Date, on db: any Database) async throws -> Standing {
        guard let account else { return .notAllowed(zh: "登录后才能评价。", en: "Sign in to rate.") }
        if let mine = try await existing(target, account: account, on: db) {
            let until = mine.createdAt.addingTimeInterval(editWindow)
            return now < until ? .mayEdit(until: until) : .rated
        }
        switch target {
        case .activity(let id):
            guard account.role == .citizen else { return .notAllowed(zh: Account.staffActingAsCitizen.message(.zh), en: Account.staffActingAsCitizen.message(.en)) }
            let attended = try await Registration.query(on: db).filter(\.$activity.$id == id)
                .filter(\.$account.$id == account.requireID()).filter(\.$checkedInAt != nil).count()
            guard attended > 0 else {
                return .notAllowed(zh: "签到参加过这个活动后才能评价。", en: "You can rate an activity once you have checked in to it.")
            }
        case .venue(let id):
            guard account.role == .citizen else {
                return .notAllowed(zh: "工作人员账号不能给场馆评价。", en: "Staff accounts cannot rate venues.")
            }
            guard try await VenueVisits.hasVisited(id, account: account, now: now, on: db) else {
                return .notAllowed(zh: "在这里签到参加过活动、使用过预约的场地，或扫过服务台的评价二维码后（一年内），才能评价这个场馆。",
                                   en: "You can rate a venue once you have checked in to one of its activities, used a space "
                                    + "you booked there, or scanned the rating code at its front desk, within the last year.")
            }
        case .order(let id):
            guard let order = try await ServiceOrder.find(id, on: db) else { return .notAllowed(zh: "没有这份点单。", en: "No such order.") }
            if let scope = account.scope {
                // The village's staff rate it once they have confirmed delivery.
                guard account.role.may(.decideOrders), scope.acts(for: .village, on: order) else {
                    return .notAllowed(zh: "只有点单的村（社区）可以评价这次服务。", en: "Only the village that ordered can rate this service.")
                }
                // Whoever also answers for the serving venue would be rating their own service.
                guard !scope.acts(for: .venue, on: order) else {
                    return .notAllowed(zh: "您同时负责提供这项服务的场馆，不能给自己的服务打分；请由村（社区）文化管理员评价。",
                                       en: "You also run the venue that served it, so you cannot rate it; the village's culture staff rate it.")
                }
                guard order.status == .delivered else { return .notAllowed(zh: "确认送达后才能评价。", en: "Confirm delivery first, then rate it.") }
            } else {
                // Villagers rate it once it has taken place: those who live there or who checked in.
                let held = order.status == .delivered || (order.status == .accepted && (order.scheduledEndsAt.map { $0 <= now } ?? false))
                guard held else { return .notAllowed(zh: "服务结束后才能评价。", en: "You can rate it once it has taken place.") }
                let profile = try await CitizenProfile.query(on: db).filter(\.$account.$id == account.requireID()).first()
                // The village counts only if it was given before the service took place: a village
                // changed afterwards cannot reach services delivered elsewhere (issue #20 review).
                let heldAt = order.deliveredAt ?? order.scheduledEndsAt ?? now
                let home = (profile?.homeVillageSince).map { $0 <= heldAt } == true ? profile?.homeVillageID : nil
                var attended = false
                if let activityID = order.$activity.id {
                    attended = try await Registration.query(on: db).filter(\.$activity.$id == activityID)
                        .filter(\.$account.$id == account.requireID()).filter(\.$checkedInAt != nil).count() > 0
                }
                guard home == order.$village.id || attended else {
                    return .notAllowed(zh: "这是其他村（社区）点的服务。在“我的资料”里填写您住的村后，可以评价本村点单的服务。",
                                       en: "This service was ordered by another village. Give your village under My details to rate your village's services.")
                }
            }
        }
        return .mayRate
    }

    /// Creates or (within the edit window) changes the account's rating. Throws `invalid` for a
    /// bad score or comment and `conflict` when rating is not allowed; nothing is saved then.
    static func rate(_ target: RatingTarget, account: Account, score rawScore: String?, comment rawComment: String?,
                     now: Date, lang: Lang, on db: any Database) async throws -> (rating: Rating, created: Bool) {
        var check = FormCheck(lang)
        let score = check.int("score", rawScore, min: Score.range.lowerBound, max: Score.range.upperBound)
        let comment = check.text("comment", rawComment, required: false, max: maxComment)
        let resolved = try await resolve(target, on: db)
        switch try await standing(target, account: account, now: now, on: db) {
        case .notAllowed(let zh, let en): throw AppError.conflict(zh: zh, en: en)
        case .rated: throw AppError.conflict(zh: "您已评价过，评价提交 7 天后不能再修改。", en: "You have already rated this; ratings can be changed for 7 days only.")
        case .mayRate, .mayEdit: break
        }
        try check.throwIfInvalid()
        do {
            return try await db.writeTransaction { tx in
                if let mine = try await existing(target, account: account, on: tx) {
                    mine.score = score!
                    mine.comment = comment
                    mine.updatedAt = now
                    try await mine.update(on: tx)
                    return (mine, false)
                }
                let rating = Rating()
                rating.targetKey = target.key
                rating.$account.id = try account.requireID()
                rating.$activity.id = resolved.activityID
                rating.$venue.id = resolved.venueID
                rating.regionPath = resolved.regionPath
                rating.score = score!
                rating.comment = comment
                rating.createdAt = now
                rating.updatedAt = now
                try await rating.create(on: tx)
                return (rating, true)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // A second submission raced this one past the check: one rating per account and target.
            throw AppError.conflict(zh: "您已评价过了。", en: "You have already rated this.")
        }
    }

    /// Hides the comment (not the score) with a reason the public sees in its place.
    static func hide(_ rating: Rating, reason: String, staffID: UUID, now: Date, lang: Lang, on db: any Database) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 100 else {
            throw AppError.invalid(["reason": lang.t("请写明隐藏原因（100 字以内），会公开显示在评论位置。", "Give a reason (up to 100 characters); it is shown in place of the comment.")])
        }
        try await db.writeTransaction { tx in
            rating.hiddenReason = reason
            rating.hiddenBy = staffID
            rating.hiddenAt = now
            try await rating.update(on: tx)
        }
    }

    static func restore(_ rating: Rating, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            rating.hiddenReason = nil
            rating.hiddenBy = nil
            rating.hiddenAt = nil
            try await rating.update(on: tx)
        }
    }
}

/// Public figures for a target: average, count and the 1–5 distribution, from one GROUP BY.
struct RatingSummary: Equatable {
    var histogram: ScoreHistogram

    static func of(_ target: RatingTarget, on db: any Database) async throws -> RatingSummary {
        try await load(on: db) { $0.where("target_key", .equal, target.key) }
    }

    /// A venue's summary counts its own ratings and those of its activities.
    static func ofVenue(_ venueID: UUID, on db: any Database) async throws -> RatingSummary {
        try await load(on: db) { $0.where("venue_id", .equal, venueID) }
    }

    private static func load(on db: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> RatingSummary {
        struct Row: Decodable { let score: Int; let n: Int }
        let sql = db as! any SQLDatabase
        // The same voices as in the satisfaction figures: confirmed citizens and staff.
        let rows = try await filter(sql.select().column("score").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("ratings").where(SQLRaw("account_id IN (\(SatisfactionPanel.countedAccounts))")))
            .groupBy("score").all(decoding: Row.self)
        var histogram = ScoreHistogram()
        for row in rows { histogram.add(score: row.score, count: row.n) }
        return RatingSummary(histogram: histogram)
    }
}
