import Fluent
import Foundation
import KPIMetrics
import Vapor
import XLSXWriter

/// Every evaluation table that is not a run's report, as CSV or Excel, with the page's filters
/// (R8.4): gaps to targets, integrity flags, inspections, rectification tasks, improvement plans.
enum EvaluationTables {
    enum Table: String { case shortfall, integrity, inspections, rectifications, plans }

    @Sendable static func download(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let table = Table(rawValue: req.parameters.get("table") ?? ""), let format = req.parameters.get("format"), ["csv", "xlsx"].contains(format) else { throw AppError.notFound }
        let lang = req.lang
        let (title, headers, rows) = try await build(table, staff: staff, req: req)
        try await AuditLog.record(action: "export", entity: "evaluation." + table.rawValue, entityID: "", summary: "\(format.uppercased()), \(rows.count) rows", on: req.db)
        let name = "\(table.rawValue)-\(req.displayTime.today)"
        if format == "csv" {
            let csv = SurveyResults.csv(SurveyResults.Sheet(headers: headers, rows: rows), lang: lang)
            return Download.file(Data(csv.utf8), type: "text/csv; charset=utf-8", name: name + ".csv")
        }
        let sheet = Sheet(name: String(title.prefix(30)), columnWidths: headers.map { _ in 18 }, rows: [headers.map(Cell.text)] + rows)
        return Download.file(try Workbook(title: title, sheets: [sheet]).data(created: req.now), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: name + ".xlsx")
    }

    static func build(_ table: Table, staff: Staff, req: Request) async throws -> (String, [String], [[Cell]]) {
        let lang = req.lang, time = req.displayTime
        switch table {
        case .shortfall:
            let type = req.query[String.self, at: "type"].flatMap(PeriodType.init(rawValue:)) ?? .year
            let entries = try await ShortfallReport.load(try await ShortfallReport.units(for: staff, on: req.db), type: type, time: time, settings: req.settings, on: req.db)
            let rows: [[Cell]] = entries.flatMap { e in
                e.gaps.map { g in [.text(e.unit.name), .text(e.unit.kind.label(lang)), .text(g.indicator.label(lang)), .text(EvaluationFormat.value(g.indicator, g.value, lang)),
                                   .text(EvaluationFormat.target(g.indicator, g.target, lang)), .text(EvaluationFormat.gap(g, by: e.period.lastDay, lang))] }
            }
            return (lang.t("考核目标差距", "Gaps to targets"), [lang.t("单位", "Unit"), lang.t("类别", "Kind"), lang.t("指标", "Indicator"), lang.t("目前", "Now"), lang.t("目标", "Target"), lang.t("怎样达标", "What would close the gap")], rows)
        case .integrity:
            try staff.require(.evaluate)
            let type = req.query[String.self, at: "type"].flatMap(PeriodType.init(rawValue:)) ?? .month
            let period = req.query[String.self, at: "period"].flatMap { EvaluationPeriod(type: type, key: $0) } ?? EvaluationPeriod.containing(time.today, type: type)!
            let flags = try await IntegrityController.flags(period: period, scope: staff.scope, time: time, settings: req.settings, lang: lang, on: req.db)
            return (lang.t("数据异常提示", "Integrity flags"), [lang.t("提示", "Flag"), lang.t("结束时间", "Ended"), lang.t("场馆", "Venue"), lang.t("活动", "Activity"), lang.t("情况", "Detail")],
                    flags.map { [.text($0.rule.label(lang)), .text(time.dateTime($0.row.ends_at)), .text($0.row.venue), .text($0.row.title), .text($0.detail)] })
        case .inspections:
            let list = try await staff.scope.filter(Inspection.query(on: req.db)).with(\.$venue).with(\.$items).sort(\.$inspectedOn, .descending).limit(10_000).all()
            let rows: [[Cell]] = list.flatMap { i in
                i.items.map { item in [.text(i.inspectedOn), .text(i.venue.name), .text(i.inspector), .text(i.unannounced ? lang.t("暗访", "Unannounced") : lang.t("明查", "Announced")),
                                       .text(item.item.label(lang)), .text(item.passed ? lang.t("合格", "Pass") : lang.t("不合格", "Fail")), .text(item.note)] }
            }
            return (lang.t("督查记录", "Inspections"), [lang.t("日期", "Date"), lang.t("场馆", "Venue"), lang.t("督查人", "Inspector"), lang.t("方式", "Kind"), lang.t("检查项", "Item"), lang.t("结果", "Result"), lang.t("情况", "Note")], rows)
        case .rectifications:
            let tasks = try await staff.scope.filter(RectificationTask.query(on: req.db)).with(\.$venue).sort(\.$deadline).limit(10_000).all()
            return (lang.t("整改任务", "Rectification tasks"), [lang.t("期限", "Deadline"), lang.t("场馆", "Venue"), lang.t("问题", "Finding"), lang.t("状态", "Status"), lang.t("整改情况", "Response"), lang.t("退回原因", "Reopened because")],
                    tasks.map { [.text($0.deadline), .text($0.venue.name), .text($0.finding), .text($0.status.label(lang)), .text($0.response), .text($0.reopenReason)] })
        case .plans:
            let year = PlanController.year(req)
            let plans = try await PlanDesk.filings(for: staff, year: year, on: req.db).plans.values
            let rows: [[Cell]] = plans.sorted { $0.unitName < $1.unitName }.flatMap { p in
                p.measures.sorted { $0.deadline < $1.deadline }.map { m in [.text(p.unitName), .integer(p.year), .text(m.measure), .text(m.owner), .text(m.deadline),
                                                                           .text(m.indicators.map { $0.label(lang) }.joined(separator: "、")), .integer(m.progress), .text(m.progressNote)] }
            }
            return (lang.t("效能提升办法", "Improvement plans"), [lang.t("单位", "Unit"), lang.t("年度", "Year"), lang.t("措施", "Measure"), lang.t("责任人", "Owner"), lang.t("完成时限", "Deadline"), lang.t("针对的指标", "Indicators"), lang.t("进度（%）", "Progress (%)"), lang.t("进展说明", "Note")], rows)
        }
    }

    /// "Export Excel / CSV" links for a table, keeping the page's filters.
    static func links(_ ctx: PageContext, _ table: Table, _ query: [(String, String?)] = []) -> [HNode] {
        [H.a(ctx.t("导出 Excel", "Export Excel"), href: SiteURL.evaluation(.tableExport(table.rawValue, "xlsx")).with(query), cls: "button small"),
         H.a(ctx.t("导出 CSV", "Export CSV"), href: SiteURL.evaluation(.tableExport(table.rawValue, "csv")).with(query), cls: "button small")]
    }
}
