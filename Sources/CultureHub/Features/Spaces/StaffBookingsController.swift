import Fluent
import Foundation
import Plot
import Vapor

/// Booking requests for the spaces in scope: approve with a rate, or decline with a reason.
enum StaffBookingsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let showAll = req.query[String.self, at: "all"] == "1"
        let query = staff.scope.filter(SpaceBooking.query(on: req.db)).with(\.$space).with(\.$venue)
        if !showAll { query.filter(\.$status == .pending).filter(\.$startsAt > req.now) }
        let page = try await query.sort(\.$startsAt).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let rows: [[HNode]] = page.items.map { b in
            let actions: HNode = b.status == .pending && ctx.canEdit ? H.group(
                H.el("form", [("method", "post"), ("action", SiteURL.spaces(.staffBookingApprove(.id(b.id!))).path), ("class", "inline")], [
                    Forms.csrfField(ctx),
                    H.el("label", [("for", "rate-\(b.id!)")], H.text(ctx.t("收费：", "Rate: "))),
                    H.el("select", [("name", "rate"), ("id", "rate-\(b.id!)")], BookingRate.allCases.map {
                        H.el("option", [("value", $0.rawValue), ("selected", $0 == b.rate ? "selected" : nil)], H.text($0.label(ctx.lang)))
                    }),
                    H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("批准", "Approve"))),
                ]),
                H.el("form", [("method", "post"), ("action", SiteURL.spaces(.staffBookingDecline(.id(b.id!))).path), ("class", "inline")], [
                    Forms.csrfField(ctx),
                    H.el("label", [("for", "reason-\(b.id!)")], H.text(ctx.t("不批准的原因：", "Reason for declining: "))),
                    H.void("input", [("type", "text"), ("name", "reason"), ("id", "reason-\(b.id!)"), ("maxlength", "200")]),
                    H.el("button", [("type", "submit"), ("class", "button small danger")], H.text(ctx.t("不批准", "Decline"))),
                ])) : H.text(b.status.label(ctx.lang) + (b.decisionReason.isEmpty ? "" : "：" + b.decisionReason))
            return [H.a(b.space.name, href: SiteURL.spaces(.show(.id(b.$space.id))).path), H.text(b.venue.name), H.text(time.span(b.startsAt, b.endsAt)),
                    H.text((b.teamName.isEmpty ? ctx.t("个人", "Individual") : b.teamName) + (b.teamID != nil ? ctx.t("（登记团队，团队价：\(b.rate.zh)）", " (team rate: \(b.rate.en))") : "")
                           + " · " + MobileNumber.masked(b.contactPhone)),
                    H.text(b.purpose + ctx.t("（\(b.attendees) 人）", " (\(b.attendees))")), actions]
        }
        let title = ctx.t("场地预约审核", "Space bookings")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(showAll ? ctx.t("全部预约记录。", "All bookings.") : ctx.t("待审核的预约申请，按时间先后排列。同一时段只能批准一个。", "Requests awaiting a decision, soonest first. Only one can be approved per slot."), cls: "lead"),
            H.a(showAll ? ctx.t("只看待审核", "Pending only") : ctx.t("查看全部记录", "All bookings"), href: SiteURL.spaces(.staffBookings).with([("all", showAll ? nil : "1")]), cls: "button"),
            rows.isEmpty ? Tables.empty(ctx.t("没有待审核的场地预约。", "No booking requests are waiting."))
                : Tables.table(caption: title, headers: [ctx.t("场地", "Space"), ctx.t("场馆", "Venue"), ctx.t("时间", "When"), ctx.t("申请人", "Requested by"),
                                                       ctx.t("用途", "Purpose"), ctx.t("审核", "Decision")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.spaces(.staffBookings).with([("all", showAll ? "1" : nil), ("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    @Sendable static func approve(req: Request) async throws -> Response {
        let booking = try await forWrite(req)
        struct Form: Content { var rate: String?; var fee: String? }
        let form = try req.content.decode(Form.self)
        let rate = BookingRate(rawValue: form.rate ?? "") ?? .free
        do {
            _ = try await BookingDesk.approve(booking.id!, rate: rate, feeFen: Money.fen(fromYuan: form.fee ?? "0") ?? 0, staffID: req.staff().account.id!,
                                              now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
            Flash.set(req, "已批准预约（\(rate.zh)），申请人会在“我的报名与预约”中看到。", "Approved (\(rate.en)). The requester sees it under My registrations.")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, "未能批准：" + error.message(.zh), "Could not approve: " + error.message(.en))
        }
        return req.redirect(to: SiteURL.spaces(.staffBookings).path)
    }

    @Sendable static func decline(req: Request) async throws -> Response {
        let booking = try await forWrite(req)
        struct Form: Content { var reason: String? }
        let reason = (try req.content.decode(Form.self).reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200 else {
            Flash.set(req, "不批准时请写明原因（200 字以内），申请人会看到。", "Give a reason (up to 200 characters); the requester will see it.")
            return req.redirect(to: SiteURL.spaces(.staffBookings).path)
        }
        try await BookingDesk.decline(booking, reason: reason, staffID: req.staff().account.id!, now: req.now, on: req.db)
        Flash.set(req, "已回复不批准，并告知了原因。", "Declined, with your reason.")
        return req.redirect(to: SiteURL.spaces(.staffBookings).path)
    }

    static func forWrite(_ req: Request) async throws -> SpaceBooking {
        let staff = try req.staff()
        guard let booking = try await SpaceBooking.find(req.id(), on: req.db) else { throw AppError.notFound }
        try staff.require(.editRegistry)
        try staff.scope.authorize(booking)
        return booking
    }
}
