import Fluent
import Vapor

/// A citizen's own mobile number (issue #20 point 4): confirming the number an older account
/// signs in with, and moving the account to a new number. Either way the number proves itself by
/// SMS code before anything changes; a move also needs the password.
enum PhoneController {
    static let pendingKey = "phone_pending"

    struct CodeForm: Content {
        var purpose: String?
        var phone: String?
        var password: String?
    }

    struct ConfirmForm: Content { var code: String? }

    /// What is waiting for a code: the purpose and the number the code went to.
    struct Pending: Equatable {
        let purpose: PhoneCode.Purpose
        let phone: String

        init(purpose: PhoneCode.Purpose, phone: String) { self.purpose = purpose; self.phone = phone }

        init?(_ raw: String?) {
            let parts = (raw ?? "").split(separator: "|").map(String.init)
            guard parts.count == 2, let purpose = PhoneCode.Purpose(rawValue: parts[0]), purpose != .register,
                  let phone = MobileNumber.normalize(parts[1]) else { return nil }
            self.init(purpose: purpose, phone: phone)
        }

        var stored: String { "\(purpose.rawValue)|\(phone)" }

        /// The code this browser is waiting for, if any.
        static func stored(in req: Request) -> Pending? {
            Pending(req.hasStoredSession ? req.session.data[pendingKey] : nil)
        }
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try render(req, errors: [:], status: .ok)
    }

    @Sendable static func sendCode(req: Request) async throws -> Response {
        let account = try citizen(req)
        let form = try req.content.decode(CodeForm.self)
        let purpose: PhoneCode.Purpose = form.purpose == PhoneCode.Purpose.change.rawValue ? .change : .verify
        var target = account.login
        var advice: String? = nil
        let pending = Pending.stored(in: req)
        if purpose == .change {
            var check = FormCheck(req.lang)
            // "Send a new code" names no number (the page never shows it whole): the pending one.
            let raw = form.phone ?? (pending?.purpose == .change ? pending?.phone : nil) ?? ""
            if raw.trimmingCharacters(in: .whitespaces).isEmpty {
                check.fail("phone", "请填写新手机号。", "Enter the new number.")
            } else if let phone = MobileNumber.normalize(raw) {
                target = phone
                if phone == account.login { check.fail("phone", "这就是您现在的号码。", "That is your number already.") }
            } else {
                check.fail("phone", "请填写11位中国大陆手机号，例如 138 1234 5678。",
                           "Enter an 11-digit mainland mobile number, e.g. 138 1234 5678.")
            }
            // A resend for the move under way was allowed by the password already.
            let resend = pending == Pending(purpose: .change, phone: target)
            if !resend, !(try await req.password.async.verify(form.password ?? "", created: account.passwordHash)) {
                check.fail("password", "密码不对。", "Wrong password.")
            }
            guard check.isValid else { return try render(req, errors: check.errors, status: .unprocessableEntity) }
            if try await Account.query(on: req.db).filter(\.$login == target).count() > 0 {
                advice = PhoneCodes.alreadyRegisteredText(.change, lang: req.lang, signature: req.settings.smsSignature)
            }
        } else if account.phoneVerifiedAt != nil {
            Flash.set(req, "您的手机号已经验证过了。", "Your number is already confirmed.")
            return req.redirect(to: SiteURL.accounts(.phone).path)
        }
        let field = purpose == .change ? "phone" : "code"
        switch try await PhoneCodes.send(to: target, purpose: purpose, account: account.id, informOnly: advice, on: req) {
        case .sent:
            req.session.data[pendingKey] = Pending(purpose: purpose, phone: target).stored
            Flash.set(req, "验证码已发送到 \(MobileNumber.masked(target))，5 分钟内有效。",
                      "A code is on its way to \(MobileNumber.masked(target)); it is valid for 5 minutes.")
            return req.redirect(to: SiteURL.accounts(.phone).path)
        case .wait(let seconds):
            return try render(req, errors: [field: PhoneCodes.waitText(seconds, lang: req.lang)], status: .tooManyRequests)
        case .limited(let error):
            return try render(req, errors: [field: error.message(req.lang)], status: .tooManyRequests)
        }
    }

    @Sendable static func confirm(req: Request) async throws -> Response {
        let account = try citizen(req)
        guard let pending = Pending.stored(in: req) else {
            return try render(req, errors: ["code": req.lang.t("请先获取验证码。", "Ask for a code first.")],
                              status: .unprocessableEntity)
        }
        let code = (try req.content.decode(ConfirmForm.self).code ?? "").trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else {
            return try render(req, errors: ["code": req.lang.t("请填写短信验证码。", "Enter the code from the text message.")],
                              status: .unprocessableEntity)
        }
        let now = req.now, lang = req.lang, requester = PhoneCodes.requester(req)
        let problem: String? = try await req.db.writeTransaction { tx in
            let checked = try await PhoneCodes.check(code, phone: pending.phone, purpose: pending.purpose,
                                                     account: account.id, requester: requester, now: now, on: tx)
            guard checked == .confirmed else { return PhoneCodes.problem(checked, lang: lang) }
            guard let fresh = try await Account.find(account.id, on: tx) else { throw AppError.notFound }
            if pending.purpose == .change {
                guard try await Account.query(on: tx).filter(\.$login == pending.phone).count() == 0 else {
                    return lang.t("这个号码已有账号，不能换到它。", "That number already has an account.")
                }
                fresh.login = pending.phone
            }
            fresh.phoneVerifiedAt = now
            try await fresh.update(on: tx)
            return nil
        }
        if let problem { return try render(req, errors: ["code": problem], status: .unprocessableEntity) }
        req.session.data[pendingKey] = nil
        req.session.data[PhoneCodes.demoCodeKey] = nil
        if pending.purpose == .change {
            Flash.set(req, "已换到新号码 \(MobileNumber.masked(pending.phone))，以后请用它登录。",
                      "Your account now uses \(MobileNumber.masked(pending.phone)); sign in with it from now on.")
        } else {
            Flash.set(req, "手机号已验证。您的评价和问卷从现在起计入各场馆的满意度。",
                      "Your number is confirmed. Your ratings and survey answers now count in the venues' satisfaction.")
        }
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    private static func citizen(_ req: Request) throws -> Account {
        let account = try req.auth.require(Account.self)
        guard account.role == .citizen else { throw AppError.forbidden }
        return account
    }

    private static func render(_ req: Request, errors: FieldErrors, status: HTTPResponseStatus) throws -> Response {
        let account = try citizen(req)
        let pending = Pending.stored(in: req)
        let demoCode = req.settings.isDemo && req.hasStoredSession ? req.session.data[PhoneCodes.demoCodeKey] : nil
        let page = PhonePage(login: account.login, verified: account.phoneVerifiedAt.map(req.displayTime.dateTime),
                             pending: pending, demoCode: pending == nil ? nil : demoCode, errors: errors)
        return Layout.response(PhoneView.render(PageContext(req, hasForm: true), page), status: status)
    }
}

struct PhonePage: Equatable {
    let login: String
    let verified: String?
    let pending: PhoneController.Pending?
    let demoCode: String?
    let errors: FieldErrors
}
