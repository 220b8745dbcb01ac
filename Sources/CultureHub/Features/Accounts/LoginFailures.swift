import Fluent
import Foundation
import SQLKit

/// Wrong passwords and wrong second-step codes, counted by the database itself. A count read,
/// increased and written back lets parallel guesses each see the same old number, so a
/// thousand guesses in flight cost one strike; `failed_logins = failed_logins + 1` cannot.
enum LoginFailures {
    struct Outcome: Equatable { let count: Int; let locked: Bool }

    /// Failures on a name with no (active) account, counted in `rate_limits`.
    static let unknownName = RateLimit(name: "login-unknown", limit: LoginPolicy.maxFailures - 1, window: LoginPolicy.lockDuration)

    /// A name without an account is "locked" as a real account would be: after as many failures,
    /// for as long, with the same minutes left, so the answer cannot tell the two apart.
    /// Returns the minutes left when the name is (now) locked, nil while it may still try.
    static func recordUnknown(_ name: String, now: Date, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { throw AppError.unavailable }
        let lockKey = "login-unknown-lock:\(name)"
        struct Row: Decodable { let expires_at: Date }
        if let until = try await sql.raw("""
            SELECT expires_at FROM rate_limits WHERE key = \(bind: lockKey) AND expires_at > \(bind: now)
            """).first(decoding: Row.self)?.expires_at {
            return Int((until.timeIntervalSince(now) / 60).rounded(.up))
        }
        guard try await !unknownName.allow(name, now: now, on: db) else { return nil }
        // The counter's exact key (never a LIKE pattern: the name is the visitor's text, "%" included).
        let window = Int((now.timeIntervalSince1970 / unknownName.window).rounded(.down))
        let counterKey = "\(unknownName.name):\(name):\(window)"
        let until = now.addingTimeInterval(LoginPolicy.lockDuration)
        try await sql.raw("DELETE FROM rate_limits WHERE key = \(bind: lockKey) OR key = \(bind: counterKey)").run()
        try await sql.raw("""
            INSERT INTO rate_limits (key, hits, expires_at) VALUES (\(bind: lockKey), 1, \(bind: until))
            """).run()
        return Int(LoginPolicy.lockDuration / 60)
    }

    /// Counts one failure and locks the account when it reaches `LoginPolicy.maxFailures`.
    static func record(_ accountID: UUID, now: Date, on db: any Database) async throws -> Outcome {
        guard let sql = db as? any SQLDatabase else { throw AppError.unavailable }
        struct Row: Decodable { let failed_logins: Int }
        let count = try await sql.raw("""
            UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = \(bind: accountID) RETURNING failed_logins
            """).first(decoding: Row.self)?.failed_logins ?? 0
        guard count >= LoginPolicy.maxFailures else { return Outcome(count: count, locked: false) }
        try await sql.raw("""
            UPDATE accounts SET failed_logins = 0, locked_until = \(bind: now.addingTimeInterval(LoginPolicy.lockDuration))
            WHERE id = \(bind: accountID)
            """).run()
        return Outcome(count: count, locked: true)
    }
}
