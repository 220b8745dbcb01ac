import Fluent
import Foundation
import KPIMetrics
import Scheduling
import SVGCharts
import Vapor

/// `/staff/mobile`: the bureau's and each township's view of mobile-service coverage (R4.3).
enum MobileCoverageController {
    static let perPage = 50

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        // A venue plans its tours over the villages of the area it serves, so it reads their coverage.
        let scopePath = staff.scope.readablePath
        let time = req.displayTime
        let type = MobileCoverage.PeriodType(rawValue: req.query[String.self, at: "period"] ?? "") ?? .month
        var day = time.today
        if let at = req.query[String.self, at: "at"] {
            var check = FormCheck(req.lang)
            guard let valid = check.date("at", at) else { throw AppError.invalid(check.errors) }
            day = valid
        }
        let period = MobileCoverage.Period.containing(day, type: type)
        let coverage = try await MobileCoverage.build(scopePath: scopePath, period: period, time: time, on: req.db)
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let html = MobileCoverageView.render(PageContext(req), coverage, page: page, canPlan: staff.role.may(.editRegistry))
        return Layout.response(html)
    }
}

enum MobileCoverageView {
    static func render(_ ctx: PageContext, _ m: MobileCoverage, page: Int, canPlan: Bool) -> String {
        let title = ctx.t("流动服务覆盖", "Mobile-service coverage")
        let name = m.period.name(ctx.lang)
        let link = { (type: MobileCoverage.PeriodType, at: String?, page: Int?) in
            SiteURL.mobileServices(.index).with([("period", type.rawValue), ("at", at), ("page", page.map(String.init))])
        }
        let previous = LocalDay.adding(-1, to: m.period.firstDay) ?? m.period.firstDay, next = m.period.endDay
        let chart = HorizontalBarChart(
            title: ctx.t("\(name)各乡镇流动服务覆盖率", "Villages reached by mobile services, \(name)"),
            summary: ctx.t("各乡镇（街道）\(name)至少有过一次流动服务（演出、电影、流动图书、培训、辅导）的村（社区）占比。数字见下表。",
                           "Share of villages that had at least one mobile service (performance, film, mobile library, training, coaching) in \(name). Figures are in the table."),
            bars: m.rows.map { .init(label: $0.township, fraction: $0.all.rate ?? 0, valueText: percentText($0.all.rate), highlighted: ($0.all.rate ?? 0) < 1) },
            target: 1, targetLabel: ctx.t("全覆盖", "All villages"))
        let unservedPage = Array(m.unserved.dropFirst((page - 1) * MobileCoverageController.perPage).prefix(MobileCoverageController.perPage))
        let tag = { (v: MobileCoverage.Village) -> HNode in
            H.group(v.isRemote ? H.badge(ctx.t("偏远", "Remote"), tone: "warn") : H.empty, H.text(" "), v.isPoor ? H.badge(ctx.t("脱贫村", "Poverty-relief"), tone: "warn") : H.empty)
        }
        let rate = { (r: CoverageRow) in r.total == 0 ? "—" : "\(r.covered)/\(r.total)（\(percentText(r.rate))）" }
        return Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title + " · " + name),
            H.p(ctx.t("范围内共 \(m.overall.all.total) 个村（社区），\(name)有 \(m.overall.all.covered) 个享受过流动服务，覆盖率 \(percentText(m.overall.all.rate))；偏远村 \(rate(m.overall.remote))，脱贫村 \(rate(m.overall.poor))。",
                      "\(m.overall.all.covered) of \(m.overall.all.total) villages had a mobile service in \(name): \(percentText(m.overall.all.rate)); remote \(rate(m.overall.remote)), poverty-relief \(rate(m.overall.poor))."), cls: "lead"),
            H.p(ctx.t("\(name)共开展流动服务 \(m.visits) 场，流动图书车借出图书 \(m.booksLent) 册。", "\(m.visits) mobile services in \(name); mobile libraries lent \(m.booksLent) books.")
                + " ", cls: "muted"),
            H.a(ctx.t("送戏下乡等采购项目", "Procured programmes"), href: SiteURL.mobileServices(.programmes).path, cls: "button"),
            H.el("p", [("class", "filters")], MobileCoverage.PeriodType.allCases.map {
                H.a($0.label(ctx.lang), href: link($0, nil, nil), cls: "button small", current: $0 == m.period.type)
            } + [H.text(" "), H.a(ctx.t("‹ 上一期", "‹ Previous"), href: link(m.period.type, previous, nil)), H.text(" "), H.a(ctx.t("下一期 ›", "Next ›"), href: link(m.period.type, next, nil))]),
            H.el("figure", [("class", "chart-figure")], [.raw(chart.svg(id: "mobile-chart"))]),
            Tables.table(caption: ctx.t("各乡镇（街道）流动服务覆盖", "Coverage by township"), headers: [
                ctx.t("乡镇（街道）", "Township"), ctx.t("已服务 / 村数", "Reached / villages"), ctx.t("偏远村", "Remote"), ctx.t("脱贫村", "Poverty-relief"),
            ], rows: m.rows.map { [H.text($0.township), H.text(rate($0.all)), H.text(rate($0.remote)), H.text(rate($0.poor))] }
                + [[H.el("strong", [], H.text(ctx.t("合计", "Total"))), H.text(rate(m.overall.all)), H.text(rate(m.overall.remote)), H.text(rate(m.overall.poor))]]),
            H.section(labelledBy: "unserved", title: ctx.t("\(name)还没有流动服务的村（社区）（\(m.unserved.count) 个，偏远村和脱贫村在前）",
                                                            "Villages without a mobile service in \(name) (\(m.unserved.count); remote and poverty-relief first)"), [
                m.unserved.isEmpty ? H.p(ctx.t("范围内每个村（社区）都享受过流动服务。", "Every village in scope has had a mobile service."), cls: "ok-state")
                    : H.group(
                        canPlan ? H.el("form", [("method", "get"), ("action", SiteURL.mobileServices(.tourNew).path)], [
                            H.el("fieldset", [("class", "plain")], [H.el("legend", [], H.text(ctx.t("勾选要去的村，再规划路线", "Tick the villages to visit, then plan the route"))),
                            Tables.table(caption: ctx.t("未服务的村（社区）", "Villages not reached"), headers: [
                                ctx.t("选择", "Pick"), ctx.t("村（社区）", "Village"), ctx.t("乡镇", "Township"), ctx.t("人口", "Population"), ctx.t("类别", "Category"),
                            ], rows: unservedPage.map { v in
                                [H.void("input", [("type", "checkbox"), ("name", "villages[]"), ("value", v.id.uuidString), ("id", "v-\(v.id)"),
                                                  ("aria-label", ctx.t("选择 \(v.name)", "Pick \(v.name)"))]),
                                 H.el("label", [("for", "v-\(v.id)")], H.text(v.name)), H.text(v.township), H.text(String(v.population)), tag(v)]
                            })]),
                            H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("为选中的村规划巡回路线", "Plan a tour of the chosen villages"))),
                        ]) : Tables.table(caption: ctx.t("未服务的村（社区）", "Villages not reached"), headers: [
                            ctx.t("村（社区）", "Village"), ctx.t("乡镇", "Township"), ctx.t("人口", "Population"), ctx.t("类别", "Category"),
                        ], rows: unservedPage.map { [H.text($0.name), H.text($0.township), H.text(String($0.population)), tag($0)] }),
                        Pagination(page: page, per: MobileCoverageController.perPage, total: m.unserved.count).render(ctx) { link(m.period.type, m.period.firstDay, $0) }),
            ]),
        ])
    }
}
