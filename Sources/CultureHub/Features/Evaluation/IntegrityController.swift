import Fluent
import Foundation
import KPIMetrics
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Content hashes of uploaded photos. Uploads are never rewritten (each has a new UUID name),
/// so a name's hash is computed once per process.
final class PhotoHashes: Sendable {
    static let shared = PhotoHashes()
    private let cache = NIOLockedValueBox<[String: String]>([:])

    func hash(_ name: String, in directory: String) -> String? {
        if let known = cache.withLockedValue({ $0[name] }) { return known }
        guard let data = FileManager.default.contents(atPath: directory + "/uploads/" + name) else { return nil }
        let hash = Hex.sha256(data)
        cache.withLockedValue { $0[name] = hash }
        return hash
    }
}

/// `/staff/evaluation/integrity`: activities an evaluator should look at (R8.5). Flags are
/// prompts to check, not verdicts; only over-reported attendance is deducted by the scheme.
enum IntegrityController {
    struct Row: Decodable {
        let id: UUID; let title: String; let venue: String; let ends_at: Date
        let attendance: Int?; let checked_in: Int?; let headcount: Int?; let submitted_at: Date?
        let photo_path: String?; let headcount_photo_path: String?; let report_photo: String?; let checked: Int?
    }

    struct Flag { let rule: IntegrityRule; let row: Row; let detail: String }

    static func flags(period: EvaluationPeriod, scope: Scope, time: DisplayTime, settings: Settings, lang: Lang, on db: any Database) async throws -> [Flag] {
        guard let start = time.instant(day: period.firstDay, minute: 0), let end = time.instant(day: period.endDay, minute: 0) else { return [] }
        let scopeFilter = scope.sqlCondition(regionPath: "a.region_path", venueID: "a.venue_id")
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT a.id, a.title, v.name AS venue, a.ends_at, r.attendance, r.checked_in, a.headcount, r.submitted_at, a.photo_path, a.headcount_photo_path, r.photo_path AS report_photo,
              (SELECT CAST(SUM(g.places) AS BIGINT) FROM registrations g WHERE g.activity_id = a.id AND g.checked_in_at IS NOT NULL) AS checked
            FROM activities a JOIN venues v ON v.id = a.venue_id LEFT JOIN activity_reports r ON r.activity_id = a.id
            WHERE a.status = 'published' AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: min(end, time.now)) AND \(scopeFilter)
            ORDER BY a.ends_at
            """).all(decoding: Row.self)
        var out: [Flag] = []
        var byHash: [String: [Row]] = [:]
        for row in rows {
            let counted = (row.checked_in ?? row.checked ?? 0)
            if let reported = row.attendance, Integrity.overReported(reported: reported, checkedIn: counted, headcount: row.headcount, factor: settings.overReportFactor) {
                out.append(Flag(rule: .overReported, row: row, detail: lang.t("上报 \(reported) 人，签到 \(counted)，清点 \(row.headcount ?? 0)", "\(reported) reported, \(counted) checked in, \(row.headcount ?? 0) counted")))
            }
            if let filed = row.submitted_at, Integrity.filedLate(endedAt: row.ends_at.timeIntervalSince1970, filedAt: filed.timeIntervalSince1970, days: settings.lateFilingDays) {
                out.append(Flag(rule: .lateFiling, row: row, detail: lang.t("活动结束 \(Int(filed.timeIntervalSince(row.ends_at) / 86_400)) 天后才上报", "Reported \(Int(filed.timeIntervalSince(row.ends_at) / 86_400)) days after")))
            }
            let photos = [row.photo_path, row.headcount_photo_path, row.report_photo].compactMap { $0 }
            if Integrity.hasNoEvidence(checkedIn: row.checked ?? 0, headcount: row.headcount, hasPhoto: !photos.isEmpty, hasReport: row.submitted_at != nil) {
                out.append(Flag(rule: .noEvidence, row: row, detail: lang.t("没有签到、清点人数、照片或上报", "No check-ins, headcount, photo or report")))
            }
            for hash in Set(photos.compactMap { PhotoHashes.shared.hash($0, in: settings.dataDirectory) }) { byHash[hash, default: []].append(row) }
        }
        for (_, shared) in byHash where shared.count > 1 {
            for row in shared {
                let others = shared.filter { $0.id != row.id }.map(\.title).joined(separator: "、")
                out.append(Flag(rule: .reusedPhoto, row: row, detail: lang.t("与“\(others)”使用同一张照片", "Same photo as \(others)")))
            }
        }
        return out
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.evaluate)
        let ctx = PageContext(req)
        let type = req.query[String.self, at: "type"].flatMap(PeriodType.init(rawValue:)) ?? .month
        let period = req.query[String.self, at: "period"].flatMap { EvaluationPeriod(type: type, key: $0) }
            ?? EvaluationPeriod.containing(req.displayTime.today, type: type)!
        let flags = try await flags(period: period, scope: staff.scope, time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db)
        let title = ctx.t("数据异常提示", "Integrity flags")
        let sections: [HNode] = IntegrityRule.allCases.map { rule in
            let list = flags.filter { $0.rule == rule }
            return H.section(labelledBy: "rule-" + rule.rawValue, title: rule.label(ctx.lang) + "（\(list.count)）", [
                list.isEmpty ? H.p(ctx.t("本期没有。", "None this period."), cls: "hint")
                    : Tables.table(caption: rule.label(ctx.lang), headers: [ctx.t("结束时间", "Ended"), ctx.t("场馆", "Venue"), ctx.t("活动", "Activity"), ctx.t("情况", "Detail")],
                                   rows: list.map { [H.text(req.displayTime.dateTime($0.row.ends_at)), H.text($0.row.venue), H.a($0.row.title, href: SiteURL.activities(.staffShow(.id($0.row.id))).path), H.text($0.detail)] }),
            ])
        }
        let previous = period.previous
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), [
            H.h1(title + " · " + EvaluationFormat.periodText(period.type, period.key, ctx.lang)),
            H.p(ctx.t("供考核人员核查：上报人数超过签到和现场清点合计的 \(EvaluationFormat.number(req.settings.overReportFactor)) 倍、多个活动使用同一张照片、活动结束 \(req.settings.lateFilingDays) 天后才上报、活动没有任何佐证。提示不等于认定，请核实后处理。",
                      "For evaluators to check: attendance above \(EvaluationFormat.number(req.settings.overReportFactor))× the day's counts, one photo on several activities, reports filed over \(req.settings.lateFilingDays) days late, no evidence at all. A flag is a prompt, not a finding."), cls: "lead"),
            H.el("p", [("class", "filters")], PeriodType.allCases.map { H.a($0.label(ctx.lang), href: SiteURL.evaluation(.integrity).with([("type", $0.rawValue)]), cls: "button small", current: $0 == type) }
                + EvaluationTables.links(ctx, .integrity, [("type", type.rawValue), ("period", period.key)])
                + [H.a(ctx.t("上一期", "Previous period"), href: SiteURL.evaluation(.integrity).with([("type", type.rawValue), ("period", previous.key)]), cls: "button small")]),
        ] + sections)
        return Layout.response(html)
    }
}
