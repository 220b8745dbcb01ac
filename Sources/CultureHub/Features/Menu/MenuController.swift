import Fluent
import Foundation
import Plot
import Vapor

/// The city's service menu for citizens (R3.2): every venue's items, filtered, nearest first
/// from a chosen village or the visitor's own location.
enum MenuController {
    struct Query: Content {
        var kind: String?
        var group: String?
        var township: String?
        var village: String?
        var lat: String?
        var lng: String?
        var page: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let q = try req.query.decode(Query.self)
        let ctx = PageContext(req)
        var check = FormCheck(req.lang)
        let kind: ServiceKind? = (q.kind ?? "").isEmpty ? nil : check.choice("kind", q.kind)
        let group: TargetGroup? = (q.group ?? "").isEmpty ? nil : check.choice("group", q.group)
        let townshipID = check.uuid("township", q.township, required: false)
        let villageID = check.uuid("village", q.village, required: false)
        let lat = check.double("lat", q.lat, min: -90, max: 90), lng = check.double("lng", q.lng, min: -180, max: 180)
        let pageNumber = check.int("page", q.page, required: false, min: 1, max: 10_000) ?? 1
        let townships = try await req.townships()

        let query = ServiceItem.query(on: req.db).filter(\.$active == true).with(\.$venue)
        if check.isValid {
            if let kind { query.filter(\.$kind == kind) }
            if let group { query.filter(\.$targetGroupCodes ~~ ",\(group.rawValue),") }
            if let townshipID { query.filter(\.$regionPath =~ (townships.find(townshipID)?.path ?? "/none/")) }
        }
        var items = try await query.sort(\.$title).limit(2000).all()
        var origin: (Double, Double)?
        if let lat, let lng { origin = (lat, lng) }
        if origin == nil, let villageID, let village = try await Region.find(villageID, on: req.db) {
            // A village's location is its culture centre's, else its township station's.
            let candidates = try await Venue.query(on: req.db).filter(\.$latitude != nil)
                .filter(\.$regionPath ~~ [village.path, townships.township(containing: village.path)?.path ?? village.path]).all()
            if let here = candidates.sorted(by: { $0.regionPath.count > $1.regionPath.count }).first { origin = (here.latitude!, here.longitude!) }
        }
        var distances: [UUID: Double] = [:]
        if let origin {
            for item in items {
                if let la = item.venue.latitude, let lo = item.venue.longitude { distances[item.id!] = Geo.kilometres(origin, (la, lo)) }
            }
            items.sort { (distances[$0.id!] ?? .infinity) < (distances[$1.id!] ?? .infinity) }
        }
        let per = 15
        let total = items.count
        let pageItems = Array(items.dropFirst((pageNumber - 1) * per).prefix(per))
        let villages = try await Region.query(on: req.db).filter(\.$level == .village).sort(\.$path).all()
        let any = FormField.Option(value: "", label: ctx.t("不限", "Any"))
        let fields = [
            FormField(name: "kind", label: ctx.t("服务类型", "Kind"), kind: .select([any] + ServiceKind.options(ctx.lang)), value: q.kind ?? "", error: check.errors["kind"]),
            FormField(name: "group", label: ctx.t("服务对象", "For"), kind: .select([any] + TargetGroup.options(ctx.lang)), value: q.group ?? "", error: check.errors["group"]),
            FormField(name: "township", label: ctx.t("提供单位所在乡镇", "Provider's township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全市", "Whole city"))), value: q.township ?? ""),
            FormField(name: "village", label: ctx.t("我在哪个村（社区）：离我近的排前面", "My village (nearest first)"),
                      kind: .select([FormField.Option(value: "", label: ctx.t("不选", "None"))] + townships.villageOptions(villages)),
                      value: q.village?.uppercased() ?? "", error: check.errors["village"]),
        ]
        let title = ctx.t("服务菜单", "Service menu")
        let link = { (n: Int) in SiteURL.menu.with([("kind", q.kind), ("group", q.group), ("township", q.township), ("village", q.village),
                                                   ("lat", q.lat), ("lng", q.lng), ("page", n > 1 ? String(n) : nil)]) }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("各场馆全年提供的公共文化服务项目。标有“可点单”的项目，村（社区）可以向场馆点单，请场馆送到村里。",
                      "What each venue offers over the year. Items marked “orderable” can be ordered by a village to be delivered there."), cls: "lead"),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("服务菜单筛选", "Menu filters"))], [
                Forms.form(ctx, action: SiteURL.menu.path, fields: fields, submit: ctx.t("查询", "Search"), method: "get",
                           extra: [H.void("input", [("type", "hidden"), ("name", "lat"), ("value", q.lat ?? ""), ("data-geo", "lat")]),
                                   H.void("input", [("type", "hidden"), ("name", "lng"), ("value", q.lng ?? ""), ("data-geo", "lng")]),
                                   H.el("button", [("type", "button"), ("class", "button"), ("data-geo-button", "1"), ("hidden", "hidden")],
                                        H.text(ctx.t("用我的位置排序", "Sort by my location")))], cls: "filters"),
            ]),
            H.el("h2", [("id", "results")], H.text(ctx.t("共 \(total) 个服务项目", "\(total) items") + (origin != nil ? ctx.t("，按距离由近到远", ", nearest first") : ""))),
            pageItems.isEmpty ? Tables.empty(ctx.t("没有符合条件的服务项目。可以减少筛选条件再试。", "No item matches. Remove a filter and try again."),
                                             action: H.a(ctx.t("清除筛选", "Clear filters"), href: SiteURL.menu.path, cls: "button"))
                : H.el("ul", [("class", "cards"), ("aria-labelledby", "results")], pageItems.map { i in
                    H.el("li", [], H.el("article", [("class", "card")], [
                        H.h3(i.title),
                        H.el("p", [("class", "tags")], [H.badge(i.kind.label(ctx.lang), tone: "accent"), i.orderable ? H.badge(ctx.t("可点单", "Orderable")) : H.empty]
                             + i.targetGroups.filter(\.isSpecial).map { H.badge($0.label(ctx.lang)) }),
                        H.p(i.content),
                        H.p(ctx.t("\(i.period.label(ctx.lang)) \(i.quantity) \(i.unit) · ", "\(i.quantity) \(i.unit) \(i.period.label(ctx.lang)) · ") + Money.text(fen: i.feeFen, ctx.lang)
                            + (i.feeNote.isEmpty ? "" : "（\(i.feeNote)）"), cls: "muted"),
                        H.el("p", [], [H.a(i.venue.name, href: SiteURL.venue(.id(i.$venue.id)).path),
                                       distances[i.id!].map { H.span(ctx.t(" · 约 \(String(format: "%.1f", $0)) 公里", " · about \(String(format: "%.1f", $0)) km"), cls: "muted") } ?? H.empty,
                                       H.text(" · "), H.a(ctx.t("近期活动", "Upcoming"), href: SiteURL.activities.with([("venue", i.$venue.id.uuidString)]))]),
                    ]))
                }),
            Pagination(page: pageNumber, per: per, total: total).render(ctx, link: link),
        ])
        return Layout.response(html, status: check.isValid ? .ok : .badRequest)
    }
}

enum Geo {
    /// Great-circle distance (haversine), good to a few metres at county scale.
    static func kilometres(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let r = 6371.0, rad = Double.pi / 180
        let dLat = (b.0 - a.0) * rad, dLng = (b.1 - a.1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * rad) * cos(b.0 * rad) * sin(dLng / 2) * sin(dLng / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}
