import Fluent
import Foundation
import Plot
import Vapor

/// The audit log for bureau administrators: filter, page, export, verify (R9.1).
enum AuditController {
    struct Query: Content {
        var action: String?
        var entity: String?
        var who: String?
        var from: String?
        var to: String?
        var page: String?
    }

    struct Filter {
        var action: String?
        var entity: String?
        var who: String?
        var from: Date?
        var to: Date?
        var page = 1

        func apply(_ query: QueryBuilder<AuditEvent>) -> QueryBuilder<AuditEvent> {
            if let action { query.filter(\.$action == action) }
            if let entity { query.filter(\.$entity == entity) }
            if let who { query.filter(\.$actor ~~ who) }
            if let from { query.filter(\.$at >= from) }
            if let to { query.filter(\.$at < to) }
            return query.sort(\.$seq, .descending)
        }
    }

    static let actions = ["create", "update", "delete", "login.success", "login.failure", "checkin", "view.personal", "export", "demo.load"]

    static func actionLabel(_ action: String, _ lang: Lang) -> String {
        switch action {
        case "create": lang.t("新增", "Create")
        case "update": lang.t("修改", "Update")
        case "delete": lang.t("删除", "Delete")
        case "login.success": lang.t("登录成功", "Sign-in")
        case "login.failure": lang.t("登录失败", "Failed sign-in")
        case "checkin": lang.t("签到", "Check-in")
        case "export": lang.t("导出", "Export")
        case "view.personal": lang.t("查看个人信息", "Viewed personal data")
        case "demo.load": lang.t("加载演示数据", "Demo data loaded")
        default: action
        }
    }

    static let entities: [(String, String, String)] = [
        ("accounts", "账号", "Accounts"), ("regions", "区域", "Regions"), ("venues", "场馆", "Venues"), ("spaces", "活动场地", "Spaces"),
        ("opening_hours", "开放时间", "Opening hours"), ("space_hours", "场地可预约时间", "Bookable hours"), ("free_opening_notices", "免费开放公示", "Notices"),
        ("special_resources", "特殊群体资源", "Special resources"), ("service_items", "服务菜单", "Menu items"), ("activities", "活动", "Activities"),
        ("registrations", "报名", "Registrations"), ("space_bookings", "场地预约", "Bookings"), ("api_tokens", "API 令牌", "API tokens"),
        ("checkin_attempts", "签到拒绝记录", "Refused check-ins"), ("audit_events", "审计日志", "Audit log"),
    ]

    static func entityLabel(_ entity: String, _ lang: Lang) -> String {
        entities.first { $0.0 == entity }.map { lang.t($0.1, $0.2) } ?? entity
    }

    static func parse(_ q: Query, time: DisplayTime, lang: Lang) -> (Filter, FieldErrors) {
        var check = FormCheck(lang)
        var f = Filter()
        if let a = q.action, !a.isEmpty {
            if actions.contains(a) { f.action = a } else { check.fail("action", "不认识的动作。", "Unknown action.") }
        }
        if let e = q.entity, !e.isEmpty {
            if entities.contains(where: { $0.0 == e }) { f.entity = e } else { check.fail("entity", "不认识的对象类型。", "Unknown kind of record.") }
        }
        let who = (q.who ?? "").trimmingCharacters(in: .whitespaces)
        if !who.isEmpty { f.who = String(who.prefix(40)) }
        if let day = check.date("from", q.from, required: false) { f.from = time.instant(day: day, minute: 0) }
        if let day = check.date("to", q.to, required: false) { f.to = time.instant(day: day, minute: 24 * 60) }
        f.page = check.int("page", q.page, required: false, min: 1, max: 100_000) ?? 1
        return (f, check.errors)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.readAudit)
        let q = try req.query.decode(Query.self)
        let time = req.displayTime
        let (filter, errors) = parse(q, time: time, lang: req.lang)
        let page = try await (errors.isEmpty ? filter : Filter()).apply(AuditEvent.query(on: req.db)).paginate(PageRequest(page: filter.page, per: 50))
        let model = AuditPage(query: q, errors: errors, events: page.items.map { AuditPage.Row($0, time: time) },
                              pagination: Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total),
                              retentionDays: req.settings.auditRetentionDays)
        return Layout.response(AuditView.render(PageContext(req, hasForm: true), model), status: errors.isEmpty ? .ok : .badRequest)
    }

    /// The filtered events as CSV (UTF-8 with a BOM, so Excel opens Chinese text correctly);
    /// the export is itself an audit event.
    @Sendable static func export(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.readAudit)
        let q = try req.query.decode(Query.self)
        let time = req.displayTime
        let (filter, errors) = parse(q, time: time, lang: req.lang)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let events = try await filter.apply(AuditEvent.query(on: req.db)).limit(100_000).all()
        try await AuditLog.record(action: "export", entity: AuditEvent.schema, entityID: "",
                                  summary: "\(events.count) events; filter: " + [q.action, q.entity, q.who, q.from, q.to].map { $0 ?? "" }.joined(separator: "|"), on: req.db)
        var csv = "\u{FEFF}" + ["seq", "time", "actor", "action", "entity", "entity_id", "summary", "ip", "hash"].joined(separator: ",") + "\r\n"
        for e in events {
            csv += [String(e.seq), time.dateTime(e.at), e.actor, e.action, e.entity, e.entityID, e.summary, e.ip, e.hash].map(CSV.field).joined(separator: ",") + "\r\n"
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"audit-\(time.today).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }

    @Sendable static func verify(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.readAudit)
        let result = try await AuditLog.verify(on: req.db)
        if let broken = result.firstBreak {
            Flash.set(req, "校验发现问题：" + broken.message(.zh) + "请立即报告信息安全负责人，并保留数据库现状。",
                      "Verification found a problem: " + broken.message(.en) + " Report it to the security officer at once and keep the database as it is.")
        } else {
            Flash.set(req, "校验通过：\(result.checked) 条审计记录的哈希链完整，没有被改动或删除。",
                      "Verified: the hash chain of \(result.checked) audit events is intact; nothing was altered or deleted.")
        }
        return req.redirect(to: SiteURL.audit(.index).path)
    }
}

enum CSV {
    /// Quotes a field when needed; a leading =, +, - or @ is neutralised so a spreadsheet
    /// never runs it as a formula.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@".contains(first) { v = "'" + v }
        guard v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
