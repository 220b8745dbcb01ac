import Crypto
import Foundation
import Vapor

/// Synchronizer-token CSRF protection: one random token per session, required on every
/// state-changing form post. The JSON API uses bearer tokens instead and is not covered.
enum CSRF {
    static let fieldName = "_csrf"
    static let sessionKey = "csrf"

    static func token(for req: Request) -> String {
        if let existing = req.session.data[sessionKey] { return existing }
        let token = randomToken()
        req.session.data[sessionKey] = token
        return token
    }

    static func randomToken(bytes: Int = 32) -> String {
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func isValid(_ submitted: String?, for req: Request) -> Bool {
        guard req.hasSession, let expected = req.session.data[sessionKey], let submitted,
              expected.utf8.count == submitted.utf8.count else { return false }
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
        return try await next.respond(to: req)
    }
}
