import Fluent
import Foundation
import Scheduling
import SQLKit

/// One party asking for places; the batch answers each on its own.
struct RegistrationRequest: Sendable {
    let registrant: Registrant
    let places: Int
    let settings: Settings
    let now: Date
    let lang: Lang
    /// Who asked, for the audit log: the batch may be written from another request's task.
    var actor: AuditActor = AuditLog.actor

    var accountID: UUID? {
        if case .account(let account) = registrant { return account.id }
        return nil
    }
}

/// Group commit for registrations. A popular activity opens to hundreds of people at once,
/// and every registration must hold the activity's write lock while it counts places; done
/// one by one, the lock hand-offs and statement round trips (not the work) cap throughput at
/// a few dozen per second. Requests for one activity that arrive while a batch is being
/// written wait and go into the next batch: one transaction, one lock, a handful of
/// statements for up to `maxBatch` parties, each still checked exactly as if alone.
actor RegistrationBatcher {
    static let shared = RegistrationBatcher()
    static let maxBatch = 128

    private typealias Waiting = (request: RegistrationRequest, reply: CheckedContinuation<Registration, any Error>)
    private var queues: [UUID: [Waiting]] = [:]

    func register(_ request: RegistrationRequest, activityID: UUID, on db: any Database) async throws -> Registration {
        try await withCheckedThrowingContinuation { reply in
            let isFirst = queues[activityID] == nil
            queues[activityID, default: []].append((request, reply))
            // The first waiter starts a writer; later ones ride along with it.
            if isFirst { Task { await self.drain(activityID, on: db) } }
        }
    }

    private func drain(_ activityID: UUID, on db: any Database) async {
        while let batch = nextBatch(activityID) {
            let outcomes: [Result<Registration, any Error>]
            do {
                outcomes = try await RegistrationDesk.registerBatch(activityID: activityID, batch.map(\.request), on: db)
            } catch {
                outcomes = Array(repeating: .failure(error), count: batch.count)
            }
            for (waiting, outcome) in zip(batch, outcomes) { waiting.reply.resume(with: outcome) }
        }
    }

    /// Takes up to `maxBatch` waiters; when none are left, forgets the activity in the same
    /// step, so a request arriving next starts a new writer.
    private func nextBatch(_ activityID: UUID) -> [Waiting]? {
        guard let queue = queues[activityID], !queue.isEmpty else {
            queues[activityID] = nil
            return nil
        }
        let batch = Array(queue.prefix(Self.maxBatch))
        queues[activityID] = Array(queue.dropFirst(batch.count))
        return batch
    }
}

