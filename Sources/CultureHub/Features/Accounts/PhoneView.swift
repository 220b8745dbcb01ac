import Plot

/// "My mobile number": whether it is confirmed, the code form while a code is on its way, and
/// moving to a new number.
enum PhoneView {
    static func render(_ ctx: PageContext, _ m: PhonePage) -> String {
        let title = ctx.t("我的手机号", "My mobile number")
        var content: [HNode] = [
            H.h1(title),
            H.facts([
                (ctx.t("登录手机号", "Number you sign in with"), H.text(MobileNumber.masked(m.login))),
                (ctx.t("状态", "Status"), m.verified.map { H.badge(ctx.t("已验证（\($0)）", "Confirmed (\($0))"), tone: "ok") }
                    ?? H.badge(ctx.t("未验证", "Not confirmed"), tone: "warn")),
            ]),
        ]
        if let pending = m.pending {
            content.append(codeSection(ctx, m, pending))
        } else if m.verified == nil {
            content.append(H.section(labelledBy: "verify", title: ctx.t("验证手机号", "Confirm your number"), [
                H.p(ctx.t("验证之前，您可以照常预约和报名，但您的评价和问卷暂不计入场馆的满意度考核。",
                          "Until you confirm it you can book and register as usual, but your ratings and survey "
                            + "answers do not count in the venues' satisfaction figures.")),
                Forms.form(ctx, action: SiteURL.accounts(.phoneCode).path, fields: [], submit: ctx.t(
                    "给 \(MobileNumber.masked(m.login)) 发送验证码", "Send a code to \(MobileNumber.masked(m.login))"),
                    extra: [H.void("input", [("type", "hidden"), ("name", "purpose"), ("value", "verify")])]
                        + (m.errors["code"].map { [Forms.problem($0)] } ?? [])),
            ]))
        }
        content.append(H.section(labelledBy: "change", title: ctx.t("更换手机号", "Move to a new number"), [
            H.p(ctx.t("换号后请用新号码登录。新号码需要接收验证码确认。",
                      "Afterwards you sign in with the new number, which confirms itself with a code.")),
            Forms.form(ctx, action: SiteURL.accounts(.phoneCode).path, fields: [
                FormField(name: "phone", label: ctx.t("新手机号", "New number"), kind: .tel, error: m.errors["phone"],
                          required: true, maxLength: 20, autocomplete: "tel", inputmode: "numeric"),
                FormField(name: "password", label: ctx.t("当前密码", "Current password"), kind: .password,
                          error: m.errors["password"], required: true, maxLength: 72, autocomplete: "current-password"),
            ], submit: ctx.t("给新号码发送验证码", "Send a code to the new number"),
               extra: [H.void("input", [("type", "hidden"), ("name", "purpose"), ("value", "change")])], idScope: "change"),
        ]))
        let crumbs: [Layout.Crumb] = [.init(title: ctx.t("首页", "Home"), url: "/"),
                               .init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path),
                               .init(title: title, url: nil)]
        return Layout.page(ctx, title: title, crumbs: crumbs, content)
    }

    private static func codeSection(_ ctx: PageContext, _ m: PhonePage, _ pending: PhoneController.Pending) -> HNode {
        let masked = MobileNumber.masked(pending.phone)
        var children: [HNode] = [
            H.p(pending.purpose == .change
                ? ctx.t("验证码已发送到新号码 \(masked)，5 分钟内有效。", "A code went to the new number \(masked); valid for 5 minutes.")
                : ctx.t("验证码已发送到 \(masked)，5 分钟内有效。", "A code went to \(masked); valid for 5 minutes.")),
        ]
        if let code = m.demoCode {
            children.append(H.div("notice", H.p(ctx.t("演示环境不真正发送短信。本次验证码是 \(code)。",
                                                    "The demo sends no real text messages. Your code is \(code)."))))
        }
        children.append(Forms.form(ctx, action: SiteURL.accounts(.phoneConfirm).path, fields: [
            FormField(name: "code", label: ctx.t("短信验证码", "Code from the text message"), error: m.errors["code"],
                      hint: ctx.t("6 位数字；没收到可在一分钟后重新获取", "6 digits; ask again after a minute if none came"),
                      required: true, maxLength: 12, autocomplete: "one-time-code", inputmode: "numeric"),
        ], submit: ctx.t("确认", "Confirm")))
        children.append(Forms.form(ctx, action: SiteURL.accounts(.phoneCode).path, fields: [],
                                   submit: ctx.t("重新获取验证码", "Send a new code"),
                                   extra: [H.void("input", [("type", "hidden"), ("name", "purpose"),
                                                            ("value", pending.purpose.rawValue)])],
                                   cls: "inline-form"))
        return H.section(labelledBy: "code", title: ctx.t("输入验证码", "Enter the code"), children)
    }
}
