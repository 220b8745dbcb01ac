import Fluent
import Foundation
import KPIMetrics

/// The drill-down lists that are not activities: ratings, inspection findings, upheld complaints.
enum OtherRecords {
    static func list(_ kind: RecordKind, result: EvaluationResult, period: EvaluationPeriod, start: Date, end: Date, page: Int, per: Int,
                     ctx: PageContext, time: DisplayTime, on db: any Database) async throws -> (Int, HNode) {
        let empty = Tables.empty(ctx.t("本期没有这类记录。", "No such records in this period."))
        let range = ((page - 1) * per)..<(page * per)
        switch kind {
        case .ratings:
            var q = Rating.query(on: db).filter(\.$createdAt >= start).filter(\.$createdAt < end)
            q = result.unitKind == .township ? q.within(\.$regionPath, result.regionPath) : q.filter(\.$venue.$id == result.unitID)
            let total = try await q.count()
            let rows = try await q.with(\.$venue).sort(\.$createdAt).range(range).all()
            return (total, rows.isEmpty ? empty : Tables.table(caption: ctx.t("群众评价", "Ratings"), headers: [ctx.t("时间", "When"), ctx.t("场馆", "Venue"), ctx.t("评分", "Score"), ctx.t("计为满意", "Satisfied")],
                                                               rows: rows.map { [H.text(time.dateTime($0.createdAt)), H.text($0.venue.name), H.text(String($0.score)), H.text($0.score >= 4 ? ctx.t("是", "Yes") : ctx.t("否", "No"))] }))
        case .findings:
            var q = InspectionItem.query(on: db).join(Inspection.self, on: \InspectionItem.$inspection.$id == \Inspection.$id).filter(\.$passed == false)
                .filter(Inspection.self, \.$inspectedOn >= period.firstDay).filter(Inspection.self, \.$inspectedOn <= period.lastDay)
            q = result.unitKind == .township ? q.within(Inspection.self, \.$regionPath, result.regionPath) : q.filter(Inspection.self, \.$venue.$id == result.unitID)
            let total = try await q.count()
            let rows = try await q.with(\.$inspection) { $0.with(\.$venue) }.sort(Inspection.self, \.$inspectedOn).range(range).all()
            return (total, rows.isEmpty ? empty : Tables.table(caption: ctx.t("督查发现的问题", "Inspection findings"), headers: [ctx.t("日期", "Date"), ctx.t("场馆", "Venue"), ctx.t("检查项", "Item"), ctx.t("情况", "Note")],
                                                               rows: rows.map { [H.a($0.inspection.inspectedOn, href: SiteURL.evaluation(.inspection(.id($0.inspection.id!))).path), H.text($0.inspection.venue.name), H.text($0.item.label(ctx.lang)), H.text($0.note)] }))
        case .complaints:
            var q = Complaint.query(on: db).filter(\.$upheld == true).filter(\.$createdAt >= start).filter(\.$createdAt < end)
            q = result.unitKind == .township ? q.within(\.$regionPath, result.regionPath) : q.filter(\.$venue.$id == result.unitID)
            let total = try await q.count()
            let rows = try await q.with(\.$venue).sort(\.$createdAt).range(range).all()
            return (total, rows.isEmpty ? empty : Tables.table(caption: ctx.t("查实的投诉", "Upheld complaints"), headers: [ctx.t("时间", "When"), ctx.t("场馆", "Venue"), ctx.t("类别", "Category"), ctx.t("状态", "Status")],
                                                               rows: rows.map { [H.a(time.dateTime($0.createdAt), href: SiteURL.feedback(.staffComplaint(.id($0.id!))).path), H.text($0.venue.name), H.text($0.category.label(ctx.lang)), H.text($0.status.label(ctx.lang))] }))
        default:
            return (0, empty)
        }
    }
}
