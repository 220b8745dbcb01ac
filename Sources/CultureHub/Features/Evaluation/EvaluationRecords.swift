import Fluent
import Foundation
import KPIMetrics
import SQLKit
import Vapor

/// Which records a figure came from, for the drill-down list.
enum RecordKind: String, CaseIterable {
    case activities, large, trainings, special, reports, inflated, spaceUse, mobile, ratings, findings, complaints

    static func forIndicator(_ i: Indicator) -> RecordKind? {
        switch i {
        case .activities, .participationPerThousand, .participationRate, .showUp: .activities
        case .largeEvents: .large
        case .trainings: .trainings
        case .specialGroupEvents: .special
        case .reportingTimeliness: .reports
        case .utilization: .spaceUse
        case .mobileCoverage: .mobile
        case .satisfaction: .ratings
        default: nil
        }
    }

    var zh: String {
        switch self {
        case .activities: "本期开展的活动"; case .large: "大型活动"; case .trainings: "培训"; case .special: "特殊群体活动"
        case .reports: "活动上报情况"; case .inflated: "上报人数明显高于现场记录的活动"; case .spaceUse: "在场地内举办的活动"
        case .mobile: "送到村里的流动服务"; case .ratings: "群众评价"; case .findings: "督查发现的问题"; case .complaints: "查实的投诉"
        }
    }

    var en: String {
        switch self {
        case .activities: "Activities held"; case .large: "Large events"; case .trainings: "Training sessions"; case .special: "Special-group activities"
        case .reports: "Activity reports"; case .inflated: "Reported attendance far above the day's counts"; case .spaceUse: "Activities in spaces"
        case .mobile: "Mobile services in villages"; case .ratings: "Ratings"; case .findings: "Inspection findings"; case .complaints: "Upheld complaints"
        }
    }
}

