import Fluent
import Vapor

/// "My account": who I am, what I may see, and my API tokens.
enum AccountController {
    struct TokenForm: Content {
        var name: String?
        var validDays: String?
        var canWrite: String?
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, newToken: nil, errors: [:], status: .ok)
    }

    @Sendable static func createToken(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role.isStaff else { throw AppError.forbidden }
        // A password someone else set, or an expired one, is replaced before any token is made.
        if account.passwordNeedsChange(now: req.now, maxAgeDays: req.settings.passwordMaxAgeDays) {
            let errors = ["name": req.lang.t("请先修改密码（见下方“修改密码”），再创建接口令牌。",
                                             "Change your password first (below), then create a token.")]
            return try await render(req, newToken: nil, errors: errors, status: .forbidden)
        }
        let form = try req.content.decode(TokenForm.self)
        var check = FormCheck(req.lang)
        let name = check.text("name", form.name, max: 40)
        let days = form.validDays.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? APITokens.validityDays.last!
        if !APITokens.validityDays.contains(days) {
            check.fail("validDays", "有效期只能选择 7、30 或 90 天。", "Choose a validity of 7, 30 or 90 days.")
        }
        guard check.isValid else { return try await render(req, newToken: nil, errors: check.errors, status: .unprocessableEntity) }
        let expiry = req.now.addingTimeInterval(Double(days) * 86_400)
        let (_, plain) = try await APITokens.issue(for: account, name: name, expiresAt: expiry,
                                                   canWrite: FormCheck.flag(form.canWrite), on: req.db)
        return try await render(req, newToken: plain, errors: [:], status: .created)
    }

    @Sendable static func revokeToken(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard let token = try await APIToken.query(on: req.db)
            .filter(\.$id == req.id()).filter(\.$account.$id == account.requireID()).first() else { throw AppError.notFound }
        if token.revokedAt == nil {
            token.revokedAt = req.now
            try await token.save(on: req.db)
        }
        Flash.set(req, "已吊销令牌“\(token.name)”，使用它的程序将无法再访问接口。",
                  "Token “\(token.name)” is revoked; programs using it can no longer call the API.")
        return req.redirect(to: SiteURL.accounts(.home).path)
    }

    static func render(_ req: Request, newToken: String?, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let account = try req.auth.require(Account.self)
        if account.role.isStaff { try await req.application.tokenUsage.flush(on: req.db) }
        let tokens = account.role.isStaff
            ? try await APIToken.query(on: req.db).filter(\.$account.$id == account.requireID()).sort(\.$createdAt, .descending).all()
            : []
        var scopeText = ""
        if let region = try await account.$scopeRegion.get(on: req.db) { scopeText = region.name }
        if let venue = try await account.$scopeVenue.get(on: req.db) { scopeText = venue.name }
        let time = req.displayTime
        var page = AccountPage(
            name: account.displayName, login: account.maskedLogin, role: account.role, scope: scopeText,
            tokens: tokens.map {
                .init(id: $0.id!, name: $0.name, hint: $0.tokenHint,
                      created: $0.createdAt.map(time.dateTime) ?? "—",
                      lastUsed: $0.lastUsedAt.map(time.dateTime), revoked: $0.revokedAt != nil,
                      expires: $0.expiresAt.map(time.dateTime) ?? "—",
                      expired: !$0.isUsable(at: req.now) && $0.revokedAt == nil,
                      canWrite: $0.canWrite)
            },
            newToken: newToken, errors: errors)
        page.twoFactor = account.totpSecret != nil
        page.phoneVerified = account.role == .citizen ? account.phoneVerifiedAt != nil : nil
        return Layout.response(AccountView.render(PageContext(req, hasForm: true), page), status: status)
    }
}

/// Revoked, expired, or live with a button to revoke it.
private func tokenStatus(_ ctx: PageContext, _ t: AccountPage.Token) -> HNode {
    if t.revoked { return H.badge(ctx.t("已吊销", "Revoked"), tone: "neutral") }
    if t.expired { return H.badge(ctx.t("已过期", "Expired"), tone: "neutral") }
    return Forms.actionButton(ctx, action: SiteURL.accounts(.token(.id(t.id))).path, title: ctx.t("吊销", "Revoke"),
                              danger: true, confirm: ctx.t("确定吊销这个令牌吗？", "Revoke this token?"))
}

struct AccountPage: Equatable {
    struct Token: Equatable {
        let id: UUID
        let name: String
        let hint: String
        let created: String
        let lastUsed: String?
        let revoked: Bool
        let expires: String
        let expired: Bool
        let canWrite: Bool
    }
    let name: String
    let login: String
    let role: Role
    let scope: String
    let tokens: [Token]
    let newToken: String?
    let errors: FieldErrors
    var twoFactor = false
    /// Citizens only: whether their number is confirmed by SMS code.
    var phoneVerified: Bool? = nil
}

