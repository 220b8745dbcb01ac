import Plot

/// The two sign-up pages. Step 1 asks only for the number, so an older person is never asked
/// for everything at once; step 2 says where the code went and how to get another.
enum SignUpView {
    static func number(_ ctx: PageContext, phone: String, error: String?, pending: String?) -> String {
        let title = ctx.t("注册账号", "Register")
        var body: [HNode] = [
            H.h1(title),
            H.p(ctx.t("注册后可以预约活动、点单和评价。第一步：填写手机号，我们会发送 6 位验证码，确认号码是您本人的。",
                      "Register to book activities, order services and rate them. First, your mobile number: we "
                        + "send a 6-digit code to confirm it is yours.")),
            Forms.form(ctx, action: SiteURL.registerCode.path, fields: [
                FormField(name: "phone", label: ctx.t("手机号", "Mobile number"), kind: .tel, value: phone, error: error,
                          hint: ctx.t("11位中国大陆手机号。号码只用于登录和活动通知，不会公开。",
                                      "11-digit mainland number, only used to sign in and for notices; never shown."),
                          required: true, maxLength: 20, autocomplete: "tel", inputmode: "numeric"),
            ], submit: ctx.t("获取验证码", "Send me a code")),
        ]
        if let pending {
            body.append(H.p(ctx.t("已给 \(MobileNumber.masked(pending)) 发过验证码？", "Already have a code for "
                                    + "\(MobileNumber.masked(pending))? "))
                .withLink(H.a(ctx.t("继续填写", "Carry on"), href: SiteURL.registerConfirm.path)))
        }
        body.append(H.p(ctx.t("已有账号？", "Have an account? ")).withLink(H.a(ctx.t("登录", "Sign in"), href: SiteURL.login.path)))
        return Layout.page(ctx, title: title, [H.div("narrow", body)])
    }

    static func details(_ ctx: PageContext, phone: String, form: SignUpController.DetailsForm, errors: FieldErrors,
                        demoCode: String?) -> String {
        let title = ctx.t("注册账号：填写验证码", "Register: enter your code")
        let masked = MobileNumber.masked(phone)
        var body: [HNode] = [
            H.h1(title),
            H.p(ctx.t("验证码已发送到 \(masked)，5 分钟内有效，最多可以输错 5 次。",
                      "We sent a code to \(masked). It is valid for 5 minutes; 5 wrong tries end it.")),
        ]
        if let demoCode {
            body.append(H.div("notice", H.p(ctx.t("演示环境不真正发送短信。本次验证码是 \(demoCode)。",
                                                "The demo sends no real text messages. Your code is \(demoCode)."))))
        }
        body.append(Forms.form(ctx, action: SiteURL.register.path, fields: [
            FormField(name: "code", label: ctx.t("短信验证码", "Code from the text message"), value: "", error: errors["code"],
                      hint: ctx.t("6 位数字", "6 digits"), required: true, maxLength: 12, autocomplete: "one-time-code",
                      inputmode: "numeric"),
            FormField(name: "name", label: ctx.t("称呼", "Name"), value: form.name ?? "", error: errors["name"],
                      hint: ctx.t("例如：王阿姨、李同学", "How we should address you"), required: true, maxLength: 20,
                      autocomplete: "nickname"),
            FormField(name: "password", label: ctx.t("密码", "Password"), kind: .password, error: errors["password"],
                      hint: ctx.t("至少 8 位，须包含字母和数字", "At least 8 characters, with letters and digits"),
                      required: true, maxLength: 72, autocomplete: "new-password"),
            FormField(name: "confirm", label: ctx.t("再次输入密码", "Repeat the password"), kind: .password,
                      error: errors["confirm"], required: true, maxLength: 72, autocomplete: "new-password"),
        ], submit: ctx.t("完成注册", "Register")))
        body.append(H.h2(ctx.t("没收到验证码？", "No code?")))
        body.append(H.p(ctx.t("请稍等一分钟，检查号码是否正确、短信是否被拦截；然后可以重新获取。每个号码每小时最多发送 5 次。",
                              "Wait a minute, check the number and your blocked messages, then ask again. "
                                + "A number gets at most 5 codes an hour.")))
        body.append(Forms.form(ctx, action: SiteURL.registerCode.path, fields: [],
                               submit: ctx.t("重新获取验证码", "Send a new code"), cls: "inline-form"))
        body.append(H.el("p", [], [H.a(ctx.t("换一个号码", "Use another number"), href: SiteURL.register.path)]))
        return Layout.page(ctx, title: title, [H.div("narrow", body)])
    }
}
