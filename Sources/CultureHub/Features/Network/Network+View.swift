import Plot

enum NetworkView {
    static func render(_ ctx: PageContext, _ m: NetworkPage) -> String {
        let title = ctx.t("总分馆体系", "Main–branch network")
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("市图书馆、市文化馆为总馆，乡镇（街道）综合文化站为分馆，村（社区）综合性文化服务中心为服务点，图书和文化资源在体系内通借通还、统一配送。",
                      "The city library and cultural centre are main venues, township stations are branches, and village centres are service points; books and programmes circulate through the network."), cls: "lead"),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("按乡镇查看", "Filter by township"))], [
                Forms.form(ctx, action: SiteURL.network(.index).path, fields: [
                    FormField(name: "township", label: ctx.t("只看某乡镇（街道）", "Show one township"), kind: .select(m.townships), value: m.townshipFilter),
                ], submit: ctx.t("查看", "Show"), method: "get", cls: "filters"),
            ]),
            m.roots.isEmpty
                ? Tables.empty(ctx.t("尚未设置总馆。请在工作台把市图书馆、市文化馆的“总分馆角色”设为总馆。",
                                     "No main venue is set. In the workbench, set the city library and cultural centre as main venues."))
                : H.el("ul", [("class", "tree")], m.roots.map { root(ctx, $0) }),
        ])
    }

    static func root(_ ctx: PageContext, _ n: NetworkPage.Node) -> HNode {
        H.el("li", [], [
            H.el("h2", [], [H.a(n.name, href: SiteURL.venues(.show(.id(n.id))).path), H.text(" "), H.badge(n.role.label(ctx.lang), tone: "accent")]),
            H.p(ctx.t("分馆 \(n.children.count) 个，服务点 \(n.descendantCount - n.children.count) 个",
                      "\(n.children.count) branches, \(n.descendantCount - n.children.count) service points"), cls: "muted"),
            H.el("ul", [], n.children.map { branch(ctx, $0) }),
        ])
    }

    static func branch(_ ctx: PageContext, _ n: NetworkPage.Node) -> HNode {
        let link = H.a(n.name, href: SiteURL.venues(.show(.id(n.id))).path)
        guard !n.children.isEmpty else { return H.el("li", [], [link, H.text(" "), H.badge(n.role.label(ctx.lang))]) }
        return H.el("li", [], [
            H.el("details", [], [
                H.el("summary", [], [H.text(n.name + " "), H.badge(n.role.label(ctx.lang)),
                                     H.span(ctx.t("（\(n.children.count) 个服务点）", " (\(n.children.count) service points)"), cls: "muted")]),
                H.el("p", [], H.a(ctx.t("查看\(n.name)", "Open \(n.name)"), href: SiteURL.venues(.show(.id(n.id))).path)),
                H.el("ul", [("class", "columns")], n.children.map { child in
                    H.el("li", [], H.a(child.name, href: SiteURL.venues(.show(.id(child.id))).path))
                }),
            ]),
        ])
    }
}