enum AccountView {
    static func render(_ ctx: PageContext, _ m: AccountPage) -> String {
        let title = ctx.t("我的账号", "My account")
        var content: [HNode] = [
            H.h1(title),
            H.facts([
                (ctx.t("称呼", "Name"), H.text(m.name)),
                (ctx.t("登录名", "Sign-in name"), H.text(m.login)),
                (ctx.t("身份", "Role"), H.text(m.role.label(ctx.lang))),
            ] + (m.scope.isEmpty ? [] : [(ctx.t("管辖范围", "Scope"), H.text(m.scope))])),
        ]
        if m.role.isStaff {
            content.append(H.section(labelledBy: "tokens", title: ctx.t("接口令牌", "API tokens"), [
                H.p(ctx.t("令牌用于让其他系统（如郑州文旅云）通过 JSON 接口读写您管辖范围内的数据。令牌只显示一次，请妥善保存；不再使用时请吊销。",
                          "Tokens let other systems (such as the Zhengzhou culture cloud) use the JSON API within your scope. A token is shown once; revoke it when no longer needed.")),
                H.p(ctx.t("令牌最长有效 90 天，默认只读；需要新增或修改数据时请勾选“用于写入”。修改密码或被重置密码后，您的所有令牌都会被吊销。",
                          "Tokens last at most 90 days and are read-only unless made for writing. "
                              + "Changing your password, or an administrator resetting it, revokes all your tokens.")),
                m.newToken.map { token in
                    H.el("div", [("class", "token-once"), ("role", "status")], [
                        H.p(ctx.t("新令牌已创建，请立即复制保存，离开本页后将无法再次查看：", "New token created. Copy it now; it will not be shown again:")),
                        H.el("code", [("id", "new-token")], H.text(token)),
                    ])
                } ?? H.empty,
                m.tokens.isEmpty
                    ? Tables.empty(ctx.t("您还没有创建令牌。", "You have no tokens yet."))
                    : Tables.table(caption: ctx.t("我的令牌", "My tokens"), headers: [
                        ctx.t("名称", "Name"), ctx.t("末四位", "Ends with"), ctx.t("权限", "Access"), ctx.t("创建时间", "Created"),
                        ctx.t("有效期至", "Expires"), ctx.t("最近使用", "Last used"), ctx.t("状态/操作", "Status / action"),
                    ], rows: m.tokens.map { t in
                        [H.text(t.name), H.el("code", [], H.text("…" + t.hint)),
                         H.text(t.canWrite ? ctx.t("读写", "Read and write") : ctx.t("只读", "Read-only")),
                         H.text(t.created), H.text(t.expires), H.text(t.lastUsed ?? ctx.t("从未使用", "Never")),
                         tokenStatus(ctx, t)]
                    }),
                H.h3(ctx.t("创建新令牌", "Create a token")),
                Forms.form(ctx, action: SiteURL.accounts(.tokens).path, fields: [
                    FormField(name: "name", label: ctx.t("用途说明", "What it is for"), error: m.errors["name"],
                              hint: ctx.t("例如：郑州文旅云对接", "e.g. Zhengzhou culture cloud link"), required: true, maxLength: 40),
                    FormField(name: "validDays", label: ctx.t("有效期", "Valid for"),
                              kind: .select(APITokens.validityDays.map {
                                  .init(value: String($0), label: ctx.t("\($0) 天", "\($0) days"))
                              }),
                              value: String(APITokens.validityDays.last!), error: m.errors["validDays"],
                              hint: ctx.t("到期后令牌自动失效，需要时再创建新的",
                                          "The token stops working then; create a new one when needed")),
                    FormField(name: "canWrite", label: ctx.t("用于写入（可新增和修改数据）", "For writing (may add and change data)"),
                              kind: .checkbox, error: m.errors["canWrite"],
                              hint: ctx.t("不勾选则为只读令牌，只能查询", "Unticked, the token can only read")),
                ], submit: ctx.t("创建令牌", "Create token")),
            ]))
        } else {
            if let verified = m.phoneVerified { content.append(phoneSection(ctx, verified: verified)) }
            content.append(H.p(ctx.t("您可以浏览全市场馆、查看免费开放公示和开放时间。", "You can browse venues, free-opening notices and opening hours.")))
            content.append(H.el("p", [], [H.a(ctx.t("去找场馆", "Find a venue"), href: SiteURL.venues(.index).path, cls: "button primary"), H.text(" "),
                                          H.a(ctx.t("我的报名与预约", "My registrations and bookings"), href: SiteURL.registrations(.index).path, cls: "button"), H.text(" "),
                                          H.a(ctx.t("我的投诉与建议", "My complaints and suggestions"), href: SiteURL.feedback(.myComplaints).path, cls: "button"), H.text(" "),
                                          H.a(ctx.t("我的资料（出生日期、证件、监护人）", "My details (birth date, ID, guardian)"), href: SiteURL.accounts(.profile).path, cls: "button")]))
        }
        if m.role.isStaff {
            content.append(H.section(labelledBy: "two-factor", title: ctx.t("两步验证", "Two-step sign-in"), [
                H.p(m.twoFactor ? ctx.t("已开启：登录时还需输入验证器 App 上的 6 位数字。", "On: you also enter the 6-digit code from your app when signing in.")
                                : ctx.t("未开启。开启后，即使密码泄露，没有您的手机也无法登录。", "Off. Turn it on so a leaked password alone cannot sign you in.")),
                H.a(m.twoFactor ? ctx.t("管理两步验证", "Manage") : ctx.t("开启两步验证", "Turn it on"), href: SiteURL.accounts(.twoFactor).path, cls: "button"),
            ]))
        }
        content.append(H.section(labelledBy: "password", title: ctx.t("修改密码", "Change password"), [
            Forms.form(ctx, action: SiteURL.accounts(.password).path, fields: [
                FormField(name: "current", label: ctx.t("当前密码", "Current password"), kind: .password, error: m.errors["current"],
                          required: true, maxLength: 72, autocomplete: "current-password"),
                FormField(name: "password", label: ctx.t("新密码", "New password"), kind: .password, error: m.errors["password"],
                          hint: ctx.t("至少 8 位，须包含字母和数字", "At least 8 characters with letters and digits"), required: true,
                          maxLength: 72, autocomplete: "new-password"),
                FormField(name: "confirm", label: ctx.t("再次输入新密码", "Repeat the new password"), kind: .password, error: m.errors["confirm"],
                          required: true, maxLength: 72, autocomplete: "new-password"),
            ], submit: ctx.t("修改密码", "Change password")),
        ]))
        content.append(H.section(labelledBy: "my-data", title: ctx.t("我的个人信息", "My personal data"), [
            H.p(ctx.t("您可以随时下载平台保存的您的全部个人信息（账号、报名、场地预约、评价、投诉建议和登录记录）。",
                      "Download everything the platform holds about you: account, registrations, bookings, ratings, complaints and sign-ins.")),
            H.a(ctx.t("下载我的数据（JSON）", "Download my data (JSON)"), href: SiteURL.accounts(.data).path, cls: "button"),
        ]))
        if m.role == .citizen {
            content.append(H.section(labelledBy: "delete-account", title: ctx.t("注销账号", "Close my account"), [
                H.p(ctx.t("注销后无法恢复：您的姓名和手机号会被删除，报名记录只保留人数用于统计。尚未开始的报名请先取消。",
                          "This cannot be undone: your name and number are deleted, and your registrations are kept only as counts for statistics. Cancel coming registrations first.")),
                Forms.form(ctx, action: SiteURL.accounts(.delete).path, fields: [
                    FormField(name: "deletePassword", label: ctx.t("输入密码确认", "Your password"), kind: .password, error: m.errors["deletePassword"],
                              required: true, maxLength: 72, autocomplete: "current-password"),
                    FormField(name: "deleteConfirm", label: ctx.t("我了解注销后无法恢复", "I understand this cannot be undone"), kind: .checkbox, error: m.errors["deleteConfirm"]),
                ], submit: ctx.t("注销我的账号", "Close my account")),
            ]))
        }
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], content)
    }

    private static func phoneSection(_ ctx: PageContext, verified: Bool) -> HNode {
        H.section(labelledBy: "phone", title: ctx.t("手机号", "Mobile number"), [
            H.p(verified
                ? ctx.t("您的手机号已验证。", "Your number is confirmed.")
                : ctx.t("您的手机号尚未验证：验证前，您的评价和问卷不计入场馆的满意度考核。",
                        "Your number is not confirmed yet: until it is, your ratings and survey answers do not count "
                            + "in the venues' satisfaction figures.")),
            H.a(verified ? ctx.t("更换手机号", "Move to a new number") : ctx.t("验证手机号", "Confirm my number"),
                href: SiteURL.accounts(.phone).path, cls: verified ? "button" : "button primary"),
        ])
    }
}
