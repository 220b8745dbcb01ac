import Foundation
import Vapor

/// One-time form tokens for the pages' create actions (issue #20 point 9). Every post form carries
/// a random `_once` value next to its CSRF token (`Forms.csrfField`); on the routes this guards,
/// a second post of the same form (a double click, a reload that resends, a back-and-resubmit)
/// lands where the first one did instead of creating a second complaint, booking or order.
///
/// Browsers abandon the first request when the second click goes out, so the person sees the
/// second answer: a repeat therefore waits for the first to finish and answers with its redirect,
/// and only a first request still running after `patience` gets a 409 page. Nothing is stored
/// when a page is rendered (the token lives in the page), so reading costs no write; the key is
/// the token and the form's content, so an edited resubmit of a cached page is a new request.
/// Only redirects are remembered: a page answered in place (a form shown again with its errors)
/// changed nothing, and may show what must not be kept (a new API token, a logged contact view).
/// A post without the field (a page cached before the field existed) is simply not deduplicated.
struct OnceFormMiddleware: AsyncMiddleware {
    static let fieldName = "_once"
    static let patience: Duration = .seconds(8)

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // CSRFMiddleware, earlier in the chain, has collected the body and checked the CSRF token.
        guard req.method == .POST, let token = try? req.content.get(String.self, at: Self.fieldName),
              Self.isWellFormed(token), let owner = Self.owner(req) else {
            return try await next.respond(to: req)
        }
        let fingerprint = IdempotencyStore.fingerprint(req)
        let key = "form:\(token):\(fingerprint)"
        let deadline = ContinuousClock.now + Self.patience
        while true {
            switch try await IdempotencyStore.claim(owner: owner, key: key, fingerprint: fingerprint, now: req.now, on: req.db) {
            case .claimed(let id):
                return try await IdempotencyMiddleware.run(req, next, claimed: id) { (300..<400).contains($0.status.code) }
            case .done(let answer):
                return answer.response(replayed: true)
            case .inFlight where ContinuousClock.now < deadline:
                try await Task.sleep(for: .milliseconds(50))
            case .inFlight, .mismatch:
                throw AppError.requestInProgress
            }
        }
    }

    /// The signed-in account, or else the visitor's CSRF token (already checked against the
    /// session or cookie): one person's token never replays another person's answer.
    static func owner(_ req: Request) -> String? {
        if let id = req.auth.get(Account.self)?.id { return "account:\(id)" }
        guard let csrf = try? req.content.get(String.self, at: CSRF.fieldName) else { return nil }
        return "visitor:" + Hex.sha256(csrf)
    }

    /// As minted by `CSRF.randomToken`: 43 URL-safe base64 characters.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { c in
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x2D || c == 0x5F
        }
    }
}