/// `/staff/evaluation/runs/:id/units/:unit/records`: the records behind a figure, read live.
/// A published run's figures are frozen, so the page says when the live count differs.
enum EvaluationRecords {
    struct ActivityRow: Decodable {
        let id: UUID; let title: String; let kind: String; let starts_at: Date; let people: Int?; let attendance: Int?; let submitted_at: Date?
        let report_due_at: Date?; let checked_in: Int?; let report_headcount: Int?
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let staff = try req.staff()
        let data = try await EvaluationRunData.load(try req.id(), on: req.db)
        guard EvaluationRunData.visible(data.run, to: staff) else { throw AppError.notFound }
        guard let result = data.results.first(where: { $0.unitID == (try? req.id("unit")) }) else { throw AppError.notFound }
        guard EvaluationRunData.canOpen(result, staff: staff) else { throw AppError.notFound }
        let kind = RecordKind(rawValue: req.query[String.self, at: "show"] ?? "") ?? .activities
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let ctx = PageContext(req)
        let time = req.displayTime
        guard let start = time.instant(day: data.period.firstDay, minute: 0), let end = time.instant(day: data.period.endDay, minute: 0) else { throw AppError.notFound }
        let per = 50
        let (total, table): (Int, HNode) = switch kind {
        case .ratings, .findings, .complaints:
            try await OtherRecords.list(kind, result: result, period: data.period, start: start, end: end, page: page, per: per, ctx: ctx, time: time, on: req.db)
        default:
            try await activities(kind, result: result, start: start, end: min(end, data.run.computedAt), page: page, per: per, ctx: ctx, req: req)
        }
        let title = "\(result.unitName) · " + ctx.lang.t(kind.zh, kind.en)
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [
            (ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path),
            (EvaluationRunView.title(ctx, data.run), SiteURL.evaluation(.run(.id(data.run.id!))).path),
            (result.unitName, SiteURL.evaluation(.runUnit(.id(data.run.id!), .id(result.unitID))).path), (ctx.lang.t(kind.zh, kind.en), nil),
        ]), [
            H.h1(title),
            H.p(ctx.t("\(data.period.firstDay) 至 \(data.period.lastDay)，共 \(total) 条。这是当前数据库中的记录；考核结果发布后如有补录或修改，条数可能与发布时不同，差异见“与当前数据对比”。",
                      "\(data.period.firstDay) to \(data.period.lastDay): \(total) records, read live; after publication, late entries or changes may make this differ from the snapshot (see the comparison)."), cls: "hint"),
            H.el("p", [("class", "filters")], RecordKind.allCases.map {
                H.a(ctx.lang.t($0.zh, $0.en), href: SiteURL.evaluation(.runRecords(.id(data.run.id!), .id(result.unitID))).with([("show", $0.rawValue)]), cls: "button small", current: $0 == kind)
            }),
            table,
            Pagination(page: page, per: per, total: total).render(ctx) {
                SiteURL.evaluation(.runRecords(.id(data.run.id!), .id(result.unitID))).with([("show", kind.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    /// The activities behind a figure, with their participation and report, 50 a page.
    static func activities(_ kind: RecordKind, result: EvaluationResult, start: Date, end: Date, page: Int, per: Int, ctx: PageContext, req: Request) async throws -> (Int, HNode) {
        let sql = req.db as! any SQLDatabase
        let time = req.displayTime
        var whereClause: SQLQueryString = "a.status = 'published' AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: end) AND "
        let unitFilter: SQLQueryString = result.unitKind == .township ? RegionPath.sql("a.region_path", within: result.regionPath) : "a.venue_id = \(bind: result.unitID)"
        whereClause.appendInterpolation(unitFilter)
        switch kind {
        case .large: whereClause.appendInterpolation(unsafeRaw: " AND x_people >= \(req.settings.largeEventParticipants)")
        case .trainings: whereClause.appendInterpolation(unsafeRaw: " AND a.kind = 'training'")
        case .special: whereClause.appendInterpolation(unsafeRaw: " AND (" + TargetGroup.allCases.filter(\.isSpecial).map { "a.target_groups LIKE '%\($0.rawValue)%'" }.joined(separator: " OR ") + ")")
        case .inflated: whereClause.appendInterpolation(unsafeRaw: " AND a.r_attendance > (COALESCE(a.r_checked_in, 0) + COALESCE(a.r_headcount, 0)) * \(req.settings.overReportFactor)")
        case .spaceUse: whereClause.appendInterpolation(unsafeRaw: " AND a.space_id IS NOT NULL")
        case .mobile: whereClause.appendInterpolation(unsafeRaw: " AND a.village_id IS NOT NULL")
        default: break
        }
        let from: SQLQueryString = """
            FROM (SELECT a.*, CAST(COALESCE(r.attendance, a.headcount, (SELECT SUM(g.places) FROM registrations g WHERE g.activity_id = a.id AND g.checked_in_at IS NOT NULL), 0) AS BIGINT) AS x_people,
                  r.attendance AS r_attendance, r.submitted_at AS r_submitted_at, r.checked_in AS r_checked_in, r.headcount AS r_headcount
                  FROM activities a LEFT JOIN activity_reports r ON r.activity_id = a.id) a
            WHERE \(whereClause)
            """
        struct Count: Decodable { let n: Int }
        let total = try await sql.raw("SELECT COUNT(*) AS n \(from)").first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("""
            SELECT a.id, a.title, a.kind, a.starts_at, a.x_people AS people, a.r_attendance AS attendance, a.r_submitted_at AS submitted_at, a.report_due_at,
                   a.r_checked_in AS checked_in, a.r_headcount AS report_headcount \(from) ORDER BY a.starts_at, a.id LIMIT \(unsafeRaw: String(per)) OFFSET \(unsafeRaw: String((page - 1) * per))
            """).all(decoding: ActivityRow.self)
        guard !rows.isEmpty else { return (total, Tables.empty(ctx.t("本期没有这类记录。", "No such records in this period."))) }
        return (total, Tables.table(caption: ctx.lang.t(kind.zh, kind.en), headers: [ctx.t("时间", "When"), ctx.t("活动", "Activity"), ctx.t("类型", "Kind"), ctx.t("参与人次", "Participation"), ctx.t("上报", "Report")],
                                    rows: rows.map { row in
                                        [H.text(time.dateTime(row.starts_at)), H.a(row.title, href: SiteURL.activities(.staffShow(.id(row.id))).path),
                                         H.text(ServiceKind(rawValue: row.kind)?.label(ctx.lang) ?? row.kind), H.text(String(row.people ?? 0)), H.text(reportText(row, ctx: ctx, now: req.now))]
                                    }))
    }

    static func reportText(_ row: ActivityRow, ctx: PageContext, now: Date) -> String {
        guard let filed = row.submitted_at else {
            return (row.report_due_at.map { $0 < now } ?? false) ? ctx.t("逾期未报", "Missing") : ctx.t("未到上报期限", "Not yet due")
        }
        let onTime = row.report_due_at.map { filed <= $0 } ?? true
        return (onTime ? ctx.t("按时上报", "On time") : ctx.t("逾期上报", "Late"))
            + ctx.t("，上报 \(row.attendance ?? 0) 人，签到 \(row.checked_in ?? 0)，清点 \(row.report_headcount ?? 0)", ": \(row.attendance ?? 0) reported, \(row.checked_in ?? 0) checked in, \(row.report_headcount ?? 0) counted")
    }
}
