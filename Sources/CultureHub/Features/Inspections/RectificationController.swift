import Fluent
import Foundation
import Vapor

/// One inspection with its findings and their rectification, and the task list (R8.3).
enum RectificationController {
    @Sendable static func inspection(req: Request) async throws -> Response {
        let staff = try req.staff()
        let inspection = try await req.scopedRecord(Inspection.self)
        try await inspection.$venue.load(on: req.db)
        try await inspection.$items.load(on: req.db)
        let tasks = try await RectificationTask.query(on: req.db).filter(\.$inspection.$id == inspection.id!).sort(\.$createdAt).all()
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("\(inspection.venue.name) · \(inspection.inspectedOn) 督查", "\(inspection.venue.name) · inspection \(inspection.inspectedOn)")
        let items: [[HNode]] = inspection.itemsInOrder.map {
            [H.text($0.item.label(ctx.lang)), $0.passed ? H.badge(ctx.t("合格", "Pass"), tone: "ok") : H.badge(ctx.t("不合格", "Fail"), tone: "warn"), H.text($0.note.isEmpty ? "—" : $0.note)]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("督查与整改", "Inspections"), SiteURL.evaluation(.inspections).path), (title, nil)]), [
            H.h1(title),
            H.facts([
                (ctx.t("督查人", "Inspector"), H.text(inspection.inspector)),
                (ctx.t("方式", "Kind"), H.text(inspection.unannounced ? ctx.t("暗访", "Unannounced") : ctx.t("明查", "Announced"))),
                (ctx.t("总体情况", "Summary"), H.text(inspection.summary.isEmpty ? "—" : inspection.summary)),
                (ctx.t("现场照片", "Photo"), inspection.photoPath.map { H.a(ctx.t("查看照片", "View the photo"), href: SiteURL.staffUpload($0).path) } ?? H.text("—")),
            ]),
            Tables.table(caption: ctx.t("检查项目", "Checklist"), headers: [ctx.t("项目", "Item"), ctx.t("结果", "Result"), ctx.t("情况", "Note")], rows: items),
            H.section(labelledBy: "tasks", title: ctx.t("整改任务", "Rectification"), tasks.isEmpty ? [H.p(ctx.t("各项合格，无需整改。", "Everything passed; nothing to rectify."))] : tasks.map { task(ctx, $0, staff: staff) }),
        ])
        return Layout.response(html)
    }

    static func task(_ ctx: PageContext, _ t: RectificationTask, staff: Staff) -> HNode {
        let id = t.id!
        var parts: [HNode] = [
            H.h3(t.finding),
            H.facts([
                (ctx.t("状态", "Status"), H.badge(t.status.label(ctx.lang), tone: t.status == .verified ? "ok" : t.status.needsUnit ? "warn" : "neutral")),
                (ctx.t("整改期限", "Deadline"), H.text(t.deadline)),
                (ctx.t("整改情况", "Response"), H.text(t.response.isEmpty ? ctx.t("尚未反馈", "Not answered yet") : t.response)),
                (ctx.t("佐证照片", "Evidence"), t.evidencePhoto.map { H.a(ctx.t("查看照片", "View"), href: SiteURL.staffUpload($0).path) } ?? H.text("—")),
                t.reopenReason.isEmpty ? nil : (ctx.t("退回原因", "Reopened because"), H.text(t.reopenReason)),
            ].compactMap { $0 }),
        ]
        if t.status.needsUnit && staff.role.may(.editRegistry) && staff.scope.contains(t) {
            parts.append(Forms.form(ctx, action: SiteURL.evaluation(.rectification(.id(id), "respond")).path, fields: [
                FormField(name: "response", label: ctx.t("整改情况", "What was done"), kind: .textarea, required: true, maxLength: 1000),
                FormField(name: "photo", label: ctx.t("佐证照片（选填）", "Evidence photo (optional)"), kind: .photo),
            ], submit: ctx.t("提交整改反馈", "Send the response"), cls: "stack task-\(id.uuidString.prefix(8))"))
        }
        if t.status == .responded && staff.role.may(.evaluate) {
            parts.append(Forms.actionButton(ctx, action: SiteURL.evaluation(.rectification(.id(id), "verify")).path, title: ctx.t("核验通过，销号", "Verified: close it")))
            parts.append(Forms.form(ctx, action: SiteURL.evaluation(.rectification(.id(id), "reopen")).path, fields: [
                FormField(name: "reason", label: ctx.t("退回原因", "Why it is reopened"), required: true, maxLength: 300),
            ], submit: ctx.t("退回重新整改", "Reopen")))
        }
        return H.el("article", [("class", "card"), ("id", "task-" + id.uuidString.lowercased())], parts)
    }

    @Sendable static func act(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let task = try await RectificationTask.find(try req.id(), on: req.db) else { throw AppError.notFound }
        try staff.scope.authorize(task)
        let back = SiteURL.evaluation(.inspection(.id(task.$inspection.id))).path + "#task-" + task.id!.uuidString.lowercased()
        do {
            switch req.parameters.get("action") ?? "" {
            case "respond":
                let form = try req.content.decode(DynamicForm.self)
                try await InspectionDesk.respond(task, response: form.fields["response"], photo: form.photo, by: staff, now: req.now, settings: req.settings, lang: req.lang, on: req.db)
                Flash.set(req, "整改情况已反馈，等待市局核验。", "Response sent; the bureau will verify it.")
            case "verify":
                try await InspectionDesk.verify(task, accept: true, reason: nil, by: staff, now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, "已核验销号。", "Verified and closed.")
            case "reopen":
                let form = try req.content.decode([String: String].self)
                try await InspectionDesk.verify(task, accept: false, reason: form["reason"], by: staff, now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, "已退回，场馆需要重新整改并反馈。", "Reopened; the venue must rectify and answer again.")
            default: throw AppError.notFound
            }
        } catch AppError.invalid(let errors) {
            Flash.set(req, "没有保存：" + errors.values.joined(separator: " "), "Not saved: " + errors.values.joined(separator: " "))
        }
        return req.redirect(to: back)
    }

    @Sendable static func list(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let show = req.query[String.self, at: "show"].flatMap(RectificationStatus.init(rawValue:))
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        var query = staff.scope.filter(RectificationTask.query(on: req.db))
        if let show { query = query.filter(\.$status == show) }
        let total = try await query.count()
        let tasks = try await query.with(\.$venue).sort(\.$deadline).range((page - 1) * 30..<(page * 30)).all()
        let title = ctx.t("整改任务", "Rectification tasks")
        let today = req.displayTime.today
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("督查与整改", "Inspections"), SiteURL.evaluation(.inspections).path), (title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "filters")], [H.a(ctx.t("全部", "All"), href: SiteURL.evaluation(.rectifications).path, cls: "button small", current: show == nil)]
                + RectificationStatus.allCases.map { H.a($0.label(ctx.lang), href: SiteURL.evaluation(.rectifications).with([("show", $0.rawValue)]), cls: "button small", current: show == $0) }
                + EvaluationTables.links(ctx, .rectifications)),
            tasks.isEmpty ? Tables.empty(ctx.t("没有这类整改任务。", "No such tasks."))
                : Tables.table(caption: title, headers: [ctx.t("期限", "Deadline"), ctx.t("场馆", "Venue"), ctx.t("问题", "Finding"), ctx.t("状态", "Status")], rows: tasks.map { t in
                    [H.text(t.deadline + (t.status.needsUnit && t.deadline < today ? ctx.t("（已逾期）", " (overdue)") : "")), H.text(t.venue.name),
                     H.a(t.finding, href: SiteURL.evaluation(.inspection(.id(t.$inspection.id))).path + "#task-" + t.id!.uuidString.lowercased()), H.text(t.status.label(ctx.lang))]
                }),
            Pagination(page: page, per: 30, total: total).render(ctx) { SiteURL.evaluation(.rectifications).with([("show", show?.rawValue), ("page", String($0))]) },
        ])
        return Layout.response(html)
    }
}
