import Fluent
import Vapor

enum AuthController {
    struct LoginForm: Content {
        var login: String?
        var password: String?
        var next: String?
    }

    @Sendable static func loginPage(req: Request) async throws -> Response {
        let next = (try? req.query.get(String.self, at: "next")) ?? ""
        var ctx = PageContext(req, hasForm: true)
        if req.query[String.self, at: "expired"] == "1" {
            ctx.flash = req.lang.t("您已 \(Int(req.settings.sessionTimeout / 60)) 分钟未操作，为保护账号安全已自动退出，请重新登录。",
                                   "You were signed out after \(Int(req.settings.sessionTimeout / 60)) idle minutes. Please sign in again.")
        } else if req.query[String.self, at: "bye"] == "1" {
            ctx.flash = req.lang.t("您已安全退出。", "You have signed out.")
        }
        return Layout.response(AuthView.login(ctx, form: LoginForm(next: next), errors: [:]))
    }

    @Sendable static func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let ctx = PageContext(req, hasForm: true)
        let lang = req.lang
        func fail(_ errors: FieldErrors, status: HTTPResponseStatus = .unprocessableEntity) -> Response {
            Layout.response(AuthView.login(ctx, form: LoginForm(login: form.login, next: form.next), errors: errors), status: status)
        }
        let login = (form.login ?? "").trimmingCharacters(in: .whitespaces)
        let lookup = MobileNumber.normalize(login) ?? login
        let password = form.password ?? ""
        guard !login.isEmpty, !password.isEmpty else {
            var errors: FieldErrors = [:]
            if login.isEmpty { errors["login"] = lang.t("请填写手机号或用户名。", "Enter your mobile number or user name.") }
            if password.isEmpty { errors["password"] = lang.t("请填写密码。", "Enter your password.") }
            return fail(errors)
        }
        // Per address and per name, counted in the database so every app process shares them.
        let ip = AuditLog.actor.ip
        guard try await RateLimit.loginPerIP.allow(ip, now: req.now, on: req.db),
              try await RateLimit.loginPerAccount.allow(lookup, now: req.now, on: req.db) else {
            try await auditLogin(req, nil, attempted: lookup, outcome: "rate limited")
            return fail(["password": RateLimit.loginPerIP.refusal(now: req.now, lang: lang).message(lang)], status: .tooManyRequests)
        }
        let wrong = lang.t("手机号（用户名）或密码不正确。", "The mobile number (user name) or password is wrong.")
        let now = req.now
        guard let account = try await Account.query(on: req.db).filter(\.$login == lookup).first(), account.isActive else {
            // As long as a real check, and locked after as many tries, so neither tells who has an account.
            _ = try? await req.password.async.verify(password, created: req.application.dummyPasswordHash)
            try await auditLogin(req, nil, attempted: lookup, outcome: "unknown or inactive account")
            if let minutes = try await LoginFailures.recordUnknown(lookup, now: now, on: req.db) {
                return fail(["password": Self.lockedAnswer(minutes: minutes, lang)], status: .locked)
            }
            return fail(["password": wrong])
        }
        if let until = account.lockedUntil, until > now {
            try await auditLogin(req, account, attempted: lookup, outcome: "locked")
            let minutes = Int((until.timeIntervalSince(now) / 60).rounded(.up))
            return fail(["password": Self.lockedAnswer(minutes: minutes, lang)], status: .locked)
        }
        guard try await req.password.async.verify(password, created: account.passwordHash) else {
            let id = try account.requireID()
            let outcome = try await auditLogin(req, account, attempted: lookup, outcome: "wrong password") { db in
                try await LoginFailures.record(id, now: now, on: db)
            }
            if outcome.locked {
                return fail(["password": Self.lockedAnswer(minutes: Int(LoginPolicy.lockDuration / 60), lang)], status: .locked)
            }
            // No "N attempts left": an unknown name would answer differently and so reveal who has an account.
            return fail(["password": wrong])
        }
        if account.totpSecret != nil {
            // Password right; the account is not signed in until the second factor is too.
            req.session.data[TwoFactorController.pendingKey] = "\(account.id!.uuidString)|\(Int(now.timeIntervalSince1970))"
            req.session.data[TwoFactorController.nextKey] = form.next ?? ""
            return req.redirect(to: SiteURL.loginSecondFactor.path)
        }
        account.failedLogins = 0
        account.lockedUntil = nil
        try await auditLogin(req, account, attempted: lookup, outcome: nil) { try await account.save(on: $0) }
        return try await completeLogin(req, account, next: form.next)
    }

    /// A fresh session for the signed-in account, then where they were going.
    static func completeLogin(_ req: Request, _ account: Account, next: String?) async throws -> Response {
        try await renewSession(req)
        req.auth.login(account)
        req.bindSession(to: account)
        req.session.data["seen"] = String(Int(req.now.timeIntervalSince1970))
        Flash.set(req, "欢迎回来，\(account.displayName)。", "Welcome back, \(account.displayName).")
        let next = next ?? ""
        let fallback = account.role.isStaff ? SiteURL.staff.path : SiteURL.accounts(.home).path
        return req.redirect(to: LocalRedirect.target(next, fallback: fallback))
    }

    /// One audit event per sign-in attempt, written with the account's bookkeeping (failure
    /// count, lock) in one transaction; that bookkeeping is not logged a second time.
    @discardableResult
    static func auditLogin<T: Sendable>(_ req: Request, _ account: Account?, attempted login: String, outcome failure: String?,
                                        _ write: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let actor = AuditActor(id: account?.id, label: account.map(AuditLog.label) ?? (MobileNumber.normalize(login).map(MobileNumber.masked) ?? String(login.prefix(40))),
                               ip: AuditLog.actor.ip)
        let entry = AuditLog.entry(action: failure == nil ? "login.success" : "login.failure", entity: Account.schema,
                                   entityID: account?.id?.uuidString ?? "", summary: failure ?? "", by: actor)
        return try await req.db.writeTransaction { tx in
            let result = try await AuditLog.$modelEventsSuppressed.withValue(true) { try await write(tx) }
            try await AuditLog.record([entry], on: tx)
            return result
        }
    }

    static func auditLogin(_ req: Request, _ account: Account?, attempted login: String, outcome failure: String?) async throws {
        try await auditLogin(req, account, attempted: login, outcome: failure) { _ in () }
    }

    /// The same answer for a locked account and for a name that has failed as often without one,
    /// so the lock does not tell who has an account.
    static func lockedAnswer(minutes: Int, _ lang: Lang) -> String {
        lang.t("连续 \(LoginPolicy.maxFailures) 次密码错误，已暂停登录，请 \(minutes) 分钟后再试。",
               "\(LoginPolicy.maxFailures) wrong passwords: sign-in is paused. Try again in \(minutes) minutes.")
    }

    /// A new session ID at sign-in, so an ID planted before sign-in is worth nothing after it.
    /// The session's data (CSRF token, language) carries over.
    static func renewSession(_ req: Request) async throws {
        guard let old = req.session.id else { return }
        try await req.application.sessions.driver.deleteSession(old, for: req).get()
        req.session.id = nil
    }

    @Sendable static func logout(req: Request) async throws -> Response {
        req.auth.logout(Account.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.login.with([("bye", "1")]))
    }
}
