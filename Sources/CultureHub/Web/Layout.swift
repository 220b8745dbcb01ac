import Plot
import Vapor

/// The shared page frame: skip link, header with language and large-type switches,
/// navigation, breadcrumbs, the confirmation message, and the footer (DESIGN §7).
enum Layout {
    struct Crumb: Equatable {
        let title: String
        let url: String?
    }

    enum Area { case publicSite, staff }

    static func page(_ ctx: PageContext, title: String, area: Area = .publicSite,
                     crumbs: [Crumb] = [], _ content: [HNode]) -> String {
        let body: HNode = H.group(
            H.a(ctx.t("跳到主要内容", "Skip to main content"), href: "#main", cls: "skip-link"),
            header(ctx, area: area),
            ctx.isDemo ? H.div("demo-banner", H.text(ctx.t(
                "演示系统：村（社区）名称和人口为生成的示例数据，仅供体验。",
                "Demo system: village names and populations are generated sample data."))) : H.empty,
            H.el("main", [("id", "main"), ("tabindex", "-1"), ("class", "container")], [
                breadcrumbs(ctx, crumbs),
                ctx.flash.map { H.el("p", [("class", "flash"), ("role", "status")], H.text($0)) } ?? H.empty,
            ] + content),
            footer(ctx)
        )
        let siteName = ctx.t("新密市公共文化服务平台", "Xinmi Public Culture Services")
        let head = """
        <!DOCTYPE html><html lang="\(ctx.lang.htmlLang)"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(H.escapeAttribute(title)) · \(H.escapeAttribute(siteName))</title>\
        <link rel="stylesheet" href="/css/site.css"></head>
        """
        let bodyClass = ctx.largeType ? " class=\"large-type\"" : ""
        return head + "<body\(bodyClass)>" + body.render() + "<script src=\"/js/site.js\" defer></script></body></html>"
    }

    static func response(_ html: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    private static func header(_ ctx: PageContext, area: Area) -> HNode {
        var nav: [(String, SiteURL)] = [
            (ctx.t("活动", "Activities"), .activities(.index)),
            (ctx.t("服务菜单", "Service menu"), .menu(.index)),
            (ctx.t("场馆", "Venues"), .venues(.index)),
            (ctx.t("数字文化", "Digital"), .digital(.index)),
            (ctx.t("总分馆", "Network"), .network(.index)),
            (ctx.t("免费开放公示", "Free opening"), .notices(.index)),
            (ctx.t("覆盖率", "Coverage"), .coverage),
            (ctx.t("需求征集", "Requests"), .demands(.index)),
            (ctx.t("志愿者", "Volunteers"), .volunteers(.index)),
            (ctx.t("满意度", "Satisfaction"), .feedback(.satisfaction)),
            (ctx.t("考核结果", "Evaluation"), .evaluation(.published)),
        ]
        if let user = ctx.user, user.role.isStaff {
            nav.append((ctx.t("工作台", "Workbench"), .staff))
        } else if ctx.user != nil {
            nav.append((ctx.t("我的报名", "My registrations"), .registrations(.index)))
        }
        let current = ctx.currentURL.split(separator: "?").first.map(String.init) ?? "/"
        let userLinks: [HNode]
        if let user = ctx.user {
            userLinks = [
                H.a(user.name, href: SiteURL.accounts(.home).path),
                H.el("form", [("method", "post"), ("action", SiteURL.logout.path), ("class", "inline")],
                     Forms.csrfField(ctx, once: false),
                     H.el("button", [("type", "submit"), ("class", "link-button")], H.text(ctx.t("退出", "Sign out")))),
            ]
        } else {
            userLinks = [H.a(ctx.t("登录", "Sign in"), href: SiteURL.login.path),
                         H.a(ctx.t("注册", "Register"), href: SiteURL.register.path)]
        }
        let back = ctx.currentURL
        return H.el("header", [("class", "site-header")], [
            H.div("container header-row", [
                H.el("a", [("href", "/"), ("class", "brand")], H.text(ctx.t("新密市公共文化服务平台", "Xinmi Public Culture Services"))),
                H.el("div", [("class", "tools")], [
                    H.el("a", [("href", SiteURL.preference("lang").with([("value", ctx.lang.other.rawValue), ("next", back)])),
                               ("lang", ctx.lang.other.htmlLang), ("class", "switch")],
                         H.text(ctx.lang == .zh ? "English" : "中文")),
                    H.el("a", [("href", SiteURL.preference("large").with([("value", ctx.largeType ? "0" : "1"), ("next", back)])),
                               ("class", "switch large-switch")],
                         H.text(ctx.largeType ? ctx.t("标准字号", "Standard text") : ctx.t("大字模式", "Large text"))),
                ] + userLinks),
            ]),
            H.el("nav", [("aria-label", ctx.t("主导航", "Main")), ("class", "main-nav")], [
                H.el("ul", [("class", "container")], nav.map { title, url in
                    H.el("li", [], H.a(title, href: url.path, current: current == url.path || (area == .staff && url == .staff && current.hasPrefix("/staff"))))
                }),
            ]),
        ])
    }

    private static func breadcrumbs(_ ctx: PageContext, _ crumbs: [Crumb]) -> HNode {
        guard !crumbs.isEmpty else { return H.empty }
        return H.el("nav", [("aria-label", ctx.t("当前位置", "Breadcrumb")), ("class", "breadcrumbs")], [
            H.el("ol", [], crumbs.enumerated().map { index, crumb in
                if let url = crumb.url, index < crumbs.count - 1 {
                    return H.el("li", [], H.a(crumb.title, href: url))
                }
                return H.el("li", [("aria-current", "page")], H.text(crumb.title))
            }),
        ])
    }

    private static func footer(_ ctx: PageContext) -> HNode {
        H.el("footer", [("class", "site-footer")], [
            H.div("container", [
                H.p(ctx.t("新密市文化广电和旅游体育局 主办 · 公共文化场馆免费开放，欢迎群众参与。",
                          "Run by the Xinmi Bureau of Culture, Radio, TV, Tourism and Sports. Public venues are free to enter.")),
                H.p(ctx.t("本平台支持读屏软件和大字模式；如遇使用困难，请拨打场馆电话求助。",
                          "This site works with screen readers and in large-text mode; call any venue for help.")),
            ]),
        ])
    }
}
