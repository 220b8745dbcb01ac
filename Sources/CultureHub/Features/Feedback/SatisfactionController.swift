import Foundation
import KPIMetrics
import Vapor

/// The public satisfaction page (R5.5): each township's rate for a year with the channel
/// breakdown, and month by month for the city or one township.
enum SatisfactionController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req)
        let time = req.displayTime
        let thisYear = Int(time.today.prefix(4)) ?? 2026
        let year = req.query[Int.self, at: "year"].flatMap { (2000...thisYear).contains($0) ? $0 : nil } ?? thisYear
        let townships = try await req.townships()
        let township = townships.find(req.query[String.self, at: "township"].flatMap(UUID.init(uuidString:)))
        let monthly = try await SatisfactionPanel.load(.region(path: township?.path ?? "/"), year: year, time: time, on: req.db)
        var rows: [[HNode]] = []
        let results = try await SatisfactionPanel.byTownship(townships.townships, year: year, time: time, on: req.db)
        for t in townships.townships {
            let result = results[t.id] ?? SatisfactionResult([:])
            rows.append([H.a(t.name, href: SiteURL.feedback(.satisfaction).with([("year", String(year)), ("township", t.id.uuidString)])),
                         H.text(percentText(result.rate)), H.text(String(result.total.valid))]
                        + FeedbackChannel.allCases.map { c in H.text(result.count(c) == 0 ? "—" : "\(percentText(result.rate(c)))（\(result.count(c))）") })
        }
        let title = ctx.t("群众满意度", "Public satisfaction")
        let scopeName = township?.name ?? ctx.t("全市", "The city")
        let years = (max(2000, thisYear - 4)...thisYear).reversed().map { FormField.Option(value: String($0), label: ctx.t("\($0) 年", String($0))) }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("来自活动和场馆的线上评价，以及线上、纸质和第三方满意度问卷。评为 4 分或 5 分即计为满意。",
                      "From online ratings of activities and venues, and from online, paper and third-party surveys. A 4 or 5 counts as satisfied."), cls: "lead"),
            H.el("p", [], H.a(ctx.t("参加正在进行的满意度调查", "Answer an open survey"), href: SiteURL.surveys(.index).path, cls: "button primary")),
            Forms.form(ctx, action: SiteURL.feedback(.satisfaction).path, fields: [
                FormField(name: "year", label: ctx.t("年度", "Year"), kind: .select(years), value: String(year)),
                FormField(name: "township", label: ctx.t("乡镇（街道）", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全市", "Whole city"))),
                          value: township?.id.uuidString ?? ""),
            ], submit: ctx.t("查看", "Show"), method: "get", cls: "filters"),
            SatisfactionPanel.render(ctx, monthly, heading: ctx.t("\(scopeName) \(year) 年各月满意率", "\(scopeName), \(year), by month"), id: "monthly"),
            H.section(labelledBy: "townships", title: ctx.t("各乡镇（街道）\(year) 年满意率", "Townships in \(year)"), [
                rows.isEmpty ? Tables.empty(ctx.t("还没有登记乡镇。", "No townships are registered."))
                    : Tables.table(caption: ctx.t("各乡镇（街道）满意率", "Satisfaction by township"),
                                   headers: [ctx.t("乡镇（街道）", "Township"), ctx.t("满意率", "Satisfied"), ctx.t("有效份数", "Valid")]
                                       + FeedbackChannel.allCases.map { SatisfactionPanel.channelLabel($0, ctx.lang) }, rows: rows),
            ]),
        ])
        return Layout.response(html)
    }
}
