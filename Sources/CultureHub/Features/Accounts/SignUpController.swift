import Fluent
import Vapor

/// Signing up in two steps (issue #20 point 4): the number first, which gets a 6-digit code by
/// SMS; then the code, a name and a password. Both steps answer the same whether or not the
/// number already has an account; the owner of a registered number learns it by SMS.
enum SignUpController {
    static let phoneKey = "signup_phone"

    struct NumberForm: Content { var phone: String? }

    struct DetailsForm: Content {
        var code: String?
        var name: String?
        var password: String?
        var confirm: String?
    }

    @Sendable static func numberPage(req: Request) async throws -> Response {
        Layout.response(SignUpView.number(PageContext(req, hasForm: true), phone: "", error: nil,
                                          pending: pendingPhone(req)))
    }

    /// Step 1: checks the number and sends the code (or, for a registered number, the advice).
    @Sendable static func sendCode(req: Request) async throws -> Response {
        // "Send a new code" on step 2 names no number (the page never shows it whole): the pending one.
        let raw = try req.content.decode(NumberForm.self).phone ?? pendingPhone(req) ?? ""
        func refuse(_ message: String, _ status: HTTPResponseStatus) -> Response {
            Layout.response(SignUpView.number(PageContext(req, hasForm: true), phone: raw, error: message,
                                              pending: nil), status: status)
        }
        guard !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            return refuse(req.lang.t("请填写手机号。", "Enter your mobile number."), .unprocessableEntity)
        }
        guard let phone = MobileNumber.normalize(raw) else {
            return refuse(req.lang.t("请填写11位中国大陆手机号，例如 138 1234 5678。",
                                     "Enter an 11-digit mainland mobile number, e.g. 138 1234 5678."), .unprocessableEntity)
        }
        let taken = try await Account.query(on: req.db).filter(\.$login == phone).count() > 0
        let advice = taken ? PhoneCodes.alreadyRegisteredText(.register, lang: req.lang,
                                                               signature: req.settings.smsSignature) : nil
        switch try await PhoneCodes.send(to: phone, purpose: .register, account: nil, informOnly: advice, on: req) {
        case .sent:
            // The next page says where the code went; a flash would say it twice.
            req.session.data[phoneKey] = phone
            return req.redirect(to: SiteURL.registerConfirm.path)
        case .wait(let seconds):
            // The earlier code still works: carry on to step 2 with it.
            req.session.data[phoneKey] = phone
            Flash.set(req, PhoneCodes.waitText(seconds, lang: .zh), PhoneCodes.waitText(seconds, lang: .en))
            return req.redirect(to: SiteURL.registerConfirm.path)
        case .limited(let error):
            return refuse(error.message(req.lang), .tooManyRequests)
        }
    }

    @Sendable static func detailsPage(req: Request) async throws -> Response {
        guard let phone = pendingPhone(req) else { return req.redirect(to: SiteURL.register.path) }
        return Layout.response(SignUpView.details(PageContext(req, hasForm: true), phone: phone, form: DetailsForm(),
                                                  errors: [:], demoCode: demoCode(req)))
    }

    /// Step 2: the code proves the number; then the account is made, already confirmed.
    @Sendable static func register(req: Request) async throws -> Response {
        guard let phone = pendingPhone(req) else { return req.redirect(to: SiteURL.register.path) }
        let form = try req.content.decode(DetailsForm.self)
        var check = FormCheck(req.lang)
        let code = check.text("code", form.code, max: 12)
        let name = check.text("name", form.name, max: 20)
        let password = form.password ?? ""
        PasswordPolicy.check(password, into: &check)
        if password != (form.confirm ?? "") {
            check.fail("confirm", "两次输入的密码不一致。", "The two passwords differ.")
        }
        func again(_ errors: FieldErrors, _ status: HTTPResponseStatus) -> Response {
            let kept = DetailsForm(code: nil, name: form.name)
            return Layout.response(SignUpView.details(PageContext(req, hasForm: true), phone: phone, form: kept,
                                                      errors: errors, demoCode: demoCode(req)), status: status)
        }
        guard check.isValid else { return again(check.errors, .unprocessableEntity) }
        let hash = try await req.password.async.hash(password)
        let now = req.now, requester = PhoneCodes.requester(req)
        // Accounts made from one address stay limited, as before codes existed.
        if !(try await RateLimit.signUpPerIP.allow(req.clientAddress, now: now, on: req.db)) {
            return again(["code": RateLimit.signUpPerIP.refusal(now: now, lang: req.lang).message(req.lang)],
                         .tooManyRequests)
        }
        let outcome: Result<Account, AppError> = try await req.db.writeTransaction { tx in
            let checked = try await PhoneCodes.check(code, phone: phone, purpose: .register, account: nil,
                                                     requester: requester, now: now, on: tx)
            guard checked == .confirmed else {
                return .failure(.invalid(["code": PhoneCodes.problem(checked, lang: req.lang)]))
            }
            // The number proved itself; if it has an account, its owner signs in instead.
            guard try await Account.query(on: tx).filter(\.$login == phone).count() == 0 else {
                return .failure(.invalid(["code": req.lang.t("该手机号已有账号，请直接登录。",
                                                             "This number already has an account; please sign in.")]))
            }
            let account = Account(login: phone, displayName: name, passwordHash: hash, role: .citizen)
            account.phoneVerifiedAt = now
            try await account.create(on: tx)
            return .success(account)
        }
        let account: Account
        switch outcome {
        case .failure(let error):
            if case .invalid(let errors) = error { return again(errors, .unprocessableEntity) }
            throw error
        case .success(let made): account = made
        }
        try await AuthController.renewSession(req)
        req.auth.login(account)
        req.bindSession(to: account)
        req.session.data["seen"] = String(Int(now.timeIntervalSince1970))
        req.session.data[phoneKey] = nil
        req.session.data[PhoneCodes.demoCodeKey] = nil
        Flash.set(req, "注册成功，已为您登录。现在可以浏览场馆、预约活动了。",
                  "You are registered and signed in. Browse venues and book activities next.")
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    private static func pendingPhone(_ req: Request) -> String? {
        req.hasStoredSession ? req.session.data[phoneKey].flatMap(MobileNumber.normalize) : nil
    }

    private static func demoCode(_ req: Request) -> String? {
        req.settings.isDemo && req.hasStoredSession ? req.session.data[PhoneCodes.demoCodeKey] : nil
    }
}
