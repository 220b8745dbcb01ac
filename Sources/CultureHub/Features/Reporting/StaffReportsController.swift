import Fluent
import Foundation
import KPIMetrics
import SQLKit
import Vapor

/// Reports in scope: what is due or overdue, what was filed and how it travelled, and each
/// unit's timeliness for a month (R4.5).
enum StaffReportsController {
    enum Filter: String, CaseIterable {
        case due, missing, filed, failed
        func label(_ lang: Lang) -> String {
            switch self {
            case .due: lang.t("待上报", "To file"); case .missing: lang.t("逾期未报", "Overdue")
            case .filed: lang.t("已上报", "Filed"); case .failed: lang.t("推送失败", "Failed to send")
            }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let time = req.displayTime
        let filter = Filter(rawValue: req.query[String.self, at: "show"] ?? "") ?? .due
        let month = req.query[String.self, at: "month"].flatMap { $0.count == 7 ? $0 : nil } ?? String(time.today.prefix(7))
        let rows: [[HNode]]
        let total: Int
        let pageNo = max(1, req.query[Int.self, at: "page"] ?? 1)
        switch filter {
        case .due, .missing:
            let unfiled = staff.scope.filter(Activity.query(on: req.db)).filter(\.$status == .published).filter(\.$endsAt <= req.now)
                .join(ActivityReport.self, on: \Activity.$id == \ActivityReport.$activity.$id, method: .left)
                .filter(.sql(unsafeRaw: "activity_reports.id IS NULL")).with(\.$venue)
            if filter == .due { unfiled.filter(\.$reportDueAt >= req.now) } else { unfiled.filter(\.$reportDueAt < req.now) }
            let page = try await unfiled.sort(\.$reportDueAt).paginate(PageRequest(page: pageNo, per: 20))
            total = page.metadata.total
            rows = page.items.map { a in
                [H.a(a.title, href: SiteURL.reporting(.activityReport(.id(a.id!))).path), H.text(a.venue.name), H.text(time.dateTime(a.endsAt)),
                 H.text(time.dateTime((a.reportDueAt ?? a.endsAt).addingTimeInterval(-60))),
                 ReportView.stateBadge(ctx, filter == .due ? .notDue : .missing)]
            }
        case .filed, .failed:
            let query = staff.scope.filter(ActivityReport.query(on: req.db)).with(\.$activity).with(\.$venue)
            if filter == .failed { query.filter(\.$delivery == .failed) }
            let page = try await query.sort(\.$submittedAt, .descending).paginate(PageRequest(page: pageNo, per: 20))
            total = page.metadata.total
            rows = page.items.map { r in
                [H.a(r.activity.title, href: SiteURL.reporting(.activityReport(.id(r.$activity.id))).path), H.text(r.venue.name), H.text(time.dateTime(r.submittedAt)),
                 ReportView.stateBadge(ctx, r.isLate ? .late : .onTime), ReportView.deliveryBadge(ctx, r)]
            }
        }
        let units = try await timeliness(staff.scope, month: month, time: time, now: req.now, on: req.db)
        let title = ctx.t("活动上报", "Activity reports")
        let headers = filter == .due || filter == .missing
            ? [ctx.t("活动", "Activity"), ctx.t("场馆", "Venue"), ctx.t("结束时间", "Ended"), ctx.t("上报截止", "Due"), ctx.t("状态", "State")]
            : [ctx.t("活动", "Activity"), ctx.t("场馆", "Venue"), ctx.t("上报时间", "Filed"), ctx.t("及时性", "Timeliness"), ctx.t("推送", "Delivery")]
        let rule = req.settings.reportingRule
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("每个活动结束后 \(rule.daysAfterEnd) 天内上报" + (rule.monthlyCloseDay > 0 ? "，且不晚于当月 \(rule.monthlyCloseDay) 日" : "") + "；平台自动推送到郑州文旅云，并记录接收回执。",
                      "Report each activity within \(rule.daysAfterEnd) days of its end" + (rule.monthlyCloseDay > 0 ? ", and no later than day \(rule.monthlyCloseDay) of the month" : "") + "; the platform pushes it to the culture cloud and records the receipt."), cls: "lead"),
            H.el("p", [("class", "filters")], Filter.allCases.map {
                H.a($0.label(ctx.lang), href: SiteURL.reporting(.index).with([("show", $0.rawValue), ("month", month)]), cls: "button small", current: $0 == filter)
            }),
            rows.isEmpty ? Tables.empty(filter == .due ? ctx.t("没有待上报的活动。", "Nothing to file.") : filter == .missing ? ctx.t("没有逾期未报的活动。", "Nothing is overdue.")
                                        : ctx.t("没有符合条件的报告。", "No reports match."))
                : Tables.table(caption: title + " · " + filter.label(ctx.lang), headers: headers, rows: rows),
            Pagination(page: pageNo, per: 20, total: total).render(ctx) { SiteURL.reporting(.index).with([("show", filter.rawValue), ("month", month), ("page", String($0))]) },
            timelinessSection(ctx, units, month: month, filter: filter),
        ])
        return Layout.response(html)
    }

    struct UnitRow: Equatable { let name: String; var counts: ReportingTimeliness }

    /// Per venue for activities ending in `month`: one grouped query with a left join.
    static func timeliness(_ scope: Scope, month: String, time: DisplayTime, now: Date, on db: any Database) async throws -> [UnitRow] {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]),
              let start = time.instant(day: String(format: "%04d-%02d-01", parts[0], parts[1]), minute: 0),
              let end = time.instant(day: parts[1] == 12 ? String(format: "%04d-01-01", parts[0] + 1) : String(format: "%04d-%02d-01", parts[0], parts[1] + 1), minute: 0)
        else { return [] }
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let venue_name: String; let on_time: Int; let late: Int; let missing: Int; let not_due: Int }
        let inScope = scope.sqlCondition(regionPath: "a.region_path", venueID: "a.venue_id")
        let query: SQLQueryString = """
            SELECT v.name AS venue_name,
              SUM(CASE WHEN r.submitted_at IS NOT NULL AND r.submitted_at <= a.report_due_at THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN r.submitted_at > a.report_due_at THEN 1 ELSE 0 END) AS late,
              SUM(CASE WHEN r.submitted_at IS NULL AND a.report_due_at < \(bind: now) THEN 1 ELSE 0 END) AS missing,
              SUM(CASE WHEN r.submitted_at IS NULL AND a.report_due_at >= \(bind: now) THEN 1 ELSE 0 END) AS not_due
            FROM activities a JOIN venues v ON v.id = a.venue_id LEFT JOIN activity_reports r ON r.activity_id = a.id
            WHERE a.status = \(bind: ActivityStatus.published.rawValue) AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: end) AND \(inScope)
            GROUP BY v.name ORDER BY v.name
            """
        let rows = try await sql.raw(query).all(decoding: Row.self)
        return rows.map { UnitRow(name: $0.venue_name, counts: ReportingTimeliness(onTime: $0.on_time, late: $0.late, missing: $0.missing, notDue: $0.not_due)) }
    }

    static func timelinessSection(_ ctx: PageContext, _ units: [UnitRow], month: String, filter: Filter) -> HNode {
        var total = ReportingTimeliness()
        for u in units { total.onTime += u.counts.onTime; total.late += u.counts.late; total.missing += u.counts.missing; total.notDue += u.counts.notDue }
        let rows: [[HNode]] = units.map { u in
            [H.text(u.name), H.text(String(u.counts.onTime)), H.text(String(u.counts.late)), H.text(String(u.counts.missing)),
             H.text(String(u.counts.notDue)), H.text(percentText(u.counts.rate))]
        }
        return H.section(labelledBy: "timeliness", title: ctx.t("\(month) 上报及时率", "Reporting timeliness, \(month)"), [
            Forms.form(ctx, action: SiteURL.reporting(.index).path, fields: [
                FormField(name: "month", label: ctx.t("月份（活动结束的月份）", "Month (when activities ended)"), value: month, hint: ctx.t("例如 2026-11", "e.g. 2026-11"), maxLength: 7),
            ], submit: ctx.t("查看", "Show"), method: "get", extra: [H.void("input", [("type", "hidden"), ("name", "show"), ("value", filter.rawValue)])], cls: "filters"),
            H.p(ctx.t("合计：按时 \(total.onTime)，逾期上报 \(total.late)，逾期未报 \(total.missing)；及时率 \(percentText(total.rate))（尚未到期的不计）。",
                      "Total: \(total.onTime) on time, \(total.late) late, \(total.missing) missing; \(percentText(total.rate)) on time (not yet due left out).")),
            rows.isEmpty ? Tables.empty(ctx.t("这个月没有结束的活动。", "No activities ended this month."))
                : Tables.table(caption: ctx.t("各场馆上报及时性", "Timeliness by venue"), headers: [ctx.t("场馆", "Venue"), ctx.t("按时", "On time"), ctx.t("逾期上报", "Late"),
                                                                                          ctx.t("逾期未报", "Missing"), ctx.t("未到期", "Not yet due"), ctx.t("及时率", "Rate")], rows: rows),
        ])
    }
}
