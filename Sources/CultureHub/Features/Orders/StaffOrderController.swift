import Fluent
import Foundation
import Vapor

/// What can be done to an order, one POST each.
public enum OrderStep: String, Sendable, CaseIterable {
    case accept, propose, decline, withdraw, confirm, refuse, deliver, rate
}

/// One order: its history, and the forms for whichever side this account acts for (R3.3).
enum StaffOrderController {
    @Sendable static func show(req: Request) async throws -> Response {
        let (staff, order) = try await scoped(req)
        return try await render(req, staff: staff, order: order)
    }

    @Sendable static func step(req: Request, _ step: OrderStep) async throws -> Response {
        let (staff, order) = try await forStep(req)
        let form = try req.content.decode([String: String].self)
        let time = req.displayTime
        let lang = req.lang
        do {
            switch step {
            case .accept:
                try await OrderDesk.accept(order, schedule(form), by: staff, time: time, lang: lang, on: req.db)
                Flash.set(req, "已受理并安排活动，活动已出现在村里的活动日历上。活动结束后由村里确认送达。",
                          "Accepted and scheduled; the activity is on the village's calendar. The village confirms delivery afterwards.")
            case .propose:
                try await OrderDesk.propose(order, schedule(form), by: staff, time: time, lang: lang, on: req.db)
                Flash.set(req, "已向村里提议新的时间，等村里确认后自动生成活动。", "New date proposed; the activity is created once the village confirms.")
            case .decline:
                try await OrderDesk.decline(order, reason: form["reason"] ?? "", by: staff, now: req.now, lang: lang, on: req.db)
                Flash.set(req, "已婉拒，原因会告知村里，名额已退回菜单。", "Declined; the village sees your reason and the quantity is back on the menu.")
            case .withdraw:
                try await OrderDesk.withdraw(order, reason: form["reason"] ?? "", by: staff, now: req.now, lang: lang, on: req.db)
                Flash.set(req, "点单已撤回，名额已退回。", "Order withdrawn; the quantity is back on the menu.")
            case .confirm:
                try await OrderDesk.confirmProposal(order, by: staff, settings: req.settings, now: req.now, lang: lang, on: req.db)
                Flash.set(req, "已确认新的时间，活动已排进村里的活动日历。", "New date confirmed; the activity is on the village's calendar.")
            case .refuse:
                try await OrderDesk.refuseProposal(order, reason: form["reason"] ?? "", by: staff, now: req.now, lang: lang, on: req.db)
                Flash.set(req, "已告知场馆这个时间不合适，点单结束，名额已退回。需要时可以重新点单。",
                          "The venue has been told the date does not suit; the order has ended and you can order again.")
            case .deliver:
                try await OrderDesk.confirmDelivery(order, note: form["note"] ?? "", by: staff, now: req.now, lang: lang, on: req.db)
                Flash.set(req, "已确认送达。请为这次服务打个分，帮助场馆改进。", "Delivery confirmed. Please rate the service to help the venue improve.")
            case .rate:
                // The rating counts in the venue's satisfaction: only the ordering village's staff give it.
                try staff.require(.decideOrders, as: .village, on: order)
                let result = try await RatingDesk.rate(.order(order.id!), account: staff.account, score: form["score"], comment: form["comment"],
                                                       now: req.now, lang: lang, on: req.db)
                Flash.set(req, result.created ? "谢谢评价！评分计入场馆的满意度。" : "评价已修改。",
                          result.created ? "Thank you; the score counts towards the venue's satisfaction." : "Rating updated.")
            }
        } catch AppError.invalid(let errors) {
            return try await render(req, staff: staff, order: order, step: step, form: form, errors: errors)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, staff: staff, order: order, step: step, form: form, problem: error.message(lang))
        }
        return req.redirect(to: SiteURL.orders(.staffShow(.id(order.id!))).path)
    }

    /// The contact line in full, for the staff who must call about the visit: asked for by a
    /// deliberate action and logged, as a registrant's number is.
    @Sendable static func contact(req: Request) async throws -> Response {
        let (staff, order) = try await forStep(req)
        // Personal data for whoever arranges the visit: a side of the order that decides orders.
        try staff.require(.decideOrders)
        try staff.require(order.parties.contains(where: staff.scope.contains))
        try await AuditLog.record(action: "view.personal", entity: ServiceOrder.schema, entityID: order.id!.uuidString,
                                  summary: "order contact shown in full", on: req.db)
        let ctx = PageContext(req)
        let title = ctx.t("点单联系人", "Order contact")
        let phone = order.contact.firstMatch(of: /1[3-9][0-9]{9}/).map { String($0.output) }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [
            (ctx.t("点单", "Village orders"), SiteURL.orders(.staffIndex).path), (ctx.t("点单详情", "Order"), SiteURL.orders(.staffShow(.id(order.id!))).path), (title, nil)]), [
            H.h1(title),
            H.facts([(ctx.t("联系人和电话", "Contact"), H.text(order.contact)),
                     (ctx.t("拨打", "Call"), phone.map { H.el("a", [("href", "tel:" + $0)], H.text($0)) } ?? H.text("—"))]),
            H.p(ctx.t("为保护个人信息，这次查看已记入审计日志。请只为安排这次服务联系对方。",
                      "To protect personal data this view is recorded in the audit log. Use it only to arrange this visit."), cls: "warning"),
            H.a(ctx.t("返回点单", "Back to the order"), href: SiteURL.orders(.staffShow(.id(order.id!))).path, cls: "button"),
        ])
        let response = Layout.response(html)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    static func schedule(_ form: [String: String]) -> ScheduleInput {
        ScheduleInput(date: form["date"], starts: form["starts"], ends: form["ends"], location: form["location"],
                      registration: form["registration"], note: form["note"])
    }

    static func scoped(_ req: Request) async throws -> (Staff, ServiceOrder) {
        (try req.staff(), try await req.twoPartyRecord(ServiceOrder.self))
    }

    /// Every step is a write by one side, which `OrderDesk` checks (403 for anyone else).
    static func forStep(_ req: Request) async throws -> (Staff, ServiceOrder) {
        (try req.staff(), try await req.recordForDesk(ServiceOrder.self))
    }

    static func render(_ req: Request, staff: Staff, order: ServiceOrder, step: OrderStep? = nil, form: [String: String] = [:],
                       errors: FieldErrors = [:], problem: String? = nil) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let db = req.db
        let item = try await order.$serviceItem.get(on: db)
        let venue = try await order.$venue.get(on: db)
        let village = try await order.$village.get(on: db)
        let activity = try await order.$activity.get(on: db)
        let names = try await Account.query(on: db).filter(\.$id ~~ [order.orderedBy, order.decidedBy, order.deliveredBy].compactMap { $0 }).all()
        let name = { (id: UUID?) in id.flatMap { id in names.first { $0.id == id }?.displayName } ?? "—" }
        var rating: RatingPanel.Model?
        if order.status == .delivered {
            var model = try await RatingPanel.load(.order(order.id!), account: staff.account, formAction: SiteURL.orders(.staffStep(.id(order.id!), .rate)).path,
                                                   allURL: SiteURL.feedback(.venueRatings(.id(venue.id!))).path, signInURL: SiteURL.login.path,
                                                   now: req.now, time: req.displayTime, on: db)
            if step == .rate {
                model.scoreInput = form["score"] ?? ""
                model.commentInput = form["comment"] ?? ""
                model.errors = errors
                model.problem = problem
            }
            rating = model
        }
        let page = OrderPage(order: order, item: item, venue: venue, village: village, activity: activity,
                             orderedBy: name(order.orderedBy), decidedBy: name(order.decidedBy), deliveredBy: name(order.deliveredBy),
                             actsForVillage: staff.scope.acts(for: .village, on: order) && staff.may(.decideOrders),
                             actsForVenue: staff.scope.acts(for: .venue, on: order) && staff.may(.decideOrders),
                             rating: rating, step: step == .rate ? nil : step, form: form, errors: errors, problem: step == .rate ? nil : problem)
        let status: HTTPResponseStatus = (errors.isEmpty && problem == nil) ? .ok : (problem != nil ? .conflict : .unprocessableEntity)
        return Layout.response(OrderPageView.render(ctx, page, time: req.displayTime), status: status)
    }
}
