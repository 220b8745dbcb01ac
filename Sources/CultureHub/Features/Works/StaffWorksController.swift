import Fluent
import Foundation
import Vapor

/// `/staff/works`: review citizens' works, register works, and record guidance, awards and
/// performances (R6.4).
enum StaffWorksController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await renderIndex(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(CreativeWorkInput.self)
        do {
            let work = try await CreativeWorkDesk.register(input, account: staff.account, staff: staff, now: req.now,
                                                           today: req.displayTime.today, lang: req.lang, on: req.db)
            Flash.set(req, "已登记作品“\(work.title)”，可以继续记录辅导、获奖和演出。", "“\(work.title)” registered; record guidance, awards and performances next.")
            return req.redirect(to: SiteURL.works(.staffShow(.id(work.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderIndex(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderIndex(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let waiting = req.query[String.self, at: "show"] != "listed"
        let page = try await staff.scope.filterReadable(CreativeWork.query(on: req.db), \.$regionPath).filter(\.$listed == !waiting)
            .sort(\.$createdAt, .descending).sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let teams = try await StaffTeamsController.teams(staff, req.db).sort(\.$name).limit(500).all()
        let townships = try await req.townships()
        let title = ctx.t("原创作品", "Original works")
        let rows: [[HNode]] = page.items.map { w in
            [H.a(w.title, href: SiteURL.works(.staffShow(.id(w.id!))).path), H.text(w.kind.label(ctx.lang)), H.text(w.creators), H.text(w.createdOn),
             H.text(w.accountID == nil ? ctx.t("工作人员登记", "Staff") : ctx.t("群众提交", "Citizen"))]
        }
        var fields = WorksController.workFields(ctx, form, errors, townships: townships, teams: [])
        fields.insert(FormField(name: "team", label: ctx.t("所属团队（选填）", "Team (optional)"), kind: .select([.init(value: "", label: ctx.t("不属于团队", "None"))] + teams.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                                value: form["team"] ?? "", error: errors["team"]), at: 4)
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "filters")], [
                H.a(ctx.t("待审核", "Waiting for review"), href: SiteURL.works(.staffIndex).path, cls: "button small", current: waiting),
                H.a(ctx.t("已公开", "Listed"), href: SiteURL.works(.staffIndex).with([("show", "listed")]), cls: "button small", current: !waiting),
            ]),
            rows.isEmpty ? Tables.empty(waiting ? ctx.t("没有等待审核的作品。", "No works are waiting.") : ctx.t("还没有公开的作品。", "No works listed yet."))
                : Tables.table(caption: title, headers: [ctx.t("作品", "Work"), ctx.t("类别", "Kind"), ctx.t("创作者", "Creators"), ctx.t("创作日期", "Created"), ctx.t("来源", "From")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.works(.staffIndex).with([("show", waiting ? nil : "listed"), ("page", String($0))]) },
            staff.role.may(.editRegistry) ? H.section(labelledBy: "register", title: ctx.t("登记作品", "Register a work"), [
                Forms.form(ctx, action: SiteURL.works(.staffIndex).path, fields: fields, submit: ctx.t("登记作品", "Register")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await renderShow(req, form: [:], errors: [:])
    }

    @Sendable static func record(req: Request) async throws -> Response {
        let staff = try req.staff()
        let work = try await req.recordForDesk(CreativeWork.self)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(WorkEventInput.self)
        do {
            let e = try await CreativeWorkDesk.record(work, input, by: staff, today: req.displayTime.today,
                                                      now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已记录\(e.kind.zh)（\(e.day)）。", "\(e.kind.en) on \(e.day) recorded.")
            return req.redirect(to: SiteURL.works(.staffShow(.id(work.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderShow(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func listing(req: Request) async throws -> Response {
        let staff = try req.staff()
        let work = try await req.regionRecord(CreativeWork.self, toWrite: .editRegistry)
        let list = (try req.content.decode([String: String].self))["listed"] == "1"
        try await CreativeWorkDesk.setListed(work, list, by: staff, on: req.db)
        Flash.set(req, list ? "作品已公开展示。" : "作品已撤下，不再公开展示。", list ? "The work is now shown publicly." : "The work is no longer shown publicly.")
        return req.redirect(to: SiteURL.works(.staffShow(.id(work.id!))).path)
    }

    private static func load(_ req: Request, _ staff: Staff) async throws -> CreativeWork {
        try await req.regionRecord(CreativeWork.self)
    }

    static func renderShow(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let work = try await load(req, staff)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let events = try await CreativeWorkEvent.query(on: req.db).filter(\.$work.$id == work.requireID()).with(\.$activity).sort(\.$day, .descending).all()
        let activities = try await staff.scope.filter(Activity.query(on: req.db), anyOf: Activity.staffPartyKeys).filter(\.$status != .cancelled)
            .filter(\.$startsAt < req.now).sort(\.$startsAt, .descending).limit(200).all()
        let html = Layout.page(ctx, title: work.title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("原创作品", "Original works"), SiteURL.works(.staffIndex).path), (work.title, nil)]), [
            H.h1(work.title),
            H.facts([(ctx.t("类别", "Kind"), H.text(work.kind.label(ctx.lang))), (ctx.t("创作者", "Creators"), H.text(work.creators)), (ctx.t("创作日期", "Created"), H.text(work.createdOn)),
                     (ctx.t("公开展示", "Shown publicly"), H.text(work.listed ? ctx.t("是", "Yes") : ctx.t("否，等待审核", "No, waiting for review"))),
                     (ctx.t("公开页面", "Public page"), H.a(SiteURL.works(.show(.id(work.id!))).path, href: SiteURL.works(.show(.id(work.id!))).path))]),
            work.links.isEmpty ? H.empty : H.ul(work.links.map { H.el("a", [("href", $0), ("rel", "noopener nofollow")], H.text($0)) }),
            ctx.canEdit ? H.el("form", [("method", "post"), ("action", SiteURL.works(.staffListing(.id(work.id!))).path)], [
                Forms.csrfField(ctx), H.void("input", [("type", "hidden"), ("name", "listed"), ("value", work.listed ? "0" : "1")]),
                H.el("button", [("type", "submit"), ("class", work.listed ? "button danger" : "button primary")], H.text(work.listed ? ctx.t("撤下，不再公开", "Unlist") : ctx.t("审核通过，公开展示", "Approve and list"))),
            ]) : H.empty,
            H.section(labelledBy: "record", title: ctx.t("辅导、获奖和演出", "Guidance, awards and performances"), [
                events.isEmpty ? Tables.empty(ctx.t("还没有记录。", "Nothing recorded yet."))
                    : Tables.table(caption: ctx.t("作品记录", "Record"), headers: [ctx.t("日期", "Day"), ctx.t("类型", "Kind"), ctx.t("内容", "What")],
                                   rows: events.map { [H.text($0.day), H.text($0.kind.label(ctx.lang)), H.text(($0.activity.map { $0.title + " " } ?? "") + $0.text)] }),
                ctx.canEdit ? Forms.form(ctx, action: SiteURL.works(.staffEvents(.id(work.id!))).path, fields: [
                    FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + WorkEventKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
                    FormField(name: "day", label: ctx.t("日期", "Day"), kind: .date, value: form["day"] ?? "", error: errors["day"], required: true),
                    FormField(name: "text", label: ctx.t("内容", "What"), value: form["text"] ?? "", error: errors["text"],
                              hint: ctx.t("辅导内容，或奖项名称和等级（如：河南省群星奖 二等奖）；演出可不填", "The guidance, or the award and its level; optional for a performance"), maxLength: 200),
                    FormField(name: "activity", label: ctx.t("演出的活动（类型为演出展示时必选）", "Activity performed at (for a performance)"),
                              kind: .select([.init(value: "", label: ctx.t("无", "None"))] + activities.map { .init(value: $0.id!.uuidString, label: time.dateTime($0.startsAt) + " " + $0.title) }),
                              value: form["activity"] ?? "", error: errors["activity"]),
                ], submit: ctx.t("记录", "Record")) : H.empty,
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
