import Fluent
import Vapor

extension Request {
    /// Counts one piece of feedback against the per-account and per-IP limits; throws 429 past either.
    /// With no account (an anonymous survey answer) only the address counts: a fresh device cookie
    /// per answer must not escape the limit.
    func countFeedback(by account: Account?) async throws {
        var limits: [(RateLimit, String)] = [(.feedbackPerIP, AuditLog.actor.ip)]
        if let account { limits.insert((.feedbackPerAccount, try account.requireID().uuidString), at: 0) }
        for (limit, subject) in limits where !(try await limit.allow(subject, now: now, on: db)) {
            throw limit.refusal(now: now, lang: lang)
        }
    }
}
