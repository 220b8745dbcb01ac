import Plot

enum AuthView {
    static func login(_ ctx: PageContext, form: AuthController.LoginForm, errors: FieldErrors) -> String {
        let title = ctx.t("登录", "Sign in")
        return Layout.page(ctx, title: title, [
            H.div("narrow", [
                H.h1(title),
                H.p(ctx.t("群众请用注册时的手机号登录；工作人员请用分配的用户名登录。",
                          "Citizens sign in with their mobile number; staff with the user name they were given.")),
                Forms.form(ctx, action: SiteURL.login.path, fields: [
                    FormField(name: "login", label: ctx.t("手机号或用户名", "Mobile number or user name"), value: form.login ?? "",
                              error: errors["login"], required: true, maxLength: 40, autocomplete: "username"),
                    FormField(name: "password", label: ctx.t("密码", "Password"), kind: .password, error: errors["password"],
                              required: true, maxLength: 72, autocomplete: "current-password"),
                ], submit: title, extra: [H.void("input", [("type", "hidden"), ("name", "next"), ("value", form.next ?? "")])]),
                H.p(ctx.t("还没有账号？", "No account yet? ")).withLink(H.a(ctx.t("用手机号注册", "Register with your mobile number"), href: SiteURL.register.path)),
                H.p(ctx.t("连续输错 5 次密码，账号会锁定 30 分钟。忘记密码：工作人员请联系文广旅体局管理员；群众请带身份证件到市图书馆或市文化馆服务台，由管理员核实后重置。",
                          "Five wrong passwords lock the account for 30 minutes. Forgot your password? Staff ask the bureau administrator; citizens bring ID to the city library or cultural centre desk, where an administrator resets it."), cls: "muted"),
            ]),
        ])
    }

    static func register(_ ctx: PageContext, form: AuthController.RegisterForm, errors: FieldErrors) -> String {
        let title = ctx.t("注册账号", "Register")
        return Layout.page(ctx, title: title, [
            H.div("narrow", [
                H.h1(title),
                H.p(ctx.t("注册后可以预约活动、点单和评价。手机号只用于登录和活动通知，不会公开。",
                          "Register to book activities, order services and rate them. Your number is only used to sign in and for notices, never shown publicly.")),
                Forms.form(ctx, action: SiteURL.register.path, fields: [
                    FormField(name: "phone", label: ctx.t("手机号", "Mobile number"), kind: .tel, value: form.phone ?? "", error: errors["phone"],
                              hint: ctx.t("11位中国大陆手机号", "11-digit mainland number"), required: true, maxLength: 20, autocomplete: "tel", inputmode: "numeric"),
                    FormField(name: "name", label: ctx.t("称呼", "Name"), value: form.name ?? "", error: errors["name"],
                              hint: ctx.t("例如：王阿姨、李同学", "How we should address you"), required: true, maxLength: 20, autocomplete: "nickname"),
                    FormField(name: "password", label: ctx.t("密码", "Password"), kind: .password, error: errors["password"],
                              hint: ctx.t("至少 8 位，须包含字母和数字", "At least 8 characters, with letters and digits"), required: true, maxLength: 72, autocomplete: "new-password"),
                    FormField(name: "confirm", label: ctx.t("再次输入密码", "Repeat the password"), kind: .password, error: errors["confirm"],
                              required: true, maxLength: 72, autocomplete: "new-password"),
                ], submit: ctx.t("注册", "Register")),
            ]),
        ])
    }
}

extension Node where Context == HTML.BodyContext {
    /// A paragraph followed by a link, e.g. "No account yet? Register".
    func withLink(_ link: HNode) -> HNode { H.div("inline-links", [self, link]) }
}
