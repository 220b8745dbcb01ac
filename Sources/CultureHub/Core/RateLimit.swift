import Fluent
import Foundation
import SQLKit
import Vapor

/// Fixed-window rate limits kept in the database, so they hold across app processes on
/// PostgreSQL (issue #4). One statement per hit: an upsert that returns the new count.
struct RateLimit: Sendable, Equatable {
    let name: String
    let limit: Int
    let window: TimeInterval

    static let loginPerIP = RateLimit(name: "login-ip", limit: 30, window: 600)
    static let loginPerAccount = RateLimit(name: "login-account", limit: 10, window: 600)
    static let signUpPerIP = RateLimit(name: "signup-ip", limit: 10, window: 3600)
    /// Ratings, complaints and survey answers (issue #5): enough for a busy citizen, not for a flood.
    static let feedbackPerAccount = RateLimit(name: "feedback-account", limit: 20, window: 3600)
    static let feedbackPerIP = RateLimit(name: "feedback-ip", limit: 60, window: 3600)

    /// Counts one hit for `subject`; true while the count stays within the limit.
    func allow(_ subject: String, now: Date, on db: any Database) async throws -> Bool {
        guard limit > 0 else { return true }
        let index = Int((now.timeIntervalSince1970 / window).rounded(.down))
        let key = "\(name):\(subject):\(index)"
        let expires = Date(timeIntervalSince1970: Double(index + 1) * window)
        struct Row: Decodable { let hits: Int }
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO rate_limits (key, hits, expires_at) VALUES (\(bind: key), 1, \(bind: expires))
            ON CONFLICT (key) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits
            """).first(decoding: Row.self)
        return (row?.hits ?? 1) <= limit
    }

    /// The error a refused request gets, with when to try again.
    func refusal(now: Date, lang: Lang) -> AppError {
        let minutes = max(1, Int((window - now.timeIntervalSince1970.truncatingRemainder(dividingBy: window)) / 60 + 0.999))
        return AppError.tooManyRequests(zh: "操作过于频繁，请 \(minutes) 分钟后再试。", en: "Too many attempts. Please try again in \(minutes) minutes.")
    }

    /// Drops counters whose window has passed.
    static func purge(now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: "rate_limits").where("expires_at", .lessThan, SQLBind(now)).run()
    }
}
