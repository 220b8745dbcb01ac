import Fluent
import Vapor

/// Changing one's own password, and a bureau administrator setting a new one for someone who forgot it.
enum PasswordController {
    struct ChangeForm: Content {
        var current: String?
        var password: String?
        var confirm: String?
    }

    struct ResetForm: Content {
        var password: String?
    }

    @Sendable static func change(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let form = try req.content.decode(ChangeForm.self)
        var check = FormCheck(req.lang)
        if !(try await req.password.async.verify(form.current ?? "", created: account.passwordHash)) {
            check.fail("current", "当前密码不正确。", "The current password is wrong.")
        }
        let password = form.password ?? ""
        PasswordPolicy.check(password, into: &check)
        if password != (form.confirm ?? "") { check.fail("confirm", "两次输入的密码不一致。", "The two passwords differ.") }
        guard check.isValid else {
            return try await AccountController.render(req, newToken: nil, errors: check.errors, status: .unprocessableEntity)
        }
        if try await req.password.async.verify(password, created: account.passwordHash) {
            check.fail("password", "新密码不能与当前密码相同。", "The new password must differ from the current one.")
            return try await AccountController.render(req, newToken: nil, errors: check.errors, status: .unprocessableEntity)
        }
        account.passwordHash = try await req.password.async.hash(password)
        account.passwordChangedAt = req.now
        account.mustChangePassword = false
        let revoked = try await AccountLifecycle.savePassword(account, reason: "changed by the holder",
                                                              now: req.now, on: req.db)
        // Whoever else was signed in with the old password is out; this session carries on.
        req.bindSession(to: account)
        Flash.set(req, "密码已修改，下次登录请使用新密码。其他设备上的登录已退出" + (revoked > 0 ? "，\(revoked) 个接口令牌已吊销，请按需重新创建。" : "。"),
                  "Your password is changed; use the new one next time you sign in. Other sessions are signed out"
                      + (revoked > 0 ? " and \(revoked) API token(s) revoked; create new ones as needed." : "."))
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    @Sendable static func resetPage(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        return try await renderReset(req, account: try await target(req, staff), errors: [:])
    }

    @Sendable static func reset(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let account = try await target(req, staff, outside: .forbidden)
        var check = FormCheck(req.lang)
        let password = try req.content.decode(ResetForm.self).password ?? ""
        PasswordPolicy.check(password, into: &check)
        guard check.isValid else { return try await renderReset(req, account: account, errors: check.errors) }
        account.passwordHash = try await req.password.async.hash(password)
        account.failedLogins = 0
        account.lockedUntil = nil
        // Someone else now knows it: the owner replaces it at the next sign-in.
        account.mustChangePassword = account.role.isStaff
        // A reset is also how someone who lost their phone gets back in.
        account.totpSecret = nil
        account.totpLastStep = nil
        let revoked = try await AccountLifecycle.savePassword(account, reason: "reset by an administrator",
                                                              now: req.now, on: req.db)
        if account.id == staff.account.id { req.bindSession(to: account) }
        Flash.set(req, "已为 \(account.maskedLogin) 设置新密码、解除锁定并关闭两步验证，其所有登录已退出，\(revoked) 个接口令牌已吊销。"
                      + "请当面告知本人；其登录后须先修改密码。",
                  "Set a new password for \(account.maskedLogin), unlocked the account, turned two-step sign-in off, "
                      + "signed out all its sessions and revoked \(revoked) API token(s). Tell them in person; "
                      + "they must change it after signing in.")
        return req.redirect(to: SiteURL.accounts(.staffIndex).path)
    }

    /// Staff outside the administrator's scope are not theirs to reset; citizens belong to the whole city.
    /// Like any record outside the scope, the form answers 404 and the reset itself 403.
    private static func target(_ req: Request, _ staff: Staff,
                               outside refusal: AppError = .notFound) async throws -> Account {
        guard let account = try await Account.find(req.id(), on: req.db) else { throw AppError.notFound }
        if account.role.isStaff, !staff.scope.covers(regionPath: account.scopePath ?? "") {
            throw refusal
        }
        return account
    }

    private static func renderReset(_ req: Request, account: Account, errors: FieldErrors) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let title = lang.t("重置密码：\(account.maskedLogin)", "Reset password: \(account.maskedLogin)")
        let html = StaffPage.formPage(
            ctx, title: title, crumbs: [(lang.t("账号管理", "Accounts"), SiteURL.accounts(.staffIndex).path), (title, nil)],
            intro: lang.t("请先核实本人身份（工作人员核对姓名和单位，群众核对身份证件与注册手机号），再设置一个临时密码当面告知。",
                          "First confirm who they are (staff: name and unit; citizens: ID and the registered number), then set a temporary password and tell them in person."),
            form: Forms.form(ctx, action: SiteURL.accounts(.staffPassword(.id(account.id!))).path, fields: [
                FormField(name: "password", label: lang.t("新密码", "New password"), kind: .password, error: errors["password"],
                          hint: lang.t("至少 8 位，须包含字母和数字", "At least 8 characters with letters and digits"), required: true,
                          maxLength: 72, autocomplete: "new-password"),
            ], submit: lang.t("设置新密码", "Set new password")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