extension RegistrationDesk {
    /// Registers several parties for one activity in one transaction. Refusals (registered
    /// twice, blocked, too many places …) are per request and change nothing; the others are
    /// confirmed while places last, in arrival order, and waitlisted after that.
    static func registerBatch(activityID: UUID, _ requests: [RegistrationRequest],
                              on db: any Database) async throws -> [Result<Registration, any Error>] {
        try await db.writeTransaction { tx in
            try await lockActivity(activityID, on: tx)
            guard let activity = try await Activity.find(activityID, on: tx) else { throw AppError.notFound }
            let accounts = Array(Set(requests.compactMap(\.accountID)))
            var active = try await activeRegistrations(activityID: activityID, accounts: accounts, on: tx)
            let missed = try await missedActivities(accounts: accounts, requests: requests, on: tx)
            var recent = try await recentRegistrations(accounts: accounts, requests: requests, on: tx)
            let children = try await childrenWithoutConsent(accounts: accounts, requests: requests, on: tx)

            var free = activity.remainingPlaces
            var outcomes: [Result<Registration, any Error>] = []
            var created: [Registration] = []
            for request in requests {
                do {
                    try checkOpen(activity, places: request.places, settings: request.settings, now: request.now, lang: request.lang)
                    if let accountID = request.accountID {
                        if children.contains(accountID) {
                            throw AppError.conflict(zh: "未满 14 周岁的儿童报名，需要监护人先在“我的资料”中填写并勾选同意。",
                                                    en: "A child under 14 can register once a guardian has given consent under My details.")
                        }
                        try checkAccount(existing: active[accountID], missed: missed[accountID] ?? [], recent: recent[accountID] ?? 0, request)
                        recent[accountID, default: 0] += 1
                    }
                    let confirmed = request.places <= free
                    if confirmed { free -= request.places }
                    let registration = makeRegistration(request, activity: activity, confirmed: confirmed)
                    if let accountID = request.accountID { active[accountID] = registration.status }
                    created.append(registration)
                    outcomes.append(.success(registration))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            guard !created.isEmpty else { return outcomes }
            var entries: [AuditEntry] = []
            for (request, outcome) in zip(requests, outcomes) {
                guard case .success(let r) = outcome else { continue }
                entries.append(AuditLog.entry(action: "create", entity: Registration.schema, entityID: r.id!.uuidString,
                                              summary: AuditSummary.render(["activity_id": activityID.uuidString, "places": String(r.places), "status": r.status.rawValue,
                                                                            "proxy_by": r.proxyBy?.uuidString ?? "", "phone": AuditSummary.mask("phone", r.phone) ?? ""]),
                                              by: request.actor))
            }
            try await AuditLog.record(entries, on: tx)
            let confirmed = created.filter { $0.status == .confirmed }.reduce(0) { $0 + $1.places }
            let waiting = created.filter { $0.status == .waitlisted }.reduce(0) { $0 + $1.places }
            // The lock makes this always fit; the guard (and the CHECK constraint) make sure.
            let updated = try await sql(tx).raw("""
                UPDATE activities SET confirmed_places = confirmed_places + \(bind: confirmed),
                    waiting_places = waiting_places + \(bind: waiting)
                WHERE id = \(bind: activityID) AND confirmed_places + \(bind: confirmed) <= capacity RETURNING id
                """).all()
            guard !updated.isEmpty else { throw AppError.conflict(zh: "名额刚刚发生变化，请重试。", en: "Places just changed; please try again.") }
            try await insert(created, on: tx)
            return outcomes
        }
    }

    /// One multi-row INSERT (logged above, one event per request with its own actor).
    private static func insert(_ registrations: [Registration], on tx: any Database) async throws {
        let sql = sql(tx)
        for chunk in stride(from: 0, to: registrations.count, by: 100) {
            let insert = sql.insert(into: Registration.schema).columns("id", "activity_id", "region_path", "account_id", "name", "phone", "places",
                                                                        "status", "proxy_by", "created_at", "updated_at")
            for r in registrations[chunk..<min(chunk + 100, registrations.count)] {
                insert.values(SQLBind(r.id!), SQLBind(r.$activity.id), SQLBind(r.regionPath), SQLBind(r.$account.id), SQLBind(r.name), SQLBind(r.phone),
                              SQLBind(r.places), SQLBind(r.status.rawValue), SQLBind(r.proxyBy), SQLBind(r.createdAt), SQLBind(r.createdAt))
            }
            try await insert.run()
        }
        for r in registrations { r.$id.exists = true; r.updatedAt = r.createdAt }
    }

    private static func makeRegistration(_ request: RegistrationRequest, activity: Activity, confirmed: Bool) -> Registration {
        let registration = Registration()
        registration.id = UUID()
        registration.$activity.id = activity.id!
        registration.regionPath = activity.regionPath
        registration.places = request.places
        registration.status = confirmed ? .confirmed : .waitlisted
        registration.createdAt = request.now
        switch request.registrant {
        case .account(let account):
            registration.$account.id = account.id
            registration.name = account.displayName
            registration.phone = account.role == .citizen ? account.login : ""
        case .proxy(let name, let phone, let staff):
            registration.name = name
            registration.phone = phone
            registration.proxyBy = staff.id
        }
        return registration
    }

    private static func checkAccount(existing: RegistrationStatus?, missed: [Date], recent: Int, _ request: RegistrationRequest) throws {
        switch existing {
        case .confirmed:
            throw AppError.conflict(zh: "您已报名这个活动，无需重复报名。可在“我的报名”中查看签到码。",
                                    en: "You are already registered for this activity. Your check-in code is under My registrations.")
        case .waitlisted:
            throw AppError.conflict(zh: "您已在这个活动的候补名单中，有名额空出时会自动转为报名成功。",
                                    en: "You are already on this activity's waiting list; you will be moved up when a place frees.")
        default: break
        }
        let perHour = request.settings.registrationsPerHour
        if perHour > 0 && recent >= perHour {
            throw AppError.tooManyRequests(zh: "您一小时内已报名 \(perHour) 次，为防止恶意占座，请稍后再报名。",
                                           en: "You have registered \(perHour) times within an hour; to stop place-hoarding, please try again later.")
        }
        let rule = request.settings.noShowRule
        let since = request.now.addingTimeInterval(-Double(rule.lookBackDays) * 86_400)
        if let until = rule.blockedUntil(noShows: missed.filter { $0 > since }, now: request.now) {
            let day = DisplayTime.day(until, in: request.settings.displayTimeZone)
            throw AppError.conflict(
                zh: "您在 \(rule.windowDays) 天内有 \(rule.strikes) 次报名后未到场，按防止恶意占座的规定，\(day) 前不能报名新活动。",
                en: "You missed \(rule.strikes) activities you registered for within \(rule.windowDays) days, so under the no-show rule you cannot register again until \(day).")
        }
    }

    /// Each account's live (confirmed or waiting) registration on this activity.
    private static func activeRegistrations(activityID: UUID, accounts: [UUID], on tx: any Database) async throws -> [UUID: RegistrationStatus] {
        guard !accounts.isEmpty else { return [:] }
        struct Row: Decodable { let account_id: UUID; let status: RegistrationStatus }
        let rows = try await sql(tx).select().column("account_id").column("status").from(Registration.schema)
            .where("activity_id", .equal, SQLBind(activityID))
            .where("account_id", .in, SQLBind.group(accounts))
            .where("status", .in, SQLBind.group([RegistrationStatus.confirmed.rawValue, RegistrationStatus.waitlisted.rawValue]))
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.account_id, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many registrations each account made in the hour before the batch.
    private static func recentRegistrations(accounts: [UUID], requests: [RegistrationRequest], on tx: any Database) async throws -> [UUID: Int] {
        guard !accounts.isEmpty, let earliest = requests.map(\.now).min() else { return [:] }
        struct Row: Decodable { let account_id: UUID; let n: Int }
        let rows = try await sql(tx).select().column("account_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Registration.schema)
            .where("account_id", .in, SQLBind.group(accounts))
            .where("created_at", .greaterThan, SQLBind(earliest.addingTimeInterval(-3600)))
            .groupBy("account_id")
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.account_id, $0.n) }, uniquingKeysWith: +)
    }

    /// When each account missed activities it was confirmed for, over the longest look-back any
    /// request needs. A confirmed place not checked in after the activity ended is a no-show
    /// even before the sweep has marked it.
    private static func missedActivities(accounts: [UUID], requests: [RegistrationRequest], on tx: any Database) async throws -> [UUID: [Date]] {
        guard !accounts.isEmpty, let latest = requests.map(\.now).max(), let earliest = requests.map(\.now).min() else { return [:] }
        let lookBack = requests.map { $0.settings.noShowRule.lookBackDays }.max() ?? 0
        let since = earliest.addingTimeInterval(-Double(lookBack) * 86_400)
        struct Row: Decodable { let account_id: UUID; let ends_at: Date }
        let rows = try await sql(tx).select().column(SQLColumn("account_id", table: Registration.schema)).column(SQLColumn("ends_at", table: Activity.schema))
            .from(Registration.schema)
            .join(Activity.schema, on: SQLColumn("activity_id", table: Registration.schema), .equal, SQLColumn("id", table: Activity.schema))
            .where(SQLColumn("account_id", table: Registration.schema), .in, SQLBind.group(accounts))
            .where(SQLColumn("ends_at", table: Activity.schema), .greaterThan, SQLBind(since))
            .where(SQLColumn("ends_at", table: Activity.schema), .lessThanOrEqual, SQLBind(latest))
            .where { $0
                .where(SQLColumn("status", table: Registration.schema), .equal, SQLBind(RegistrationStatus.noShow.rawValue))
                .orWhere { $0
                    .where(SQLColumn("status", table: Registration.schema), .equal, SQLBind(RegistrationStatus.confirmed.rawValue))
                    .where(SQLColumn("checked_in_at", table: Registration.schema), .is, SQLLiteral.null)
                }
            }
            .all(decoding: Row.self)
        return Dictionary(grouping: rows, by: \.account_id).mapValues { $0.map(\.ends_at) }
    }

    /// Accounts of children under 14 (by the birth date they gave) without a guardian's consent (PIPL art. 31).
    private static func childrenWithoutConsent(accounts: [UUID], requests: [RegistrationRequest], on tx: any Database) async throws -> Set<UUID> {
        guard !accounts.isEmpty, let first = requests.first else { return [] }
        let today = DisplayTime(timeZone: first.settings.displayTimeZone, now: first.now).today
        guard let year = Int(today.prefix(4)) else { return [] }
        struct Row: Decodable { let account_id: UUID }
        let rows = try await sql(tx).select().column("account_id").from(CitizenProfile.schema)
            .where("account_id", .in, SQLBind.group(accounts))
            .where("birth_date", .greaterThan, SQLBind(String(year - 14) + today.dropFirst(4)))
            .where("guardian_consent_at", .is, SQLLiteral.null)
            .all(decoding: Row.self)
        return Set(rows.map(\.account_id))
    }
}
