import KPIMetrics
import Plot
import SVGCharts

enum CoverageView {
    static func render(_ ctx: PageContext, _ m: CoveragePage) -> String {
        let title = ctx.t("村（社区）综合性文化服务中心覆盖率", "Village culture-centre coverage")
        let chart = HorizontalBarChart(
            title: title,
            summary: ctx.t("各乡镇（街道）已建成并正常开放文化服务中心的村（社区）占比，目标为100%。详细数字见下表。",
                           "Share of villages with an operating culture centre, by township; the target is 100%. Figures are in the table below."),
            bars: m.rows.map { .init(label: $0.township, fraction: $0.rate ?? 0, valueText: percentText($0.rate), highlighted: ($0.rate ?? 0) < 1) },
            target: 1, targetLabel: ctx.t("目标 100%", "Target 100%"))
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: ctx.t("覆盖率", "Coverage"), url: nil)], [
            H.h1(title),
            H.p(ctx.t("2021年目标：全市村（社区）综合性文化服务中心覆盖率达到100%。全市现有 \(m.overall.total) 个村（社区），已覆盖 \(m.overall.covered) 个，覆盖率 \(percentText(m.overall.rate))。",
                      "2021 target: every village has a culture centre. Of \(m.overall.total) villages, \(m.overall.covered) are covered: \(percentText(m.overall.rate))."), cls: "lead"),
            H.el("figure", [("class", "chart-figure")], [
                .raw(chart.svg(id: "coverage-chart")),
                H.el("figcaption", [], H.text(ctx.t("未达到100%的乡镇以橙色显示。", "Townships below 100% are shown in orange."))),
            ]),
            Tables.table(caption: ctx.t("各乡镇（街道）覆盖情况", "Coverage by township"), headers: [
                ctx.t("乡镇（街道）", "Township"), ctx.t("村（社区）数", "Villages"), ctx.t("已建中心", "With a centre"),
                ctx.t("覆盖率", "Coverage"), ctx.t("尚未覆盖", "Without a centre"),
            ], rows: m.rows.map { row in
                [H.text(row.township), H.text(String(row.total)), H.text(String(row.covered)), H.text(percentText(row.rate)),
                 row.uncoveredVillages.isEmpty ? H.text("—") : H.text(row.uncoveredVillages.joined(separator: ctx.t("、", ", ")))]
            } + [[H.el("strong", [], H.text(ctx.t("全市", "Whole city"))), H.text(String(m.overall.total)),
                  H.text(String(m.overall.covered)), H.text(percentText(m.overall.rate)), H.text(String(m.overall.uncovered))]]),
        ])
    }
}
