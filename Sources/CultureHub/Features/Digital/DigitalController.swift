import Fluent
import Foundation
import SQLKit
import Vapor

/// `/digital`: every venue's digital catalogue (recorded shows, online courses, e-reading,
/// online exhibitions) and the live streams coming up; `/digital/{id}/open` counts a view
/// and sends the visitor on (R4.6).
enum DigitalController {
    static let perPage = 12

    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req)
        var check = FormCheck(req.lang)
        let kindRaw = req.query[String.self, at: "kind"] ?? ""
        let kind: DigitalKind? = kindRaw.isEmpty ? nil : check.choice("kind", kindRaw)
        let townshipID = check.uuid("township", req.query[String.self, at: "township"], required: false)
        let page = check.int("page", req.query[String.self, at: "page"], required: false, min: 1, max: 10_000) ?? 1
        let townships = try await req.townships()
        let query = DigitalResource.query(on: req.db).filter(\.$active == true).with(\.$venue)
        if check.isValid {
            if let kind { query.filter(\.$kind == kind) }
            if let townshipID { query.within(\.$regionPath, (townships.find(townshipID)?.path ?? "/none/")) }
        }
        let result = try await query.sort(\.$views, .descending).sort(\.$title).paginate(PageRequest(page: page, per: perPage))
        // Cast: PostgreSQL sums a BIGINT column as NUMERIC.
        struct Total: Decodable { let n: Int }
        let totalViews = try await (req.db as! any SQLDatabase)
            .raw("SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) AS n FROM digital_resources WHERE active = \(bind: true)").first(decoding: Total.self)?.n ?? 0
        let streams = try await Activity.query(on: req.db).filter(\.$status == .published).filter(\.$storedMode ~~ [.online, .hybrid])
            .filter(\.$endsAt >= req.now).sort(\.$startsAt).limit(6).all()
        let time = req.displayTime
        let title = ctx.t("数字文化", "Digital culture")
        let any = FormField.Option(value: "", label: ctx.t("不限", "Any"))
        let cards: [HNode] = result.items.map { r in
            H.el("li", [], H.el("article", [("class", "card")], [
                H.h3(r.title),
                H.el("p", [("class", "tags")], [H.badge(r.kind.label(ctx.lang), tone: "accent")]),
                r.details.isEmpty ? H.empty : H.p(r.details),
                H.p(ctx.t("\(r.venue.name) · 已浏览 \(r.views) 次", "\(r.venue.name) · \(r.views) views"), cls: "muted"),
                H.el("a", [("href", SiteURL.digital(.open(.id(r.id!))).path), ("class", "button"), ("rel", "noopener")],
                     H.text(ctx.t("打开", "Open") + ctx.t("：", ": ") + r.title)),
            ]))
        }
        let link = { (n: Int) in SiteURL.digital(.index).with([("kind", kindRaw.isEmpty ? nil : kindRaw), ("township", req.query[String.self, at: "township"]), ("page", n > 1 ? String(n) : nil)]) }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("各场馆的演出录像、线上课程、数字阅读和线上展览，在家也能参与；累计浏览 \(totalViews) 次，计入数字文化服务参与人次。",
                      "Recorded shows, online courses, e-reading and online exhibitions from every venue; \(totalViews) views so far, counted as digital participation."), cls: "lead"),
            streams.isEmpty ? H.empty : H.section(labelledBy: "streams", title: ctx.t("即将直播", "Live streams coming up"), [
                H.el("ul", [("class", "plain-list")], streams.map { a in
                    H.el("li", [], [H.a(a.title, href: SiteURL.activities(.show(.id(a.id!))).path), H.text(" · " + time.dateTime(a.startsAt) + " · " + a.mode.label(ctx.lang))])
                }),
            ]),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("数字资源筛选", "Filters"))], [
                Forms.form(ctx, action: SiteURL.digital(.index).path, fields: [
                    FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select([any] + DigitalKind.options(ctx.lang)), value: kindRaw, error: check.errors["kind"]),
                    FormField(name: "township", label: ctx.t("提供单位所在乡镇", "Provider's township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全市", "Whole city"))),
                              value: req.query[String.self, at: "township"] ?? "", error: check.errors["township"]),
                ], submit: ctx.t("查询", "Search"), method: "get", cls: "filters"),
            ]),
            H.el("h2", [("id", "results")], H.text(ctx.t("共 \(result.metadata.total) 项数字资源，浏览多的在前", "\(result.metadata.total) resources, most viewed first"))),
            cards.isEmpty ? Tables.empty(ctx.t("没有符合条件的数字资源。可以减少筛选条件再试。", "Nothing matches. Remove a filter and try again."),
                                         action: H.a(ctx.t("清除筛选", "Clear filters"), href: SiteURL.digital(.index).path, cls: "button"))
                : H.el("ul", [("class", "cards"), ("aria-labelledby", "results")], cards),
            Pagination(page: result.metadata.page, per: perPage, total: result.metadata.total).render(ctx, link: link),
        ])
        return Layout.response(html, status: check.isValid ? .ok : .badRequest)
    }

    @Sendable static func open(req: Request) async throws -> Response {
        guard let resource = try await DigitalResource.find(req.id(), on: req.db), resource.active else { throw AppError.notFound }
        try await (req.db as! any SQLDatabase).raw("UPDATE digital_resources SET views = views + 1 WHERE id = \(bind: resource.requireID())").run()
        return req.redirect(to: resource.url, redirectType: .normal)
    }
}
