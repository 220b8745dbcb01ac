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
}

extension Node where Context == HTML.BodyContext {
    /// A paragraph followed by a link, e.g. "No account yet? Register".
    func withLink(_ link: HNode) -> HNode { H.div("inline-links", [self, link]) }
}
