import Fluent
import Foundation
import Plot
import QRCode
import OneTimePassword
import Vapor

/// Ours (RFC 6238, tested on the RFC's vectors), not Vapor's type of the same name.
typealias AuthenticatorCode = OneTimePassword.TOTP

/// The optional second factor for staff (issue #4): a six-digit code from an authenticator
/// app (RFC 6238), asked for after the password. Wrong codes count towards the lockout.
enum TwoFactorController {
    static let pendingKey = "2fa_pending"
    static let nextKey = "2fa_next"
    static let setupKey = "2fa_setup"
    /// How long a correct password waits for its code.
    static let pendingSeconds = 300
    static let issuer = "新密文化云"

    // MARK: - Sign-in step

    @Sendable static func verifyPage(req: Request) async throws -> Response {
        guard try await pending(req) != nil else { return req.redirect(to: SiteURL.login.path) }
        return render(req, error: nil)
    }

    @Sendable static func verify(req: Request) async throws -> Response {
        guard let account = try await pending(req) else {
            Flash.set(req, "验证已超时，请重新输入密码登录。", "The sign-in timed out; please enter your password again.")
            return req.redirect(to: SiteURL.login.path)
        }
        struct Form: Content { var code: String? }
        let code = try req.content.decode(Form.self).code ?? ""
        let now = req.now
        if let until = account.lockedUntil, until > now {
            clear(req)
            return req.redirect(to: SiteURL.login.path)
        }
        guard let totp = try totp(for: account, req), let step = totp.matchingStep(code, at: now), step > (account.totpLastStep ?? .min) else {
            let id = try account.requireID()
            let locked = try await AuthController.auditLogin(req, account, attempted: account.login, outcome: "wrong second-factor code") {
                try await LoginFailures.record(id, now: now, on: $0).locked
            }
            if locked { clear(req) }
            if locked {
                Flash.set(req, "验证码连续错误 \(LoginPolicy.maxFailures) 次，账号已锁定 30 分钟。", "\(LoginPolicy.maxFailures) wrong codes: the account is locked for 30 minutes.")
                return req.redirect(to: SiteURL.login.path)
            }
            return render(req, error: req.lang.t("验证码不正确或已用过，请输入验证器 App 上当前显示的 6 位数字。",
                                                 "Wrong or already used code. Enter the 6 digits your authenticator app shows now."))
        }
        account.totpLastStep = step
        account.failedLogins = 0
        account.lockedUntil = nil
        try await AuthController.auditLogin(req, account, attempted: account.login, outcome: nil) { try await account.save(on: $0) }
        let next = req.session.data[nextKey]
        clear(req)
        return try await AuthController.completeLogin(req, account, next: next)
    }

    private static func pending(_ req: Request) async throws -> Account? {
        guard let raw = req.session.data[pendingKey] else { return nil }
        let parts = raw.split(separator: "|")
        guard parts.count == 2, let id = UUID(uuidString: String(parts[0])), let at = Int(parts[1]),
              Int(req.now.timeIntervalSince1970) - at <= pendingSeconds else {
            clear(req)
            return nil
        }
        // Deactivated between the password and the code: the sign-in goes no further.
        return try await Account.find(id, on: req.db).flatMap { $0.isActive ? $0 : nil }
    }

    private static func clear(_ req: Request) {
        req.session.data[pendingKey] = nil
        req.session.data[nextKey] = nil
    }

    static func totp(for account: Account, _ req: Request) throws -> AuthenticatorCode? {
        guard let sealed = account.totpSecret else { return nil }
        let plain = try req.application.fieldCipher.open(sealed, for: .totpSecret, row: account.requireID())
        guard let secret = Base32.decode(plain) else { return nil }
        return AuthenticatorCode(secret: secret)
    }

