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

/// The signed-in staff member and their scope; guards run first, so this only fails if misrouted.
struct Staff {
    let account: Account
    let scope: Scope
    var role: Role { account.role }

    func require(_ allowed: Bool) throws {
        guard allowed else { throw AppError.forbidden }
    }
}

extension Request {
    func staff() throws -> Staff {
        guard let account = auth.get(Account.self) else { throw AppError.unauthorized }
        guard let scope = account.scope else { throw AppError.forbidden }
        return Staff(account: account, scope: scope)
    }

    var isAPI: Bool { url.path.hasPrefix("/api/") }
}
