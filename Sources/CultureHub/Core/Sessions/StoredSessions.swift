import Foundation
import SQLKit
import Vapor

/// Web sessions in our own table (issue #20 point 10). Fluent's session table keeps no times, so
/// nothing could tell an abandoned session from a live one and rows piled up for ever. Here each
/// row carries when it was last written and whose it is, so expired sessions are purged and an
/// account's sessions can be ended by id rather than by searching their text.
struct StoredSessionDriver: AsyncSessionDriver {
    static let table = "web_sessions"
    /// The key under which Vapor's `SessionAuthenticatable` keeps the signed-in account's id.
    static let accountKey = "_\(Account.self)Session"

    /// A session that holds nothing is not stored: a visitor who sends an invented cookie on a
    /// read (Vapor then starts a fresh, empty session) leaves no row behind.
    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: CSRF.randomToken(bytes: 32))
        guard !data.snapshot.isEmpty else { return id }
        try await sql(request).insert(into: Self.table)
            .columns("key", "data", "account_id", "seen_at")
            .values(SQLBind(id.string), SQLBind(try Self.encode(data)), SQLBind(Self.account(in: data)),
                    SQLBind(request.now))
            .run()
        return id
    }

    /// An expired session reads as no session, whether or not the purge has removed it yet; if
    /// someone was signed in to it, the sign-in page says they were signed out for inactivity.
    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        struct Row: Decodable { let data: String; let seen_at: Date }
        let row = try await sql(request).select().columns("data", "seen_at").from(Self.table)
            .where("key", .equal, SQLBind(sessionID.string))
            .first(decoding: Row.self)
        guard let row, let data = try? JSONDecoder().decode([String: String].self, from: Data(row.data.utf8)) else {
            return nil
        }
        let session = SessionData(initialData: data)
        guard row.seen_at > Self.oldestLive(request) else {
            if Self.account(in: session) != nil { request.storage[SessionExpiredKey.self] = true }
            try await deleteSession(sessionID, for: request)
            return nil
        }
        request.storage[ReadSessionKey.self] = session
        return session
    }

    /// Unchanged data is not written again: a signed-in page view costs no write. The idle
    /// timeout refreshes `seen` in the data once a minute, which keeps `seen_at` current.
    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if let read = request.storage[ReadSessionKey.self], read == data { return sessionID }
        guard !data.snapshot.isEmpty else {
            try await deleteSession(sessionID, for: request)
            return sessionID
        }
        let updated = try await sql(request).update(Self.table)
            .set("data", to: SQLBind(try Self.encode(data)))
            .set("account_id", to: SQLBind(Self.account(in: data)))
            .set("seen_at", to: SQLBind(request.now))
            .where("key", .equal, SQLBind(sessionID.string))
            .returning("key").all()
        // The row was purged or ended meanwhile: start afresh rather than write to nothing.
        return updated.isEmpty ? try await createSession(data, for: request) : sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        try await sql(request).delete(from: Self.table).where("key", .equal, SQLBind(sessionID.string)).run()
    }

    private func sql(_ request: Request) -> any SQLDatabase { request.db as! any SQLDatabase }

    static func oldestLive(_ request: Request) -> Date {
        request.now.addingTimeInterval(-request.settings.sessionTimeout)
    }

    static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data.snapshot), as: UTF8.self)
    }

    static func account(in data: SessionData) -> UUID? { data[accountKey].flatMap(UUID.init(uuidString:)) }
}

private struct ReadSessionKey: StorageKey { typealias Value = SessionData }

extension Request {
    /// A session read from the store. `hasSession` is also true for a cookie the store does not
    /// know (an invented or expired one), whose fresh session must stay empty unless used.
    var hasStoredSession: Bool { hasSession && session.id != nil }
}

/// Removes sessions idle past the timeout; any app process may run it at any time.
enum SessionPurge {
    @discardableResult
    static func run(on db: any SQLDatabase, now: Date, timeout: TimeInterval) async throws -> Int {
        try await db.delete(from: StoredSessionDriver.table)
            .where("seen_at", .lessThanOrEqual, SQLBind(now.addingTimeInterval(-timeout)))
            .returning("key").all().count
    }

    static func task() -> PeriodicTask {
        PeriodicTask("session purge", after: .minutes(1), every: .minutes(10)) { app in
            let purged = try await run(on: app.db as! any SQLDatabase, now: app.clock.now(),
                                       timeout: app.settings.sessionTimeout)
            if purged > 0 { app.logger.info("purged \(purged) expired sessions") }
        }
    }

    /// Ends every session of one account (account closed; all signed out).
    static func endAll(of account: UUID, on db: any SQLDatabase) async throws {
        try await db.delete(from: StoredSessionDriver.table).where("account_id", .equal, SQLBind(account)).run()
    }
}
