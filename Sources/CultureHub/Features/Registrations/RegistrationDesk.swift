import Fluent
import Foundation
import Scheduling
import SQLKit

/// Who is registering: a citizen for themselves, or village staff for a villager
/// without a smartphone (proxy registration, R4.2).
enum Registrant {
    case account(Account)
    case proxy(name: String, phone: String, by: Account)
}

/// Registration, cancellation and waiting-list promotion (R4.2). Every change runs in one
/// transaction that first writes to the activity row: PostgreSQL then holds that row's lock
/// and SQLite its single write lock until commit, so checks and counts cannot interleave.
/// The place count itself only moves through a conditional UPDATE guarded by capacity, and a
/// CHECK constraint backs it up (DESIGN §3 rule 6).
enum RegistrationDesk {
    /// Registers one party. Concurrent registrations for the same activity are committed
    /// together (`RegistrationBatcher`); each still gets its own result or refusal.
    static func register(activityID: UUID, _ registrant: Registrant, places: Int, settings: Settings,
                         now: Date, lang: Lang, on db: any Database) async throws -> Registration {
        if case .account(let account) = registrant { try account.requireCitizen() }
        let request = RegistrationRequest(registrant: registrant, places: places, settings: settings, now: now, lang: lang)
        return try await RegistrationBatcher.shared.register(request, activityID: activityID, on: db)
    }

    /// Cancels a confirmed or waiting registration and moves the waiting list up.
    /// Citizens must cancel before the deadline; staff may cancel at any time.
    static func cancel(registrationID: UUID, byStaff: Bool, ownerID: UUID?, now: Date,
                       on db: any Database) async throws -> (Registration, promoted: [Registration]) {
        try await db.writeTransaction { tx in
            // Lock first, through the registration: on SQLite a read before the first write
            // would let two cancellations deadlock upgrading their locks.
            try await sql(tx).raw("""
                UPDATE activities SET waiting_places = waiting_places
                WHERE id = (SELECT activity_id FROM registrations WHERE id = \(bind: registrationID))
                """).run()
            guard let activityID = try await Registration.query(on: tx).filter(\.$id == registrationID).field(\.$activity.$id).first()?.$activity.id else {
                throw AppError.notFound
            }
            guard let registration = try await Registration.find(registrationID, on: tx),
                  let activity = try await Activity.find(activityID, on: tx) else { throw AppError.notFound }
            if let ownerID, registration.$account.id != ownerID { throw AppError.notFound }
            guard registration.status.isActive else {
                throw AppError.conflict(zh: "这条报名已经取消，无需再取消。", en: "This registration is already cancelled.")
            }
            if !byStaff && !activity.canCancel(at: now) {
                throw AppError.conflict(zh: "已过取消截止时间，不能在网上取消。如确实无法参加，请联系主办场馆。",
                                        en: "The cancellation deadline has passed. If you cannot attend, please contact the venue.")
            }
            let wasConfirmed = registration.status == .confirmed
            registration.status = .cancelled
            try await registration.save(on: tx)
            let column: SQLQueryString = wasConfirmed ? "confirmed_places" : "waiting_places"
            try await sql(tx).raw("UPDATE activities SET \(column) = \(column) - \(bind: registration.places) WHERE id = \(bind: activityID)").run()
            let promoted = wasConfirmed ? try await promoteWaiting(activityID: activityID, on: tx) : []
            return (registration, promoted)
        }
    }

    /// Fills free places from the waiting list in arrival order. Call inside a transaction
    /// that holds the activity lock (after a cancellation or a capacity increase).
    static func promoteWaiting(activityID: UUID, on tx: any Database) async throws -> [Registration] {
        guard let activity = try await Activity.find(activityID, on: tx), activity.remainingPlaces > 0 else { return [] }
        let queue = try await Registration.query(on: tx).filter(\.$activity.$id == activityID).filter(\.$status == .waitlisted)
            .sort(\.$createdAt).sort(\.$id).all()
        let chosen = Set(Waitlist.promotions(freePlaces: activity.remainingPlaces,
                                             queue: queue.map { Waitlist.Entry(id: $0.id!, places: $0.places) }))
        var promoted: [Registration] = []
        for registration in queue where chosen.contains(registration.id!) {
            guard try await takePlaces(registration.places, activityID: activityID, on: tx) else { break }
            try await sql(tx).raw("UPDATE activities SET waiting_places = waiting_places - \(bind: registration.places) WHERE id = \(bind: activityID)").run()
            registration.status = .confirmed
            try await registration.save(on: tx)
            promoted.append(registration)
        }
        return promoted
    }

    /// Marks confirmed places not checked in as no-shows once their activity has ended.
    @discardableResult
    static func sweepNoShows(now: Date, on db: any Database) async throws -> Int {
        let ended = Activity.query(on: db).filter(\.$endsAt <= now).filter(\.$registration == .required)
        let ids = try await ended.field(\.$id).all().compactMap(\.id)
        guard !ids.isEmpty else { return 0 }
        let marked = try await Registration.query(on: db).filter(\.$activity.$id ~~ ids)
            .filter(\.$status == .confirmed).filter(\.$checkedInAt == nil).count()
        try await Registration.query(on: db).filter(\.$activity.$id ~~ ids)
            .filter(\.$status == .confirmed).filter(\.$checkedInAt == nil)
            .set(\.$status, to: .noShow).update()
        return marked
    }

    // MARK: - Steps

    static func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// A no-op write that takes the activity's lock for the rest of the transaction.
    static func lockActivity(_ id: UUID, on tx: any Database) async throws {
        try await sql(tx).raw("UPDATE activities SET waiting_places = waiting_places WHERE id = \(bind: id)").run()
    }

    /// Adds places only if they fit; reports whether they did.
    private static func takePlaces(_ places: Int, activityID: UUID, on tx: any Database) async throws -> Bool {
        let rows = try await sql(tx).raw("""
            UPDATE activities SET confirmed_places = confirmed_places + \(bind: places)
            WHERE id = \(bind: activityID) AND confirmed_places + \(bind: places) <= capacity RETURNING id
            """).all()
        return !rows.isEmpty
    }

    static func checkOpen(_ activity: Activity, places: Int, settings: Settings, now: Date, lang: Lang) throws {
        guard activity.status == .published else {
            throw AppError.conflict(zh: "这个活动已取消，不能报名。", en: "This activity has been cancelled.")
        }
        guard activity.registration == .required else {
            throw AppError.conflict(zh: "这个活动无需报名，到时直接参加即可。", en: "No registration is needed: just come along.")
        }
        guard now < activity.startsAt else {
            throw AppError.conflict(zh: "活动已经开始或结束，报名已截止。", en: "The activity has started or ended; registration is closed.")
        }
        let limit = min(activity.perAccountLimit, settings.maxPartySize)
        guard places >= 1, places <= limit else {
            throw AppError.invalid(["places": lang.t(
                limit == 1 ? "每个账号只能报 1 人。" : "每个账号最多可报 \(limit) 人（含本人）。",
                limit == 1 ? "One place per account." : "At most \(limit) places per account, yourself included.")])
        }
    }
}
