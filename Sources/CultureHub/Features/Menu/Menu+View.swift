import Foundation

/// What the public menu page shows.
struct MenuPage {
    let query: MenuController.Query
    let search: MenuSearch
    let total: Int
    let rows: [MenuRow]
    /// Units still free this period, for orderable items.
    let remaining: [UUID: Int]
    let near: TownshipRef?
    let villages: [VillageRef]
    let errors: FieldErrors
}

enum MenuView {
    static func render(_ ctx: PageContext, _ page: MenuPage, townships: TownshipIndex) -> String {
        let q = page.query
        let title = ctx.t("服务菜单", "Service menu")
        let link = { (n: Int) in SiteURL.menu(.index).with([("kind", q.kind), ("group", q.group), ("township", q.township), ("near", q.near), ("village", q.village),
                                                   ("lat", q.lat), ("lng", q.lng), ("page", n > 1 ? String(n) : nil)]) }
        let sorted = page.search.origin != nil
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("各场馆全年提供的公共文化服务项目。标有“可点单”的项目，村（社区）可以向场馆点单，请场馆送到村里。",
                      "What each venue offers over the year. Items marked “orderable” can be ordered by a village to be delivered there."), cls: "lead"),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("服务菜单筛选", "Menu filters"))], [filters(ctx, page, townships: townships)]),
            H.el("h2", [("id", "results")], H.text(ctx.t("共 \(page.total) 个服务项目", "\(page.total) items") + (sorted ? ctx.t("，按距离由近到远", ", nearest first") : ""))),
            page.rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的服务项目。可以减少筛选条件再试。", "No item matches. Remove a filter and try again."),
                                             action: H.a(ctx.t("清除筛选", "Clear filters"), href: SiteURL.menu(.index).path, cls: "button"))
                : H.el("ul", [("class", "cards"), ("aria-labelledby", "results")], page.rows.map { card(ctx, $0, remaining: page.remaining[$0.id], origin: page.search.origin) }),
            Pagination(page: page.search.page, per: MenuSearch.per, total: page.total).render(ctx, link: link),
        ])
    }

    private static func filters(_ ctx: PageContext, _ page: MenuPage, townships: TownshipIndex) -> HNode {
        let q = page.query
        let any = FormField.Option(value: "", label: ctx.t("不限", "Any"))
        var fields = [
            FormField(name: "kind", label: ctx.t("服务类型", "Kind"), kind: .select([any] + ServiceKind.options(ctx.lang)), value: q.kind ?? "", error: page.errors["kind"]),
            FormField(name: "group", label: ctx.t("服务对象", "For"), kind: .select([any] + TargetGroup.options(ctx.lang)), value: q.group ?? "", error: page.errors["group"]),
            FormField(name: "township", label: ctx.t("提供单位所在乡镇", "Provider's township"),
                      kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全市", "Whole city"))), value: q.township ?? "", error: page.errors["township"]),
            FormField(name: "near", label: ctx.t("我住在哪个乡镇", "My township"),
                      kind: .select(townships.options(ctx.lang, allLabel: ctx.t("不选", "None"))), value: page.near?.id.uuidString ?? "", error: page.errors["near"],
                      hint: page.near == nil ? ctx.t("选好乡镇并查询后，可以再选村（社区），离您近的排前面。", "Choose and search, then pick your village to see the nearest first.") : nil),
        ]
        if let near = page.near {
            fields.append(FormField(name: "village", label: ctx.t("我在哪个村（社区）：离我近的排前面", "My village (nearest first)"),
                                    kind: .select([FormField.Option(value: "", label: ctx.t("不选", "None"))]
                                                  + page.villages.map { FormField.Option(value: $0.id.uuidString, label: near.name + " · " + $0.name) }),
                                    value: q.village?.uppercased() ?? "", error: page.errors["village"]))
        }
        return Forms.form(ctx, action: SiteURL.menu(.index).path, fields: fields, submit: ctx.t("查询", "Search"), method: "get",
                          extra: [H.void("input", [("type", "hidden"), ("name", "lat"), ("value", q.lat ?? ""), ("data-geo", "lat")]),
                                  H.void("input", [("type", "hidden"), ("name", "lng"), ("value", q.lng ?? ""), ("data-geo", "lng")]),
                                  H.el("button", [("type", "button"), ("class", "button"), ("data-geo-button", "1"), ("hidden", "hidden")],
                                       H.text(ctx.t("用我的位置排序", "Sort by my location")))], cls: "filters")
    }

    private static func card(_ ctx: PageContext, _ i: MenuRow, remaining: Int?, origin: (lat: Double, lng: Double)?) -> HNode {
        let distance: Double? = origin.flatMap { o in i.latitude.flatMap { la in i.longitude.map { lo in Geo.kilometres((o.lat, o.lng), (la, lo)) } } }
        return H.el("li", [], H.el("article", [("class", "card")], [
            H.h3(i.title),
            H.el("p", [("class", "tags")], [H.badge(i.kind.label(ctx.lang), tone: "accent"), i.orderable ? H.badge(ctx.t("可点单", "Orderable")) : H.empty]
                 + i.targetGroups.filter(\.isSpecial).map { H.badge($0.label(ctx.lang)) }),
            H.p(i.content),
            H.p(ctx.t("\(i.period.label(ctx.lang)) \(i.quantity) \(i.unit) · ", "\(i.quantity) \(i.unit) \(i.period.label(ctx.lang)) · ") + Money.text(fen: i.fee_fen, ctx.lang)
                + (i.fee_note.isEmpty ? "" : "（\(i.fee_note)）"), cls: "muted"),
            remaining.map { left in
                H.p(left > 0 ? ctx.t("本期还可点 \(left) \(i.unit)", "\(left) \(i.unit) left to order this period")
                             : ctx.t("本期已被点完", "Fully ordered this period"), cls: left > 0 ? "muted" : "hint")
            } ?? H.empty,
            i.orderable && ctx.canEdit && ctx.user?.role != .venueManager && (remaining ?? 0) > 0 ? H.a(ctx.t("为村里点单", "Order for a village"), href: SiteURL.orders(.staffNew).with([("item", i.id.uuidString)]), cls: "button small") : H.empty,
            H.el("p", [], [H.a(i.venue_name, href: SiteURL.venues(.show(.id(i.venue_id))).path),
                           distance.map { H.span(ctx.t(" · 约 \(String(format: "%.1f", $0)) 公里", " · about \(String(format: "%.1f", $0)) km"), cls: "muted") } ?? H.empty,
                           H.text(" · "), H.a(ctx.t("近期活动", "Upcoming"), href: SiteURL.activities(.index).with([("venue", i.venue_id.uuidString)]))]),
        ]))
    }
}
