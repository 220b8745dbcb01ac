import Plot

enum ActivityListView {
    struct Model: Equatable {
        var query: ActivitySearch.Query
        var errors: FieldErrors
        var cards: [ActivityCard]
        var pagination: Pagination
        var townships: [FormField.Option]
        var feedURL: String

        func link(page: Int) -> String {
            SiteURL.activities(.index).with([("kind", query.kind), ("group", query.group), ("township", query.township),
                                     ("venue", query.venue), ("from", query.from), ("page", page > 1 ? String(page) : nil)])
        }
    }

    static func render(_ ctx: PageContext, _ m: Model) -> String {
        let title = ctx.t("文化活动", "Activities")
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("全市场馆、乡镇文化站和村（社区）的演出、展览、培训、讲座等活动。需报名的活动名额有限，报满后可以候补。",
                      "Performances, exhibitions, classes and talks across the city's venues, stations and villages. Activities that need registration have limited places; when full you can join the waiting list."), cls: "lead"),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("按月查看日历", "Month calendar"), href: SiteURL.activities(.calendar).with([("township", m.query.township)]), cls: "button"),
                H.text(" "),
                H.a(ctx.t("订阅日历（.ics）", "Subscribe (.ics)"), href: m.feedURL, cls: "button"),
            ]),
            filters(ctx, m),
            H.el("h2", [("id", "results")], H.text(ctx.t("共 \(m.pagination.total) 个活动", "\(m.pagination.total) activities"))),
            m.cards.isEmpty
                ? Tables.empty(ctx.t("没有符合条件的活动。可以减少筛选条件，或看看服务菜单里有哪些项目。",
                                     "No activity matches. Remove a filter, or look at the service menu."),
                               action: H.a(ctx.t("清除筛选", "Clear filters"), href: SiteURL.activities(.index).path, cls: "button"))
                : H.el("ul", [("class", "cards"), ("aria-labelledby", "results")], m.cards.map { H.el("li", [], card(ctx, $0)) }),
            m.pagination.render(ctx) { m.link(page: $0) },
        ])
    }

    static func filters(_ ctx: PageContext, _ m: Model) -> HNode {
        let any = FormField.Option(value: "", label: ctx.t("不限", "Any"))
        let fields = [
            FormField(name: "kind", label: ctx.t("活动类型", "Kind"), kind: .select([any] + ServiceKind.options(ctx.lang)), value: m.query.kind ?? "", error: m.errors["kind"]),
            FormField(name: "group", label: ctx.t("适合人群", "For"), kind: .select([any] + TargetGroup.options(ctx.lang)), value: m.query.group ?? "", error: m.errors["group"]),
            FormField(name: "township", label: ctx.t("所在乡镇（街道）", "Township"), kind: .select(m.townships), value: m.query.township ?? "", error: m.errors["township"]),
            FormField(name: "from", label: ctx.t("从哪天起", "From"), kind: .date, value: m.query.from ?? "", error: m.errors["from"]),
        ]
        return H.el("div", [("role", "search"), ("aria-label", ctx.t("活动筛选", "Activity filters"))], [
            Forms.form(ctx, action: SiteURL.activities(.index).path, fields: fields, submit: ctx.t("查询", "Search"), method: "get", cls: "filters"),
        ])
    }

    static func card(_ ctx: PageContext, _ c: ActivityCard) -> HNode {
        let places: String = switch c.registration {
        case .open: ctx.t("无需报名", "No registration needed")
        case .required where c.remaining > 0: ctx.t("剩余 \(c.remaining) 个名额（共 \(c.capacity) 个）", "\(c.remaining) of \(c.capacity) places left")
        case .required: ctx.t("已报满，可候补", "Full — waiting list open")
        }
        return H.el("article", [("class", "card")], [
            H.el("h3", [], H.a(c.title, href: SiteURL.activities(.show(.id(c.id))).path)),
            H.el("p", [("class", "tags")], [
                H.badge(c.kind.label(ctx.lang), tone: "accent"),
                c.isMobile ? H.badge(ctx.t("流动服务", "Mobile service")) : H.empty,
            ] + c.groups.filter(\.isSpecial).map { H.badge($0.label(ctx.lang)) }),
            H.p(c.when, cls: "when"),
            H.p([c.township, c.place].compactMap { $0 }.joined(separator: " · "), cls: "muted"),
            H.p(places, cls: c.registration == .required && c.remaining == 0 ? "full" : "places"),
        ])
    }
}
