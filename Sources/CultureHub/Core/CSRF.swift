import Crypto
import Foundation
import Vapor

/// CSRF protection for every state-changing form post. The JSON API uses bearer tokens instead
/// and is not covered.
///
/// Signed in (or once a session exists), the token is the session's: one random value per
/// session. A visitor who only reads gets no session row at all: the token is a random value in
/// its own cookie (double submit), so reading a page with a form stores nothing on the server.
/// The first form post that needs a session (a sign-in, a message after a visitor's action)
/// creates it then.
enum CSRF {
    static let fieldName = "_csrf"
    static let sessionKey = "csrf"
    static let cookieName = "culturehub_csrf"

    struct MintedKey: StorageKey { typealias Value = String }

    static func token(for req: Request) -> String {
        if req.hasStoredSession || req.auth.has(Account.self) {
            if let existing = req.session.data[sessionKey] { return existing }
            // A visitor who signs in keeps the token of the form they were given.
            let token = visitorToken(req) ?? randomToken()
            req.session.data[sessionKey] = token
            return token
        }
        if let token = visitorToken(req) { return token }
        let token = randomToken()
        req.storage[MintedKey.self] = token
        return token
    }

    private static func visitorToken(_ req: Request) -> String? {
        if let minted = req.storage[MintedKey.self] { return minted }
        guard let value = req.cookies[cookieName]?.string, value.utf8.count == 43,
              value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return value
    }

    static func randomToken(bytes: Int = 32) -> String {
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func isValid(_ submitted: String?, for req: Request) -> Bool {
        guard let submitted else { return false }
        // The session's token when there is a session with one; otherwise the visitor cookie's.
        let expected = req.hasSession ? (req.session.data[sessionKey] ?? visitorToken(req)) : visitorToken(req)
        guard let expected, expected.utf8.count == submitted.utf8.count else { return false }
        // Constant-time comparison, so the token cannot be guessed byte by byte.
        return zip(expected.utf8, submitted.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            // Routes collect their body after the middleware runs; a body that arrived in several
            // reads must be collected here to read the token (and over the limit answers 413).
            if req.body.data == nil {
                _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
            }
            let submitted = try? req.content.get(String.self, at: CSRF.fieldName)
            guard CSRF.isValid(submitted, for: req) else {
                throw AppError.badRequest(
                    zh: "页面已过期或来源无法确认，请返回上一页刷新后重新提交。",
                    en: "This form has expired or its origin could not be verified. Go back, reload and submit again.")
            }
        }
        let response = try await next.respond(to: req)
        if let minted = req.storage[CSRF.MintedKey.self] {
            let secure = req.application.settings.baseURL.hasPrefix("https://")
            response.cookies[CSRF.cookieName] = HTTPCookies.Value(string: minted, isSecure: secure, isHTTPOnly: true,
                                                                  sameSite: .lax)
        }
        return response
    }
}
