import Fluent
import Vapor

extension Request {
    /// Counts one piece of feedback against the per-account and per-IP limits; throws 429 past either.
    func countFeedback(by account: Account) async throws {
        let limits: [(RateLimit, String)] = [(.feedbackPerAccount, try account.requireID().uuidString), (.feedbackPerIP, AuditLog.actor.ip)]
        for (limit, subject) in limits where !(try await limit.allow(subject, now: now, on: db)) {
            throw limit.refusal(now: now, lang: lang)
        }
    }
}
