import Fluent
import Foundation
import KPIMetrics
import Vapor

/// The order list for both sides, with what needs this account's action first, and the order form (R3.3).
enum StaffOrdersController {
    enum Filter: String, CaseIterable {
        case todo, overdue, pending, accepted, delivered, ended, all
        func label(_ lang: Lang) -> String {
            switch self {
            case .todo: lang.t("待我处理", "Needs my action"); case .overdue: lang.t("超期未受理", "Overdue")
            case .pending: lang.t("待受理", "Awaiting decision"); case .accepted: lang.t("已安排", "Scheduled")
            case .delivered: lang.t("已送达", "Delivered"); case .ended: lang.t("婉拒、撤回或取消", "Declined, withdrawn, cancelled")
            case .all: lang.t("全部", "All")
            }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let time = req.displayTime
        let filter = Filter(rawValue: req.query[String.self, at: "show"] ?? "") ?? .todo
        let scoped = { staff.scope.filter(ServiceOrder.query(on: req.db)) }
        let query = scoped().with(\.$serviceItem).with(\.$village).with(\.$venue)
        switch filter {
        case .todo: todo(query, scope: staff.scope, now: req.now).sort(\.$decisionDue)
        case .overdue: query.filter(\.$status == .pending).filter(\.$decisionDue < req.now).sort(\.$decisionDue)
        case .pending: query.filter(\.$status ~~ [.pending, .proposed]).sort(\.$decisionDue)
        case .accepted: query.filter(\.$status == .accepted).sort(\.$scheduledStartsAt)
        case .delivered: query.filter(\.$status == .delivered).sort(\.$deliveredAt, .descending)
        case .ended: query.filter(\.$status ~~ [.declined, .withdrawn, .cancelled]).sort(\.$orderedAt, .descending)
        case .all: query.sort(\.$orderedAt, .descending)
        }
        let page = try await query.paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let year = String(time.today.prefix(4))
        let stats = try await OrderStats.load(scoped, since: time.instant(day: year + "-01-01", minute: 0) ?? req.now, now: req.now, on: req.db)
        let rows: [[HNode]] = page.items.map { o in
            [H.a(o.serviceItem.title, href: SiteURL.orders(.staffShow(.id(o.id!))).path), H.text(o.village.name), H.text(o.venue.name),
             H.text("\(o.windowStart) – \(o.windowEnd)"), H.text(String(o.quantity) + o.serviceItem.unit),
             H.text(time.dateTime(o.orderedAt)), OrderView.statusBadge(ctx, o, now: req.now)]
        }
        let title = ctx.t("点单", "Village orders")
        let canOrder = staff.may(.decideOrders) && staff.scope.ownRegionPath != nil
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("村（社区）从各场馆的服务菜单中点单，场馆在 \(req.settings.orderWorkingDays) 个工作日内受理、婉拒或提议改期；活动结束后由村里确认送达并评价。",
                      "Villages order from venues' menus; the venue accepts, declines or proposes another date within \(req.settings.orderWorkingDays) working days; afterwards the village confirms delivery and rates it."), cls: "lead"),
            canOrder ? H.a(ctx.t("为村里点单", "Place an order"), href: SiteURL.orders(.staffNew).path, cls: "button primary") : H.empty,
            OrderView.stats(ctx, stats, year: year),
            H.el("p", [("class", "filters")], Filter.allCases.map {
                H.a($0.label(ctx.lang), href: SiteURL.orders(.staffIndex).with([("show", $0.rawValue)]), cls: "button small", current: $0 == filter)
            }),
            rows.isEmpty ? Tables.empty(emptyText(ctx, filter))
                : Tables.table(caption: title + " · " + filter.label(ctx.lang), headers: [ctx.t("服务项目", "Item"), ctx.t("村（社区）", "Village"),
                    ctx.t("提供场馆", "Venue"), ctx.t("希望时间", "Window"), ctx.t("数量", "Quantity"), ctx.t("点单时间", "Ordered"), ctx.t("状态", "Status")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.orders(.staffIndex).with([("show", filter.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    /// Venue side: orders to answer. Village side: proposals to confirm, deliveries to confirm.
    static func todo(_ query: QueryBuilder<ServiceOrder>, scope: Scope, now: Date) -> QueryBuilder<ServiceOrder> {
        query.group(.or) { or in
            or.group(.and) { scope.filter($0, side: .venue).filter(\.$status == .pending) }
            or.group(.and) { scope.filter($0, side: .village).filter(\.$status == .proposed) }
            or.group(.and) { scope.filter($0, side: .village).filter(\.$status == .accepted).filter(\.$scheduledEndsAt <= now) }
        }
    }

    static func emptyText(_ ctx: PageContext, _ filter: Filter) -> String {
        switch filter {
        case .todo: ctx.t("没有需要您处理的点单。", "No orders need your action.")
        case .overdue: ctx.t("没有超期未受理的点单。", "No order is overdue.")
        default: ctx.t("没有符合条件的点单。", "No orders match.")
        }
    }

    // MARK: - Ordering

    @Sendable static func new(req: Request) async throws -> Response {
        var input = OrderInput()
        input.item = req.query[String.self, at: "item"]
        input.quantity = "1"
        let account = try req.staff().account
        input.contact = account.displayName
        return try await form(req, input: input, errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        let input = try req.content.decode(OrderInput.self)
        do {
            let order = try await OrderDesk.place(input, by: staff, settings: req.settings, time: req.displayTime, lang: req.lang, on: req.db)
            Flash.set(req, "点单已提交，场馆应在 \(req.settings.orderWorkingDays) 个工作日内答复；有进展会显示在“待我处理”里。",
                      "Order placed. The venue should answer within \(req.settings.orderWorkingDays) working days; updates appear under Needs my action.")
            return req.redirect(to: SiteURL.orders(.staffShow(.id(order.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await form(req, input: input, errors: errors, status: .unprocessableEntity)
        }
    }

    static func form(_ req: Request, input: OrderInput, errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("为村里点单", "Place an order")
        let villages = try await staff.scope.filter(Region.query(on: req.db)).filter(\.$level == .village).sort(\.$code).limit(2000).all()
        let items = try await ServiceItem.query(on: req.db).filter(\.$orderable == true).filter(\.$active == true).with(\.$venue).sort(\.$title).limit(1000).all()
        let remaining = try await OrderStats.remainingNow(items, today: req.displayTime.today, on: req.db)
        let itemOptions: [FormField.Option] = items.map { item in
            let left = remaining[item.id!] ?? item.quantity
            return .init(value: item.id!.uuidString, label: "\(item.venue.name) · \(item.title)（" + ctx.t("\(item.period.zh)\(item.quantity)\(item.unit)，本期剩 \(left)\(item.unit)", "\(item.quantity) \(item.unit) \(item.period.en), \(left) left") + "）")
        }
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let body: HNode
        if villages.isEmpty || !staff.may(.decideOrders) {
            body = H.p(ctx.t("您的账号管辖范围内没有村（社区），不能点单。点单由村（社区）文化管理员或乡镇文化站代为提交。",
                             "There are no villages in your scope. Orders are placed by village staff or by a township on a village's behalf."), cls: "hint")
        } else if items.isEmpty {
            body = H.p(ctx.t("目前没有可以点单的服务项目。场馆在服务菜单中把项目设为“村（社区）可点单”后，会出现在这里。",
                             "No menu item can be ordered yet. Items appear here once a venue marks them as orderable."), cls: "hint")
        } else {
            body = Forms.form(ctx, action: SiteURL.orders(.staffNew).path, fields: [
                FormField(name: "item", label: ctx.t("服务项目", "Menu item"), kind: .select([choose] + itemOptions), value: input.item ?? "",
                          error: errors["item"] ?? errors["quantity"].flatMap { $0.contains("「") ? $0 : nil }, required: true),
                FormField(name: "village", label: ctx.t("为哪个村（社区）点单", "For which village"), kind: .select((villages.count == 1 ? [] : [choose]) + villages.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                          value: input.village ?? "", error: errors["village"], required: true),
                FormField(name: "quantity", label: ctx.t("数量（场、期或次）", "Quantity"), kind: .number, value: input.quantity ?? "",
                          error: errors["quantity"], hint: ctx.t("一次上门提供的数量，例如同一晚放映 2 场电影填 2。", "How many units on one visit, e.g. 2 film screenings in one evening."), required: true, inputmode: "numeric"),
                FormField(name: "windowStart", label: ctx.t("希望最早从哪天开始", "Earliest date"), kind: .date, value: input.windowStart ?? "", error: errors["windowStart"], required: true),
                FormField(name: "windowEnd", label: ctx.t("最晚到哪天", "Latest date"), kind: .date, value: input.windowEnd ?? "", error: errors["windowEnd"],
                          hint: ctx.t("时间窗口越宽，场馆越好安排；最长 \(OrderDesk.maxWindowDays) 天。", "A wider window is easier to schedule; at most \(OrderDesk.maxWindowDays) days."), required: true),
                FormField(name: "audience", label: ctx.t("预计观众（人）", "Expected audience"), kind: .number, value: input.audience ?? "", error: errors["audience"], required: true, inputmode: "numeric"),
                FormField(name: "contact", label: ctx.t("联系人和电话", "Contact name and phone"), value: input.contact ?? "", error: errors["contact"],
                          hint: ctx.t("场馆排期时会联系这个人。", "The venue calls this person to arrange the visit."), required: true, maxLength: 60),
                FormField(name: "notes", label: ctx.t("补充说明（选填）", "Notes (optional)"), kind: .textarea, value: input.notes ?? "", error: errors["notes"],
                          hint: ctx.t("例如场地条件、村里不方便的日子、观众以老人为主等。", "E.g. the space available, days that do not suit, who the audience will be."), maxLength: OrderDesk.maxText),
            ], submit: ctx.t("提交点单", "Place order"))
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("点单", "Village orders"), SiteURL.orders(.staffIndex).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("选择要点的服务项目和希望的时间。提交后名额先为您保留；场馆婉拒或您撤回时，名额会退回。",
                      "Choose the item and the dates you would like. The quantity is held for you once you order, and goes back if the venue declines or you withdraw."), cls: "lead"),
            body,
        ])
        return Layout.response(html, status: status)
    }
}
