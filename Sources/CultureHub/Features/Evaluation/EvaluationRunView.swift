import Foundation
import KPIMetrics
import SVGCharts

/// The run page: status and its next step, rankings of townships and of city venues with a
/// chart beside each table, exports (R8.2, R8.4).
enum EvaluationRunView {
    static func title(_ ctx: PageContext, _ run: EvaluationRun) -> String {
        ctx.t("\(EvaluationFormat.periodText(run.periodType, run.periodKey, .zh))考核结果", "Evaluation \(run.periodKey)")
    }

    static func render(_ ctx: PageContext, _ data: EvaluationRunData, staff: Staff, time: DisplayTime) -> String {
        let run = data.run, id = run.id!
        let title = title(ctx, run)
        let crumbs = StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)])
        return Layout.page(ctx, title: title, area: .staff, crumbs: crumbs, [
            H.h1(title),
            H.facts([
                (ctx.t("状态", "Status"), H.badge(run.status.label(ctx.lang), tone: run.status == .published ? "ok" : run.status == .review ? "warn" : "neutral")),
                (ctx.t("考核方案", "Scheme"), H.text(ctx.t("\(run.periodType.zh)方案第 \(data.schemeVersion) 版，满分 \(data.scheme.total) 分",
                                                          "\(run.periodType.en) scheme v\(data.schemeVersion), out of \(data.scheme.total)"))),
                (ctx.t("统计区间", "Period"), H.text("\(data.period.firstDay) — \(data.period.lastDay)")),
                (ctx.t("数据截至", "Data as of"), H.text(time.dateTime(run.computedAt))),
            ]),
            nextStep(ctx, run, staff: staff),
            H.el("p", [("class", "filters")], [
                H.a(ctx.t("导出完整报告（Excel）", "Full report (Excel)"), href: SiteURL.evaluation(.runXLSX(.id(id))).path, cls: "button small"),
                H.a(ctx.t("导出排名（CSV）", "Rankings (CSV)"), href: SiteURL.evaluation(.runCSV(.id(id))).path, cls: "button small"),
                H.a(ctx.t("打印版报告", "Printable report"), href: SiteURL.evaluation(.runPrint(.id(id))).path, cls: "button small"),
                run.status == .published ? H.a(ctx.t("与当前数据对比", "Compare with today's data"), href: SiteURL.evaluation(.runDiff(.id(id))).path, cls: "button small") : H.empty,
            ]),
            rankings(ctx, data, kind: .township, staff: staff, link: { SiteURL.evaluation(.runUnit(.id(id), .id($0.unitID))).path }),
            rankings(ctx, data, kind: .venue, staff: staff, link: { SiteURL.evaluation(.runUnit(.id(id), .id($0.unitID))).path }),
        ])
    }

    static func nextStep(_ ctx: PageContext, _ run: EvaluationRun, staff: Staff) -> HNode {
        let id = run.id!
        let step: (String, String, Bool) -> HNode = { name, label, danger in
            Forms.actionButton(ctx, action: SiteURL.evaluation(.runStep(.id(id), name)).path, title: label, danger: danger)
        }
        guard staff.role.may(.evaluate) else { return H.empty }
        switch run.status {
        case .draft:
            return H.section(labelledBy: "next", title: ctx.t("下一步", "Next step"), [
                H.p(ctx.t("这是草稿：请核对各单位的得分和明细。数据有更新时可重新计算；核对无误后提交审核。",
                          "This is a draft: check the scores and details. Recompute after data changes; submit for review when it is right.")),
                H.div("actions", step("recompute", ctx.t("按最新数据重新计算", "Recompute from today's data"), false), step("submit", ctx.t("提交审核", "Submit for review"), false)),
            ])
        case .review:
            return H.section(labelledBy: "next", title: ctx.t("下一步", "Next step"), [
                H.p(staff.role.may(.publishEvaluation)
                    ? ctx.t("审核通过后发布：发布后结果冻结，排名在公开页面公布，同一考核期只能发布一次。", "Publish when it is right: results freeze and rankings go public; a period is published once.")
                    : ctx.t("等待市局管理员审核发布。", "Waiting for a bureau administrator to publish.")),
                H.div("actions", step("return", ctx.t("退回草稿", "Send back to draft"), false),
                      staff.role.may(.publishEvaluation) ? step("publish", ctx.t("发布考核结果", "Publish"), false) : H.empty),
            ])
        case .published:
            return H.p(ctx.t("已发布，结果不可更改。之后录入或修改的数据会在“与当前数据对比”中显示为差异。",
                             "Published and frozen. Data entered or changed since shows as differences under “Compare with today's data”."), cls: "hint")
        }
    }

    static func rankings(_ ctx: PageContext, _ data: EvaluationRunData, kind: UnitKind, staff: Staff?, link: (EvaluationResult) -> String) -> HNode {
        let list = data.ranked(kind)
        let id = kind == .township ? "townships" : "venues"
        let heading = kind == .township ? ctx.t("乡镇（街道）排名", "Townships") : ctx.t("市直场馆排名", "City venues")
        guard !list.isEmpty else { return H.section(labelledBy: id, title: heading, [Tables.empty(ctx.t("没有参加考核的单位。", "No units in this run."))]) }
        let total = Double(data.scheme.total)
        let chart = HorizontalBarChart(
            title: heading, summary: ctx.t("各单位总分，满分 \(data.scheme.total) 分；数字见下表。", "Each unit's total out of \(data.scheme.total); figures in the table."),
            bars: list.map { .init(label: $0.unitName, fraction: total > 0 ? $0.total / total : 0, valueText: Scoring.text($0.total)) })
        let rows: [[HNode]] = list.map { r in
            let score = try? r.score
            let missed = score?.items.filter { $0.met == false }.count ?? 0
            let deducted = score?.deductions.values.reduce(0, +) ?? 0
            let name: HNode = staff.map { EvaluationRunData.canOpen(r, staff: $0) } ?? false ? H.a(r.unitName, href: link(r)) : H.text(r.unitName)
            return [H.text(String(r.rank)), name, H.text(Scoring.text(r.total)), H.text(deducted > 0 ? "−" + Scoring.text(deducted) : "0"), H.text(String(missed))]
        }
        return H.section(labelledBy: id, title: heading, [
            H.el("figure", [("class", "chart-figure")], [.raw(chart.svg(id: id + "-chart"))]),
            Tables.table(caption: heading, headers: [ctx.t("名次", "Rank"), ctx.t("单位", "Unit"), ctx.t("总分", "Total"), ctx.t("扣分", "Deducted"), ctx.t("未达标指标", "Targets missed")], rows: rows),
        ])
    }
}
