import Plot

enum VenueDirectoryView {
    static func render(_ ctx: PageContext, _ m: VenueDirectoryPage) -> String {
        let title = ctx.t("场馆查询", "Find a venue")
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("按类型、乡镇、无障碍设施筛选全市公共文化场馆；勾选“现在开放”只看此刻开门的场馆。",
                      "Filter the city's public venues by type, township and accessibility; tick “Open now” for those open at this moment."), cls: "lead"),
            filters(ctx, m),
            H.el("h2", [("id", "results"), ("class", "results-heading")],
                 H.text(ctx.t("找到 \(m.pagination.total) 个场馆", "\(m.pagination.total) venues found"))),
            m.cards.isEmpty
                ? Tables.empty(ctx.t("没有符合条件的场馆。可以减少筛选条件，或取消“现在开放”再试。",
                                     "No venue matches. Remove a filter, or untick “Open now”, and try again."),
                               action: H.a(ctx.t("清除全部筛选", "Clear all filters"), href: SiteURL.venues(.index).path, cls: "button"))
                : H.el("ul", [("class", "cards"), ("aria-labelledby", "results")], m.cards.map { H.el("li", [], card(ctx, $0)) }),
            m.pagination.render(ctx) { m.link(page: $0) },
        ])
    }

    static func filters(_ ctx: PageContext, _ m: VenueDirectoryPage) -> HNode {
        let any = FormField.Option(value: "", label: ctx.t("不限", "Any"))
        let fields = [
            FormField(name: "q", label: ctx.t("名称或地址", "Name or address"), value: m.query.q ?? "", error: m.errors["q"], maxLength: 50),
            FormField(name: "type", label: ctx.t("场馆类型", "Type"), kind: .select([any] + VenueType.options(ctx.lang)), value: m.query.type ?? "", error: m.errors["type"]),
            FormField(name: "tier", label: ctx.t("层级", "Tier"), kind: .select([any] + RegionLevel.options(ctx.lang)), value: m.query.tier ?? "", error: m.errors["tier"]),
            FormField(name: "township", label: ctx.t("所在乡镇（街道）", "Township"), kind: .select(m.townships), value: m.query.township ?? "", error: m.errors["township"]),
            FormField(name: "facility", label: ctx.t("无障碍设施", "Accessibility"), kind: .select([any] + AccessibilityFacility.options(ctx.lang)), value: m.query.facility ?? "", error: m.errors["facility"]),
            FormField(name: "open", label: ctx.t("现在开放", "Open now"), kind: .checkbox, value: m.search.openNow ? "1" : ""),
        ]
        return H.el("div", [("role", "search"), ("aria-label", ctx.t("场馆筛选", "Venue filters"))], [
            Forms.form(ctx, action: SiteURL.venues(.index).path, fields: fields, submit: ctx.t("查询", "Search"), method: "get", cls: "filters"),
        ])
    }

    static func card(_ ctx: PageContext, _ c: VenueCard) -> HNode {
        let hours: String = if let today = c.todayHours {
            c.isOpenNow ? ctx.t("开放中 · 今日 \(today)", "Open now · today \(today)") : ctx.t("今日 \(today)", "Today \(today)")
        } else {
            ctx.t("今日闭馆", "Closed today")
        }
        return H.el("article", [("class", "card")], [
            H.el("h3", [], H.a(c.name, href: SiteURL.venues(.show(.id(c.id))).path)),
            H.el("p", [("class", "tags")], [
                H.badge(c.type.label(ctx.lang), tone: "accent"),
                c.networkRole == .standalone ? H.empty : H.badge(c.networkRole.label(ctx.lang)),
                c.status == .operating ? H.empty : H.badge(c.status.label(ctx.lang), tone: "warn"),
            ]),
            H.p([c.township, c.address].compactMap { $0 }.joined(separator: " · "), cls: "muted"),
            H.p(hours, cls: c.isOpenNow ? "open-now" : "hours"),
            c.facilities.isEmpty ? H.empty : H.el("p", [("class", "facilities")], [
                H.span(ctx.t("无障碍：", "Accessibility: "), cls: "muted"),
                H.text(c.facilities.map { $0.label(ctx.lang) }.joined(separator: ctx.t("、", ", "))),
            ]),
        ])
    }
}
