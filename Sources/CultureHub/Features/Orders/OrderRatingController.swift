import Fluent
import Foundation
import Vapor

/// `/orders/{id}/rating`: villagers rate a service their village ordered (R5.1), once it has
/// taken place. Staff of the village rate it on the order's staff page.
enum OrderRatingController {
    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, form: nil, errors: [:], problem: nil)
    }

    @Sendable static func rate(req: Request) async throws -> Response {
        guard let order = try await ServiceOrder.find(req.id(), on: req.db) else { throw AppError.notFound }
        let back = SiteURL.orders(.rating(.id(order.id!))).path
        guard let account = req.auth.get(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", back)])) }
        let form = try req.content.decode(RatingController.Form.self)
        do {
            try await req.countFeedback(by: account)
            let (_, created) = try await RatingDesk.rate(.order(order.id!), account: account, score: form.score, comment: form.comment,
                                                         now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, created ? "谢谢您的评价！评分计入提供服务的场馆的满意度，7 天内可以修改。" : "评价已修改。",
                      created ? "Thank you! The score counts towards the venue's satisfaction and can be changed for 7 days." : "Your rating was updated.")
            return req.redirect(to: back + "#ratings")
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, problem: nil)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, form: form, errors: [:], problem: error.message(req.lang))
        }
    }

    static func render(_ req: Request, form: RatingController.Form?, errors: FieldErrors, problem: String?) async throws -> Response {
        guard let order = try await ServiceOrder.query(on: req.db).filter(\.$id == req.id()).with(\.$serviceItem).with(\.$venue).with(\.$village).first(),
              order.status == .accepted || order.status == .delivered else { throw AppError.notFound }
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let path = SiteURL.orders(.rating(.id(order.id!))).path
        var panel = try await RatingPanel.load(.order(order.id!), account: req.auth.get(Account.self), formAction: path,
                                               allURL: SiteURL.feedback(.venueRatings(.id(order.$venue.id))).path, signInURL: SiteURL.login.with([("next", path)]),
                                               now: req.now, time: time, on: req.db)
        if let form {
            panel.scoreInput = form.score ?? ""
            panel.commentInput = form.comment ?? ""
        }
        panel.errors = errors
        panel.problem = problem
        let title = ctx.t("评价村里点的服务", "Rate a service your village ordered")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(order.village.name + ctx.t(" · ", " · ") + order.serviceItem.title),
            H.facts([
                (ctx.t("提供场馆", "Venue"), H.a(order.venue.name, href: SiteURL.venues(.show(.id(order.$venue.id))).path)),
                (ctx.t("时间", "When"), H.text(order.scheduledStartsAt.map(time.dateTime) ?? "—")),
                (ctx.t("活动", "Activity"), order.$activity.id.map { H.a(ctx.t("查看活动", "View the activity"), href: SiteURL.activities(.show(.id($0))).path) } ?? H.text("—")),
            ]),
            H.p(ctx.t("这是\(order.village.name)向\(order.venue.name)点单送到村里的服务。住在本村或到场签到的群众都可以评价。",
                      "\(order.village.name) ordered this service from \(order.venue.name). People who live there or checked in can rate it."), cls: "lead"),
            RatingPanel.render(ctx, panel, heading: ctx.t("评价", "Rating")),
        ])
        let status: HTTPResponseStatus = problem != nil ? .conflict : errors.isEmpty ? .ok : .unprocessableEntity
        return Layout.response(html, status: status)
    }
}
