import Vapor

/// One log line per request with method, path, status and duration (issue #2 item 9).
struct RequestLogMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: req)
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        req.logger.info("\(req.method) \(req.url.path) \(response.status.code) \(String(format: "%.1f", ms))ms")
        return response
    }
}

/// Idle sessions end after `SESSION_TIMEOUT` seconds. The last-seen time lives in the session
/// (in the database), so any app process can enforce it; minute precision is enough.
struct IdleTimeoutMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.hasSession, req.auth.has(Account.self) else { return try await next.respond(to: req) }
        let now = req.now.timeIntervalSince1970
        let lastSeen = req.session.data["seen"].flatMap(Double.init) ?? now
        if now - lastSeen > req.settings.sessionTimeout {
            req.auth.logout(Account.self)
            req.session.destroy()
            req.storage[SessionExpiredKey.self] = true
        } else if now - lastSeen >= 60 || req.session.data["seen"] == nil {
            req.session.data["seen"] = String(Int(now))
        }
        return try await next.respond(to: req)
    }
}

struct SessionExpiredKey: StorageKey { typealias Value = Bool }

/// Staff pages need a signed-in staff account. Visitors are sent to sign in; citizens get 403.
struct StaffPageGuard: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let account = req.auth.get(Account.self) else {
            let expired = req.storage[SessionExpiredKey.self] == true ? "1" : nil
            return req.redirect(to: SiteURL.login.with([("next", req.url.string), ("expired", expired)]))
        }
        guard account.scope != nil else { throw AppError.forbidden }
        if account.passwordNeedsChange(now: req.now, maxAgeDays: req.settings.passwordMaxAgeDays) {
            Flash.set(req, account.mustChangePassword ? "请先修改初始密码（或管理员重置的密码），再开始工作。" : "您的密码已使用超过 \(req.settings.passwordMaxAgeDays) 天，请先修改密码。",
                      account.mustChangePassword ? "Please replace your initial (or reset) password before you start." : "Your password is over \(req.settings.passwordMaxAgeDays) days old; please change it first.")
            return req.redirect(to: SiteURL.accounts(.home).path + "#password")
        }
        return try await next.respond(to: req)
    }
}

struct StaffAPIGuard: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let account = req.auth.get(Account.self) else { throw AppError.unauthorized }
        guard account.scope != nil else { throw AppError.forbidden }
        return try await next.respond(to: req)
    }
}

/// What a bearer token may do on `/api/v1`, checked before any handler (issue #20 point 6): a staff
/// member with a password to change does nothing through the API until it is changed, as on the
/// pages; a read-only token reads only.
struct APICredentialGuard: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let grant = req.storage[TokenGrantKey.self], let account = req.auth.get(Account.self) else {
            return try await next.respond(to: req)
        }
        let maxAge = req.settings.passwordMaxAgeDays
        if account.passwordNeedsChange(now: req.now, maxAgeDays: maxAge) {
            throw AppError.passwordChangeRequired(maxAgeDays: account.mustChangePassword ? nil : maxAge)
        }
        if !grant.canWrite, req.method != .GET, req.method != .HEAD { throw AppError.tokenReadOnly }
        return try await next.respond(to: req)
    }
}

extension Request {
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// Security headers on every response, errors included (等保 level 3; issue #4). Pages carry
/// no inline script or style, so the policy allows only the site's own files.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'",
        "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        let h = response.headers
        var headers = h
        headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "strict-origin-when-cross-origin")
        headers.replaceOrAdd(name: "Permissions-Policy", value: "geolocation=(self), camera=(), microphone=(), payment=()")
        headers.replaceOrAdd(name: "Cross-Origin-Opener-Policy", value: "same-origin")
        // Behind a TLS-terminating proxy (or when the public address is https), browsers are
        // told to use https only; over plain http the header would be ignored or harmful.
        if req.application.settings.baseURL.hasPrefix("https://")
            || (req.isFromTrustedProxy && req.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https") {
            headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        response.headers = headers
        return response
    }
}

/// Refuses to send a header whose value holds a control character. Redirect targets are checked
/// where they are built (`LocalRedirect`); this is the net under every other header, so input
/// that reaches a header by a path nobody foresaw cannot split the response or set a cookie.
struct HeaderGuardMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: req)
        for (name, value) in response.headers where Self.hasControl(value) {
            req.logger.error("refused a response header with a control character: \(name)")
            throw AppError.badRequest(zh: "请求中含有无法处理的字符。", en: "The request holds characters that cannot be handled.")
        }
        return response
    }

    /// Any C0 control (a tab included: no header of ours needs one) or DEL.
    static func hasControl(_ value: String) -> Bool {
        value.utf8.contains { $0 < 0x20 || $0 == 0x7F }
    }
}

extension Request {
    /// The client's address: the peer, or what a trusted proxy says the client was (`ClientAddress`).
    var clientAddress: String {
        ClientAddress.resolve(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor],
                              trusted: application.settings.trustedProxies)
    }

    var isFromTrustedProxy: Bool {
        ClientAddress.isTrustedProxy(peer: remoteAddress?.ipAddress, trusted: application.settings.trustedProxies)
    }
}
