import Foundation
import KPIMetrics
import Vapor
import XLSXWriter

/// The evaluation report as XLSX (rankings, every unit's indicators, deductions), the rankings
/// as CSV, and a print page (R8.4). Each export is audited.
enum EvaluationExport {
    static func detailHeaders(_ lang: Lang) -> [String] {
        [lang.t("单位", "Unit"), lang.t("类别", "Kind"), lang.t("指标", "Indicator"), lang.t("实际值", "Value"), lang.t("目标", "Target"),
         lang.t("分值", "Weight"), lang.t("得分", "Points"), lang.t("分子", "Numerator"), lang.t("分母", "Denominator")]
    }

    static func rankingHeaders(_ lang: Lang) -> [String] {
        [lang.t("名次", "Rank"), lang.t("单位", "Unit"), lang.t("总分", "Total"), lang.t("扣分", "Deducted"), lang.t("未达标指标", "Targets missed")]
    }

    static func rankingRows(_ data: EvaluationRunData, _ kind: UnitKind) -> [[Cell]] {
        data.ranked(kind).map { r in
            let score = try? r.score
            return [.integer(r.rank), .text(r.unitName), .number(r.total), .number(score?.deductions.values.reduce(0, +) ?? 0),
                    .integer(score?.items.filter { $0.met == false }.count ?? 0)]
        }
    }

    /// Every indicator of the units `opens` lets through: a unit's figures behind its total are
    /// for staff whose scope covers it, as on its drill-down page.
    static func detailRows(_ data: EvaluationRunData, lang: Lang, opens: (EvaluationResult) -> Bool = { _ in true }) -> [[Cell]] {
        UnitKind.allCases.flatMap { kind in data.ranked(kind) }.filter(opens).flatMap { r -> [[Cell]] in
            guard let score = try? r.score else { return [] }
            return score.items.map { item in
                let value: Cell = item.measure.value.map { item.indicator.kind == .rate ? .percent($0) : .number(($0 * 100).rounded() / 100) } ?? .text(lang.t("无数据", "No data"))
                let target: Cell = item.indicator.kind == .rate ? .percent(item.target) : .number(item.target)
                return [.text(r.unitName), .text(r.unitKind.label(lang)), .text(item.indicator.label(lang)), value, target, .number(item.weight),
                        item.points.map { .number(Scoring.round2($0)) } ?? .empty, .number(item.measure.numerator), item.measure.denominator.map { .number($0) } ?? .empty]
            }
        }
    }

    static func workbook(_ data: EvaluationRunData, lang: Lang, opens: (EvaluationResult) -> Bool = { _ in true }) -> Workbook {
        let title = lang.t("\(EvaluationFormat.periodText(data.run.periodType, data.run.periodKey, .zh))考核结果", "Evaluation \(data.run.periodKey)")
        let headerRow = { (h: [String]) in h.map(Cell.text) }
        let deductions: [[Cell]] = UnitKind.allCases.flatMap { data.ranked($0) }.filter(opens).flatMap { r -> [[Cell]] in
            guard let score = try? r.score else { return [] }
            return DeductionKind.allCases.compactMap { k in score.deductions[k].map { [.text(r.unitName), .text(k.label(lang)), .number($0)] } }
        }
        return Workbook(title: title, sheets: [
            Sheet(name: lang.t("乡镇排名", "Townships"), columnWidths: [8, 24, 10, 10, 12], rows: [headerRow(rankingHeaders(lang))] + rankingRows(data, .township)),
            Sheet(name: lang.t("场馆排名", "Venues"), columnWidths: [8, 24, 10, 10, 12], rows: [headerRow(rankingHeaders(lang))] + rankingRows(data, .venue)),
            Sheet(name: lang.t("指标明细", "Indicators"), columnWidths: [24, 12, 20, 12, 12, 8, 8, 12, 12], rows: [headerRow(detailHeaders(lang))] + detailRows(data, lang: lang, opens: opens)),
            Sheet(name: lang.t("扣分", "Deductions"), columnWidths: [24, 16, 10], rows: [headerRow([lang.t("单位", "Unit"), lang.t("扣分项", "Kind"), lang.t("扣分", "Points")])] + deductions),
        ])
    }

