import Fluent
import Foundation
import SQLKit
import Vapor

/// Who is acting, for every audit event written while a request is handled.
struct AuditActor: Sendable, Equatable {
    var id: UUID?
    var label: String
    var ip: String

    static let system = AuditActor(id: nil, label: "system", ip: "")
}

/// The audit log (R9.1). Writes made through Fluent models are recorded by
/// `AuditModelMiddleware` without the feature code doing anything; raw SQL writes, logins,
/// views of unmasked personal data and exports call `record` themselves.
///
/// Group writes with `db.writeTransaction`, not Fluent's `db.transaction`: Fluent runs its
/// transaction body in a task that loses task-local values (who is acting, the events
/// waiting for commit), and its batch `create` saves models concurrently.
enum AuditLog {
    /// The acting person, set per request by `AuditContextMiddleware`.
    @TaskLocal static var actor: AuditActor = .system
    /// Events waiting for the commit of the surrounding write transaction.
    @TaskLocal static var pending: PendingEvents?
    /// Set while code writes its own, more telling events (e.g. a registration batch).
    @TaskLocal static var modelEventsSuppressed = false

    /// Records events as part of the current write: inside a write transaction they are appended
    /// just before it commits (the chain's lock is then always the last one taken, so it cannot
    /// join a deadlock); otherwise in a write transaction of their own.
    static func record(_ entries: [AuditEntry], on db: any Database) async throws {
        guard !entries.isEmpty else { return }
        if let pending {
            pending.add(entries)
        } else if db.inTransaction {
            try await append(entries, on: db)
        } else {
            try await db.writeTransaction { _ in AuditLog.pending?.add(entries) }
        }
    }

    static func record(action: String, entity: String, entityID: String, summary: String, on db: any Database) async throws {
        try await record([entry(action: action, entity: entity, entityID: entityID, summary: summary)], on: db)
    }

    static func entry(action: String, entity: String, entityID: String, summary: String, by who: AuditActor = AuditLog.actor) -> AuditEntry {
        AuditEntry(actorID: who.id, actor: who.label, action: action, entity: entity, entityID: entityID, summary: summary, ip: who.ip)
    }

    /// Numbers, chains and inserts `entries`; the caller's transaction holds the head row.
    static func append(_ entries: [AuditEntry], at now: Date = Date(), on tx: any Database) async throws {
        guard !entries.isEmpty else { return }
        let sql = tx as! any SQLDatabase
        struct Head: Decodable { let last_seq: Int64; let last_hash: String }
        guard let head = try await sql.raw("""
            UPDATE audit_head SET last_seq = last_seq + \(bind: Int64(entries.count)) WHERE id = 1 RETURNING last_seq, last_hash
            """).first(decoding: Head.self) else { throw Abort(.internalServerError, reason: "audit_head row missing") }
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let events = AuditChain.chain(entries, after: head.last_seq - Int64(entries.count), hash: head.last_hash, atMillis: millis)
        let at = Date(timeIntervalSince1970: Double(millis) / 1000)
        for chunk in stride(from: 0, to: events.count, by: 200) {
            let insert = sql.insert(into: AuditEvent.schema)
                .columns("id", "seq", "at", "actor_id", "actor", "action", "entity", "entity_id", "summary", "ip", "prev_hash", "hash")
            for e in events[chunk..<min(chunk + 200, events.count)] {
                insert.values(SQLBind(UUID()), SQLBind(e.seq), SQLBind(at), SQLBind(e.actorID), SQLBind(e.actor), SQLBind(e.action), SQLBind(e.entity),
                              SQLBind(e.entityID), SQLBind(e.summary), SQLBind(e.ip), SQLBind(e.prevHash), SQLBind(e.hash))
            }
            try await insert.run()
        }
        try await sql.raw("UPDATE audit_head SET last_hash = \(bind: events.last!.hash) WHERE id = 1").run()
    }
}

/// Audit events collected during one write transaction.
final class PendingEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [AuditEntry] = []

    func add(_ more: [AuditEntry]) { lock.withLock { entries += more } }
    func take() -> [AuditEntry] { lock.withLock { defer { entries = [] }; return entries } }
}

/// Names the acting account (or the visitor's address) for everything the request writes.
/// Sits after the authenticators, so it knows who signed in.
struct AuditContextMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let account = req.auth.get(Account.self)
        let ip = req.clientAddress
        let actor = AuditActor(id: account?.id, label: account.map { AuditLog.label($0) } ?? "visitor", ip: ip)
        return try await AuditLog.$actor.withValue(actor) { try await next.respond(to: req) }
    }
}

extension AuditLog {
    /// "chengguan (townshipManager)"; a citizen's login is a phone number, so it is masked.
    static func label(_ account: Account) -> String {
        let login = account.role == .citizen ? MobileNumber.masked(account.login) : account.login
        return "\(login) (\(account.role.rawValue))"
    }
}
