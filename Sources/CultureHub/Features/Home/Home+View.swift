import KPIMetrics
import Plot

enum HomeView {
    static func render(_ ctx: PageContext, _ m: HomePage) -> String {
        Layout.page(ctx, title: ctx.t("首页", "Home"), [
            H.el("div", [("class", "hero")], [
                H.h1(ctx.t("找场馆、看公示、享免费文化服务", "Find a venue, see what is free, take part")),
                H.p(ctx.t("新密市图书馆、文化馆、博物馆、体育馆，17个乡镇（街道）综合文化站和村（社区）文化服务中心，都在这里。",
                          "Xinmi's library, cultural centre, museum, gymnasium, 17 township stations and village centres, all in one place.")),
                H.el("form", [("method", "get"), ("action", SiteURL.venues(.index).path), ("role", "search"), ("class", "hero-search")], [
                    H.el("label", [("for", "home-q"), ("class", "hero-label")], H.text(ctx.t("搜索场馆名称或地址", "Search venues by name or address"))),
                    H.void("input", [("id", "home-q"), ("name", "q"), ("type", "search"), ("maxlength", "50"), ("aria-describedby", "home-q-hint")]),
                    H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("搜索", "Search"))),
                    H.el("p", [("id", "home-q-hint"), ("class", "hero-hint")], H.text(ctx.t("例如：图书馆、城关镇、城市书房", "For example: library, Chengguan, book room"))),
                ]),
            ]),
            H.el("ul", [("class", "stats")], [
                stat(ctx.t("公共文化场馆", "Public venues"), String(m.venueCount), SiteURL.venues(.index).path),
                stat(ctx.t("此刻开放", "Open right now"), String(m.openNowCount), SiteURL.venues(.index).with([("open", "1")])),
                stat(ctx.t("村级中心覆盖率", "Village-centre coverage"), percentText(m.coverage), SiteURL.coverage.path),
                stat(ctx.t("缺少免费开放公示", "Missing a free-opening notice"), String(m.noticeMissing), SiteURL.notices(.index).with([("show", "missing")])),
            ]),
            H.section(labelledBy: "by-type", title: ctx.t("按类型找场馆", "Venues by type"), [
                H.el("ul", [("class", "type-links")], m.typeCounts.filter { $0.count > 0 }.map { tc in
                    H.el("li", [], H.a("\(tc.type.label(ctx.lang))（\(tc.count)）", href: SiteURL.venues(.index).with([("type", tc.type.rawValue)])))
                }),
                H.p(ctx.t("需要无障碍设施？在场馆查询中按“无障碍设施”筛选，例如有坡道、无障碍卫生间的场馆。",
                          "Need step-free access? Filter the directory by accessibility, e.g. ramps or accessible toilets."), cls: "muted"),
            ]),
            H.section(labelledBy: "take-part", title: ctx.t("参与文化活动", "Take part"), [
                H.el("ul", [("class", "type-links")], [
                    H.el("li", [], H.a(ctx.t("文化志愿者", "Cultural volunteers"), href: SiteURL.volunteers(.index).path)),
                    H.el("li", [], H.a(ctx.t("群众文艺团队", "Folk art teams"), href: SiteURL.teams(.index).path)),
                    H.el("li", [], H.a(ctx.t("原创作品", "Original works"), href: SiteURL.works(.index).path)),
                    H.el("li", [], H.a(ctx.t("惠民活动与服务品牌", "Programmes and brands"), href: SiteURL.campaigns(.index).path)),
                ]),
            ]),
            H.section(labelledBy: "city-venues", title: ctx.t("市级场馆", "City venues"), [
                H.el("ul", [("class", "cards")], m.mainVenues.map { H.el("li", [], VenueDirectoryView.card(ctx, $0)) }),
            ]),
        ])
    }

    static func stat(_ label: String, _ value: String, _ href: String) -> HNode {
        H.el("li", [], H.el("a", [("href", href), ("class", "stat")], [
            H.span(value, cls: "stat-value"), H.span(label, cls: "stat-label"),
        ]))
    }
}
