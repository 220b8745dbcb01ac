import Fluent
import Foundation
import Plot
import QRCode
import Vapor

/// A citizen's own registrations and bookings, each confirmed place with its QR code (R4.2).
enum MyRegistrationsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let registrations = try await Registration.query(on: req.db).filter(\.$account.$id == account.id!)
            .join(Activity.self, on: \Registration.$activity.$id == \Activity.$id).sort(Activity.self, \.$startsAt, .descending).limit(200).all()
        let bookings = try await SpaceBooking.query(on: req.db).filter(\.$account.$id == account.id!).with(\.$space).with(\.$venue)
            .sort(\.$startsAt, .descending).limit(100).all()
        let rows: [[HNode]] = try registrations.map { r in
            let a = try r.joined(Activity.self)
            let status = displayStatus(r, activity: a, now: req.now, lang: ctx.lang)
            return [H.a(a.title, href: SiteURL.activities(.show(.id(a.id!))).path), H.text(time.span(a.startsAt, a.endsAt)),
                    H.text(String(r.places)), H.text(status),
                    r.status.isActive ? H.a(r.status == .confirmed ? ctx.t("签到码", "Check-in code") : ctx.t("详情", "Details"),
                                           href: SiteURL.registrations(.show(.id(r.id!))).path) : H.empty]
        }
        let bookingRows: [[HNode]] = bookings.map { b in
            [H.a(b.space.name, href: SiteURL.spaces(.show(.id(b.$space.id))).path), H.text(b.venue.name), H.text(time.span(b.startsAt, b.endsAt)),
             H.text(b.status.label(ctx.lang) + (b.decisionReason.isEmpty ? "" : ctx.t("：", ": ") + b.decisionReason)),
             (b.status == .pending || b.status == .approved) && b.startsAt > req.now
                ? Forms.actionButton(ctx, action: SiteURL.spaces(.myBookingCancel(.id(b.id!))).path, title: ctx.t("取消预约", "Cancel booking"),
                                     confirm: ctx.t("确定取消这次场地预约吗？", "Cancel this booking?")) : H.empty]
        }
        let title = ctx.t("我的报名与预约", "My registrations and bookings")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.section(labelledBy: "regs", title: ctx.t("活动报名", "Activity registrations"), [
                rows.isEmpty ? Tables.empty(ctx.t("您还没有报名任何活动。", "You have not registered for any activity yet."),
                                            action: H.a(ctx.t("去看看近期活动", "See upcoming activities"), href: SiteURL.activities(.index).path, cls: "button primary"))
                    : Tables.table(caption: ctx.t("我报名的活动", "Activities I registered for"), headers: [
                        ctx.t("活动", "Activity"), ctx.t("时间", "When"), ctx.t("人数", "Places"), ctx.t("状态", "Status"), ctx.t("操作", "Actions")], rows: rows),
            ]),
            H.section(labelledBy: "bookings", title: ctx.t("场地预约", "Space bookings"), [
                bookingRows.isEmpty ? Tables.empty(ctx.t("您还没有预约过场地。可在场馆页面的“活动场地”中选择可预约的场地。",
                                                          "No bookings yet. Bookable spaces are listed on each venue's page."))
                    : Tables.table(caption: ctx.t("我的场地预约", "My bookings"), headers: [
                        ctx.t("场地", "Space"), ctx.t("场馆", "Venue"), ctx.t("时间", "When"), ctx.t("状态", "Status"), ctx.t("操作", "Actions")], rows: bookingRows),
            ]),
        ])
        return Layout.response(html)
    }

    static func displayStatus(_ r: Registration, activity: Activity, now: Date, lang: Lang) -> String {
        if r.checkedInAt != nil { return lang.t("已签到", "Checked in") }
        if activity.hasEnded(at: now) && r.status == .confirmed { return RegistrationStatus.noShow.label(lang) }
        return r.status.label(lang)
    }

    /// One registration as a ticket: QR code, what to bring, cancel button; prints on one page.
    @Sendable static func show(req: Request) async throws -> Response {
        let (registration, activity) = try await mine(req)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let venue = try await Venue.find(activity.$venue.id, on: req.db)
        var body: [HNode] = [
            H.h1(activity.title),
            H.facts([
                (ctx.t("时间", "When"), H.text(time.span(activity.startsAt, activity.endsAt))),
                (ctx.t("地点", "Where"), H.text([venue?.name, activity.location].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))),
                (ctx.t("报名人", "Name"), H.text(PersonalData.person(name: registration.name, phone: registration.phone))),
                (ctx.t("人数", "Places"), H.text(String(registration.places))),
                (ctx.t("状态", "Status"), H.text(registration.checkedInAt != nil ? ctx.t("已签到", "Checked in") : registration.status.label(ctx.lang))),
            ]),
        ]
        if registration.status == .confirmed && registration.checkedInAt == nil {
            let token = CheckInToken(registrationID: registration.id!).encoded(key: try await req.checkInKey())
            let url = req.settings.baseURL + SiteURL.registrations(.checkInLink(token)).path
            let svg = try QRCode.encode(url).svg(moduleSize: 6, title: ctx.t("签到二维码", "Check-in QR code"))
            body += [
                H.el("figure", [("class", "qr-ticket")], [
                    .raw(svg),
                    H.el("figcaption", [], [H.p(ctx.t("入场时请出示此二维码，工作人员扫码签到。", "Show this code at the entrance; staff scan it to check you in.")),
                                            H.p(ctx.t("签到码：", "Code: ") + token, cls: "code-text")]),
                ]),
                H.el("p", [("class", "actions no-print")], [
                    H.el("button", [("type", "button"), ("class", "button"), ("data-print", "1")], H.text(ctx.t("打印签到码", "Print"))), H.text(" "),
                    H.a(ctx.t("下载图片", "Download image"), href: SiteURL.registrations(.qr(.id(registration.id!))).path, cls: "button"),
                ]),
            ]
        } else if registration.status == .waitlisted {
            body.append(H.p(ctx.t("您在候补名单中。有人取消时会按报名先后自动补上，届时这里会显示签到码。",
                                  "You are on the waiting list. When someone cancels you move up in order, and your code appears here.")))
        }
        if registration.status.isActive && registration.checkedInAt == nil {
            body.append(activity.canCancel(at: req.now)
                ? Forms.actionButton(ctx, action: SiteURL.registrations(.cancel(.id(registration.id!))).path, title: ctx.t("取消报名", "Cancel registration"),
                                     danger: true, confirm: ctx.t("确定取消报名吗？名额会让给候补的人。", "Cancel? Your place goes to the waiting list."))
                : H.p(ctx.t("已过取消截止时间。如不能参加，请联系主办场馆：\(venue?.phone ?? "")", "The cancellation deadline has passed. If you cannot come, call the venue: \(venue?.phone ?? "")"), cls: "hint"))
        }
        let crumbs: [Layout.Crumb] = [.init(title: ctx.t("我的报名与预约", "My registrations"), url: SiteURL.registrations(.index).path), .init(title: activity.title, url: nil)]
        return Layout.response(Layout.page(ctx, title: activity.title, crumbs: crumbs, body))
    }

    @Sendable static func qrPNG(req: Request) async throws -> Response {
        let (registration, _) = try await mine(req)
        guard registration.status == .confirmed else { throw AppError.notFound }
        let token = CheckInToken(registrationID: registration.id!).encoded(key: try await req.checkInKey())
        let png = try QRCode.encode(req.settings.baseURL + SiteURL.registrations(.checkInLink(token)).path).png(moduleSize: 8)
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: Data(png)))
    }

    @Sendable static func cancel(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let id = try req.id()
        do {
            let (_, _) = try await RegistrationDesk.cancel(registrationID: id, byStaff: false, ownerID: account.id!, now: req.now, on: req.db)
            Flash.set(req, "已取消报名。名额已让给候补的人；如需参加可重新报名。", "Registration cancelled. Your place went to the waiting list; you may register again.")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.registrations(.index).path)
    }

    @Sendable static func cancelBooking(req: Request) async throws -> Response {
        let booking = try await req.ownRecord(SpaceBooking.self)
        guard booking.status == .pending || booking.status == .approved else {
            throw AppError.conflict(zh: "这条预约已经处理过了。", en: "This booking has already been decided.")
        }
        booking.status = .cancelled
        try await booking.save(on: req.db)
        Flash.set(req, "已取消场地预约。", "Booking cancelled.")
        return req.redirect(to: SiteURL.registrations(.index).path)
    }

    private static func mine(_ req: Request) async throws -> (Registration, Activity) {
        let registration = try await req.ownRecord(Registration.self)
        guard let activity = try await Activity.find(registration.$activity.id, on: req.db) else { throw AppError.notFound }
        return (registration, activity)
    }
}
