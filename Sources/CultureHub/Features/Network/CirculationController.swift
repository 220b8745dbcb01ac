import Fluent
import Foundation
import Vapor

/// `/staff/circulation`: what a venue sent down its tree and what a branch holds, what is due
/// back and what is late; dispatch a batch; record its return (R1.3).
enum CirculationController {
    enum Filter: String, CaseIterable {
        case out, overdue, returned, all
        func label(_ lang: Lang) -> String {
            switch self {
            case .out: lang.t("在外未还", "Out"); case .overdue: lang.t("逾期未还", "Overdue")
            case .returned: lang.t("已归还", "Returned"); case .all: lang.t("全部", "All")
            }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: ["sentOn": req.displayTime.today, "dueBack": req.displayTime.day(after: 90), "quantity": "1"], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(CirculationInput.self)
        do {
            let c = try await CirculationDesk.dispatch(input, by: staff, today: req.displayTime.today, now: req.now,
                                                       lang: req.lang, on: req.db)
            Flash.set(req, "已登记发出，对方在“资源流转”页面能看到这批资源和归还日期 \(c.dueBack)。",
                      "Dispatch recorded; the branch sees it and its return date \(c.dueBack) on its circulation page.")
            return req.redirect(to: SiteURL.network(.staffCirculation).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let today = req.displayTime.today
        let filter = Filter(rawValue: req.query[String.self, at: "show"] ?? "") ?? .out
        let query = staff.scope.filter(Circulation.query(on: req.db)).with(\.$fromVenue).with(\.$toVenue)
        switch filter {
        case .out: query.filter(\.$returnedOn == nil).sort(\.$dueBack)
        case .overdue: query.filter(\.$returnedOn == nil).filter(\.$dueBack < today).sort(\.$dueBack)
        case .returned: query.filter(\.$returnedOn != nil).sort(\.$returnedOn, .descending)
        case .all: query.sort(\.$sentOn, .descending)
        }
        let page = try await query.paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let tree = try await CirculationDesk.tree(on: req.db)
        // Senders: venues in scope with something below them; receivers: everything below those.
        let senders = tree.values.filter { node in staff.scope.covers(node) && tree.values.contains { $0.parent == node.id } }.sorted { $0.name < $1.name }
        let receivers = tree.values.filter { node in senders.contains { CirculationDesk.isBelow(node.id, $0.id, in: tree) } }.sorted { $0.regionPath + $0.name < $1.regionPath + $1.name }
        let rows: [[HNode]] = page.items.map { c in
            let unit = ctx.t(c.kind.unit.zh, c.kind.unit.en)
            let state: HNode = c.isOverdue(today: today) ? H.span(ctx.t("逾期未还", "Overdue"), cls: "status-overdue")
                : c.isOut ? H.badge(ctx.t("在外", "Out"), tone: "warn") : H.badge(ctx.t("已归还", "Returned"), tone: "ok")
            return [H.a(c.kind.label(ctx.lang) + " · " + c.details, href: SiteURL.network(.staffCirculationItem(.id(c.id!))).path), H.text(c.fromVenue.name), H.text(c.toVenue.name),
                    H.text("\(c.quantity) \(unit)"), H.text(c.sentOn), H.text(c.dueBack), state]
        }
        let title = ctx.t("资源流转", "Resource circulation")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("总馆向分馆、服务点配送图书、巡回展览和设备，登记数量、发出和应还日期；分馆能看到手上有什么、什么时候要还。",
                      "Main venues send book batches, touring exhibitions and equipment to branches and service points, with counts and dates; each branch sees what it holds and when it is due back."), cls: "lead"),
            H.el("p", [("class", "filters")], Filter.allCases.map {
                H.a($0.label(ctx.lang), href: SiteURL.network(.staffCirculation).with([("show", $0.rawValue)]), cls: "button small", current: $0 == filter)
            }),
            rows.isEmpty ? Tables.empty(filter == .overdue ? ctx.t("没有逾期未还的资源。", "Nothing is overdue.") : ctx.t("没有符合条件的流转记录。", "No batches match."))
                : Tables.table(caption: title + " · " + filter.label(ctx.lang), headers: [ctx.t("资源", "What"), ctx.t("发出", "From"), ctx.t("接收", "To"),
                                                                                      ctx.t("数量", "Quantity"), ctx.t("发出日期", "Sent"), ctx.t("应还日期", "Due back"), ctx.t("状态", "State")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.network(.staffCirculation).with([("show", filter.rawValue), ("page", String($0))])
            },
            senders.isEmpty || !staff.role.may(.editRegistry) ? H.empty : H.section(labelledBy: "dispatch", title: ctx.t("登记发出", "Record a dispatch"), [
                Forms.form(ctx, action: SiteURL.network(.staffCirculation).path, fields: [
                    FormField(name: "from", label: ctx.t("发出场馆", "From"), kind: .select((senders.count == 1 ? [] : [choose]) + senders.map { .init(value: $0.id.uuidString, label: $0.name) }),
                              value: form["from"] ?? "", error: errors["from"], required: true),
                    FormField(name: "to", label: ctx.t("接收的分馆或服务点", "To (branch or service point)"), kind: .select([choose] + receivers.map { .init(value: $0.id.uuidString, label: $0.name) }),
                              value: form["to"] ?? "", error: errors["to"], required: true),
                    FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select([choose] + CirculationKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
                    FormField(name: "description", label: ctx.t("说明", "Description"), value: form["description"] ?? "", error: errors["description"],
                              hint: ctx.t("例如：少儿图书第 3 批；“黄河文化”图片展。", "E.g. children's books, batch 3; the Yellow River photo exhibition."), required: true, maxLength: 200),
                    FormField(name: "quantity", label: ctx.t("数量", "Quantity"), kind: .number, value: form["quantity"] ?? "", error: errors["quantity"], required: true),
                    FormField(name: "sentOn", label: ctx.t("发出日期", "Sent on"), kind: .date, value: form["sentOn"] ?? "", error: errors["sentOn"], required: true),
                    FormField(name: "dueBack", label: ctx.t("应还日期", "Due back"), kind: .date, value: form["dueBack"] ?? "", error: errors["dueBack"], required: true),
                ], submit: ctx.t("登记发出", "Record the dispatch")),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await renderItem(req, form: [:], errors: [:])
    }

    @Sendable static func returned(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The sender records the return (CirculationDesk); anyone else is refused with 403.
        let c = try await req.recordForDesk(Circulation.self)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(ReturnInput.self)
        do {
            try await CirculationDesk.recordReturn(c, input, by: staff, today: req.displayTime.today, lang: req.lang,
                                                   on: req.db)
            Flash.set(req, "已登记归还。", "Return recorded.")
            return req.redirect(to: SiteURL.network(.staffCirculationItem(.id(c.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderItem(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderItem(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        guard let c = try await Circulation.query(on: req.db).filter(\.$id == req.id()).with(\.$fromVenue).with(\.$toVenue).first(), staff.scope.canSee(c) else {
            throw AppError.notFound
        }
        let ctx = PageContext(req, hasForm: true)
        let today = req.displayTime.today
        let unit = ctx.t(c.kind.unit.zh, c.kind.unit.en)
        let title = c.kind.label(ctx.lang) + " · " + c.details
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("资源流转", "Circulation"), SiteURL.network(.staffCirculation).path), (title, nil)]), [
            H.h1(title),
            H.facts([
                (ctx.t("发出场馆", "From"), H.text(c.fromVenue.name)), (ctx.t("接收", "To"), H.text(c.toVenue.name)),
                (ctx.t("数量", "Quantity"), H.text("\(c.quantity) \(unit)")), (ctx.t("发出日期", "Sent"), H.text(c.sentOn)),
                (ctx.t("应还日期", "Due back"), c.isOverdue(today: today) ? H.span(c.dueBack + ctx.t("（已逾期）", " (overdue)"), cls: "status-overdue") : H.text(c.dueBack)),
                (ctx.t("归还", "Returned"), H.text(c.returnedOn.map { ctx.t("\($0) 归还 \(c.returnedQuantity ?? 0) \(unit)", "\(c.returnedQuantity ?? 0) \(unit) on \($0)") + (c.returnNote.isEmpty ? "" : "（\(c.returnNote)）") } ?? "—")),
            ]),
            c.isOut && staff.scope.sends(c) && staff.role.may(.editRegistry) ? H.section(labelledBy: "return", title: ctx.t("登记归还", "Record the return"), [
                Forms.form(ctx, action: SiteURL.network(.staffCirculationReturn(.id(c.id!))).path, fields: [
                    FormField(name: "returnedOn", label: ctx.t("归还日期", "Returned on"), kind: .date, value: form["returnedOn"] ?? today, error: errors["returnedOn"], required: true),
                    FormField(name: "returnedQuantity", label: ctx.t("归还数量", "Quantity returned"), kind: .number, value: form["returnedQuantity"] ?? String(c.quantity),
                              error: errors["returnedQuantity"], required: true),
                    FormField(name: "returnNote", label: ctx.t("说明（数量不足时必填）", "Note (required if some are missing)"), value: form["returnNote"] ?? "",
                              error: errors["returnNote"], maxLength: 200),
                ], submit: ctx.t("登记归还", "Record the return")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }
}

extension Scope {
    func covers(_ node: CirculationDesk.Node) -> Bool { contains(Party(regionPath: node.regionPath, venueID: node.id)) }
}
