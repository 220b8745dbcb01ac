import Foundation
import Plot

struct AuditPage {
    struct Row {
        let seq: Int64
        let at: String
        let actor: String
        let action: String
        let entity: String
        let entityID: String
        let summary: String
        let ip: String

        init(_ e: AuditEvent, time: DisplayTime) {
            seq = e.seq; at = time.dateTime(e.at); actor = e.actor; action = e.action; entity = e.entity
            entityID = e.entityID; summary = e.summary; ip = e.ip
        }
    }

    let query: AuditController.Query
    let errors: FieldErrors
    let events: [Row]
    let pagination: Pagination
    let retentionDays: Int
}

enum AuditView {
    static func render(_ ctx: PageContext, _ m: AuditPage) -> String {
        let title = ctx.t("审计日志", "Audit log")
        let q = m.query
        let any = FormField.Option(value: "", label: ctx.t("全部", "All"))
        let fields = [
            FormField(name: "action", label: ctx.t("动作", "Action"),
                      kind: .select([any] + AuditController.actions.map { .init(value: $0, label: AuditController.actionLabel($0, ctx.lang)) }), value: q.action ?? "", error: m.errors["action"]),
            FormField(name: "entity", label: ctx.t("对象类型", "Record"),
                      kind: .select([any] + AuditController.entities.map { .init(value: $0.0, label: ctx.t($0.1, $0.2)) }), value: q.entity ?? "", error: m.errors["entity"]),
            FormField(name: "who", label: ctx.t("操作人（用户名）", "Who (user name)"), value: q.who ?? "", maxLength: 40),
            FormField(name: "from", label: ctx.t("从", "From"), kind: .date, value: q.from ?? "", error: m.errors["from"]),
            FormField(name: "to", label: ctx.t("到", "To"), kind: .date, value: q.to ?? "", error: m.errors["to"]),
        ]
        let params: [(String, String?)] = [("action", q.action), ("entity", q.entity), ("who", q.who), ("from", q.from), ("to", q.to)]
        let rows: [[HNode]] = m.events.map { e in
            [H.text(String(e.seq)), H.text(e.at), H.text(e.actor), H.text(AuditController.actionLabel(e.action, ctx.lang)),
             H.text(AuditController.entityLabel(e.entity, ctx.lang) + (e.entityID.isEmpty ? "" : " " + String(e.entityID.prefix(8)))),
             H.el("code", [("class", "summary")], H.text(e.summary)), H.text(e.ip)]
        }
        return Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("记录每一次登录、每一次数据修改、每一次导出，只能追加、不能修改：每条记录都带有上一条的哈希值，任何改动或删除都会在校验时被发现。记录保存 \(m.retentionDays) 天。",
                      "Every sign-in, every change and every export, append-only: each event carries the hash of the one before, so any edit or deletion shows up on verification. Events are kept for \(m.retentionDays) days."), cls: "lead"),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("导出当前筛选结果（CSV）", "Export these results (CSV)"), href: SiteURL.audit(.export).with(params), cls: "button"),
                H.text(" "),
                Forms.actionButton(ctx, action: SiteURL.audit(.verify).path, title: ctx.t("校验哈希链", "Verify the hash chain")),
            ]),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("审计日志筛选", "Audit log filters"))], [
                Forms.form(ctx, action: SiteURL.audit(.index).path, fields: fields, submit: ctx.t("筛选", "Filter"), method: "get", cls: "filters"),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的记录。可以放宽时间范围或减少筛选条件。", "No event matches. Widen the dates or remove a filter."))
                : Tables.table(caption: ctx.t("审计记录（最新的在前，共 \(m.pagination.total) 条）", "Audit events (newest first, \(m.pagination.total) in all)"),
                               headers: [ctx.t("序号", "No."), ctx.t("时间", "Time"), ctx.t("操作人", "Who"), ctx.t("动作", "Action"), ctx.t("对象", "Record"),
                                         ctx.t("内容摘要", "Summary"), "IP"], rows: rows),
            m.pagination.render(ctx) { SiteURL.audit(.index).with(params + [("page", $0 > 1 ? String($0) : nil)]) },
        ])
    }
}