    private static func render(_ req: Request, error: String?) -> Response {
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("输入验证码", "Enter your code")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("密码正确。请打开手机上的验证器 App，输入“\(issuer)”下显示的 6 位数字。", "Your password is right. Open your authenticator app and enter the 6 digits shown for “\(issuer)”."), cls: "lead"),
            Forms.form(ctx, action: SiteURL.loginSecondFactor.path, fields: [
                FormField(name: "code", label: ctx.t("6 位验证码", "6-digit code"), error: error, required: true, maxLength: 7,
                          autocomplete: "one-time-code", inputmode: "numeric"),
            ], submit: ctx.t("验证并登录", "Verify and sign in")),
            H.p(ctx.t("手机丢失或换了手机？请联系局管理员为您重置密码，重置时会同时关闭两步验证。", "Lost your phone? Ask the bureau administrator to reset your password; that also turns the second step off."), cls: "hint"),
        ])
        return Layout.response(html, status: error == nil ? .ok : .unprocessableEntity)
    }

    // MARK: - Turning it on and off

    @Sendable static func setupPage(req: Request) async throws -> Response {
        try await renderSetup(req, error: nil)
    }

    @Sendable static func enable(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role.isStaff, account.totpSecret == nil, let encoded = req.session.data[setupKey], let secret = Base32.decode(encoded) else {
            return req.redirect(to: SiteURL.accounts(.twoFactor).path)
        }
        struct Form: Content { var code: String? }
        guard let step = AuthenticatorCode(secret: secret).matchingStep(try req.content.decode(Form.self).code ?? "", at: req.now) else {
            return try await renderSetup(req, error: req.lang.t("验证码不对。请确认手机时间准确，然后输入 App 上当前显示的 6 位数字。",
                                                               "That code is wrong. Check your phone's clock, then enter the 6 digits the app shows now."))
        }
        account.totpSecret = try req.application.fieldCipher.seal(encoded, for: .totpSecret, row: account.requireID())
        account.totpLastStep = step
        try await account.save(on: req.db)
        req.session.data[setupKey] = nil
        Flash.set(req, "已开启两步验证。以后登录时，输入密码后还需输入验证器 App 上的 6 位数字。",
                  "Two-step sign-in is on. From now on you enter the 6-digit code from your app after your password.")
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    @Sendable static func disable(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Form: Content { var code: String? }
        guard let totp = try totp(for: account, req), let step = totp.matchingStep(try req.content.decode(Form.self).code ?? "", at: req.now),
              step > (account.totpLastStep ?? .min) else {
            // Counted like a wrong sign-in code: a stolen session must not guess its way to turning the second step off.
            let id = try account.requireID(), now = req.now
            let locked = try await AuthController.auditLogin(req, account, attempted: account.login, outcome: "wrong code to turn off two-step") {
                try await LoginFailures.record(id, now: now, on: $0).locked
            }
            if locked {
                req.auth.logout(Account.self)
                req.session.destroy()
                Flash.set(req, "验证码连续错误 \(LoginPolicy.maxFailures) 次，账号已锁定 30 分钟。", "\(LoginPolicy.maxFailures) wrong codes: the account is locked for 30 minutes.")
                return req.redirect(to: SiteURL.login.path)
            }
            return try await renderSetup(req, error: req.lang.t("验证码不对，两步验证仍然开启。", "That code is wrong; two-step sign-in stays on."))
        }
        account.totpSecret = nil
        account.totpLastStep = nil
        try await account.save(on: req.db)
        Flash.set(req, "已关闭两步验证。为了账号安全，建议尽快重新开启。", "Two-step sign-in is off. Turn it back on soon to keep the account safe.")
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    private static func renderSetup(_ req: Request, error: String?) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role.isStaff else { throw AppError.forbidden }
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("两步验证", "Two-step sign-in")
        var body: [HNode] = [H.h1(title)]
        if account.totpSecret != nil {
            body += [
                H.p(ctx.t("已开启：登录时除了密码，还要输入验证器 App 上的 6 位数字。", "On: after your password you enter the 6-digit code from your app."), cls: "ok-state"),
                H.h2(ctx.t("关闭两步验证", "Turn it off")),
                Forms.form(ctx, action: SiteURL.accounts(.twoFactorDisable).path, fields: [
                    FormField(name: "code", label: ctx.t("当前的 6 位验证码", "Current 6-digit code"), error: error, required: true, maxLength: 7,
                              autocomplete: "one-time-code", inputmode: "numeric"),
                ], submit: ctx.t("关闭两步验证", "Turn off")),
            ]
        } else {
            let encoded = req.session.data[setupKey] ?? Base32.encode(AuthenticatorCode.randomSecret())
            req.session.data[setupKey] = encoded
            let totp = AuthenticatorCode(secret: Base32.decode(encoded) ?? [])
            let svg = try QRCode.encode(totp.provisioningURI(issuer: issuer, account: account.login)).svg(moduleSize: 5, title: ctx.t("两步验证二维码", "Two-step sign-in QR code"))
            let grouped = stride(from: 0, to: encoded.count, by: 4).map { i -> String in
                let start = encoded.index(encoded.startIndex, offsetBy: i)
                return String(encoded[start..<encoded.index(start, offsetBy: min(4, encoded.count - i))])
            }.joined(separator: " ")
            body += [
                H.p(ctx.t("开启后，即使密码被他人知道，没有您的手机也无法登录。", "Once on, someone who learns your password still cannot sign in without your phone."), cls: "lead"),
                H.el("ol", [], [
                    H.el("li", [], H.text(ctx.t("在手机上安装验证器 App（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator）。",
                                                "Install an authenticator app (Microsoft Authenticator, Google Authenticator, …)."))),
                    H.el("li", [], H.text(ctx.t("用 App 扫描下面的二维码；不能扫码时，手动输入密钥。", "Scan the code below with the app, or type the key by hand."))),
                    H.el("li", [], H.text(ctx.t("输入 App 上显示的 6 位数字，确认开启。", "Enter the 6 digits the app shows to turn it on."))),
                ]),
                H.el("figure", [("class", "qr-ticket")], [.raw(svg), H.el("figcaption", [], H.p(ctx.t("密钥：", "Key: ") + grouped, cls: "code-text"))]),
                Forms.form(ctx, action: SiteURL.accounts(.twoFactor).path, fields: [
                    FormField(name: "code", label: ctx.t("6 位验证码", "6-digit code"), error: error, required: true, maxLength: 7,
                              autocomplete: "one-time-code", inputmode: "numeric"),
                ], submit: ctx.t("确认开启", "Turn on")),
            ]
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path), .init(title: title, url: nil)], body)
        return Layout.response(html, status: error == nil ? .ok : .unprocessableEntity)
    }
}