    static func load(_ req: Request) async throws -> EvaluationRunData {
        let staff = try req.staff()
        let data = try await EvaluationRunData.load(try req.id(), on: req.db)
        guard EvaluationRunData.visible(data.run, to: staff) else { throw AppError.notFound }
        return data
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        let data = try await load(req)
        let staff = try req.staff()
        try await AuditLog.record(action: "export", entity: EvaluationRun.schema, entityID: data.run.id!.uuidString, summary: "evaluation XLSX \(data.run.periodKey)", on: req.db)
        let book = workbook(data, lang: req.lang) { EvaluationRunData.canOpen($0, staff: staff) }
        return Download.file(try book.data(created: req.now), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                             name: "evaluation-\(data.run.periodKey).xlsx")
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        let data = try await load(req)
        try await AuditLog.record(action: "export", entity: EvaluationRun.schema, entityID: data.run.id!.uuidString, summary: "evaluation CSV \(data.run.periodKey)", on: req.db)
        let rows: [[Cell]] = UnitKind.allCases.flatMap { kind in rankingRows(data, kind).map { [.text(kind.label(req.lang))] + $0 } }
        let table = SurveyResults.Sheet(headers: [req.lang.t("类别", "Kind")] + rankingHeaders(req.lang), rows: rows)
        return Download.file(Data(SurveyResults.csv(table, lang: req.lang).utf8), type: "text/csv; charset=utf-8", name: "evaluation-\(data.run.periodKey).csv")
    }

    @Sendable static func print(req: Request) async throws -> Response {
        let data = try await load(req)
        let staff = try req.staff()
        let ctx = PageContext(req)
        let title = EvaluationRunView.title(ctx, data.run)
        let units = UnitKind.allCases.flatMap { data.ranked($0) }.filter { EvaluationRunData.canOpen($0, staff: staff) }
        let sections: [HNode] = units.compactMap { r in
            guard let score = try? r.score else { return nil }
            return H.section(labelledBy: "u-" + r.unitID.uuidString.lowercased(), title: "\(r.unitName)：\(Scoring.text(r.total)) " + ctx.t("分", "points"), [
                Tables.table(caption: r.unitName, headers: [ctx.t("指标", "Indicator"), ctx.t("实际值", "Value"), ctx.t("目标", "Target"), ctx.t("得分", "Points")],
                             rows: score.items.map { [H.text($0.indicator.label(ctx.lang)), H.text(EvaluationFormat.value($0.indicator, $0.measure.value, ctx.lang)),
                                                      H.text(EvaluationFormat.target($0.indicator, $0.target, ctx.lang)), H.text(EvaluationFormat.points($0.points))] }, captionHidden: true),
            ])
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path),
                                                                                      (title, SiteURL.evaluation(.run(.id(data.run.id!))).path), (ctx.t("打印", "Print"), nil)]), [
            H.div("print-report", [
                H.h1(title),
                H.p(ctx.t("状态：\(data.run.status.zh)；方案第 \(data.schemeVersion) 版，满分 \(data.scheme.total) 分；统计区间 \(data.period.firstDay) 至 \(data.period.lastDay)。",
                          "Status: \(data.run.status.en); scheme v\(data.schemeVersion) out of \(data.scheme.total); \(data.period.firstDay) to \(data.period.lastDay).")),
                H.el("button", [("type", "button"), ("class", "button primary no-print"), ("data-print", "1")], H.text(ctx.t("打印", "Print"))),
                EvaluationRunView.rankings(ctx, data, kind: .township, staff: nil, link: { _ in "" }),
                EvaluationRunView.rankings(ctx, data, kind: .venue, staff: nil, link: { _ in "" }),
            ] + sections),
        ])
        return Layout.response(html)
    }
}
