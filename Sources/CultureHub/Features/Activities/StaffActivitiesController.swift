import Fluent
import Foundation
import Plot
import SQLKit
import Vapor

/// Staff pages for activities within scope: list, create, edit, registrations, proxy
/// registration, headcount, cancellation.
enum StaffActivitiesController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let venueFilter = req.query[String.self, at: "venue"].flatMap(UUID.init(uuidString:))
        let past = req.query[String.self, at: "when"] == "past"
        let pageNumber = max(1, req.query[Int.self, at: "page"] ?? 1)
        let query = staff.scope.filter(Activity.query(on: req.db))
        if let venueFilter { query.filter(\.$venue.$id == venueFilter) }
        if past { query.filter(\.$endsAt < req.now).sort(\.$startsAt, .descending) } else { query.filter(\.$endsAt >= req.now).sort(\.$startsAt) }
        let page = try await query.with(\.$venue).paginate(PageRequest(page: pageNumber, per: 20))
        let rows: [[HNode]] = page.items.map { a in
            [H.a(a.title, href: SiteURL.activities(.staffShow(.id(a.id!))).path), H.text(a.venue.name), H.text(time.span(a.startsAt, a.endsAt)),
             H.text(a.registration == .open ? (a.headcount.map { ctx.t("到场 \($0) 人", "\($0) attended") } ?? ctx.t("无需报名", "Open"))
                    : ctx.t("\(a.confirmedPlaces)/\(a.capacity)，候补 \(a.waitingPlaces)", "\(a.confirmedPlaces)/\(a.capacity), \(a.waitingPlaces) waiting")),
             H.text(a.status.label(ctx.lang)),
             a.registration == .required && a.status == .published ? H.a(ctx.t("扫码签到", "Check-in"), href: SiteURL.registrations(.staffCheckIn(.id(a.id!))).path) : H.empty]
        }
        let link = { (n: Int) in SiteURL.activities(.staffIndex).with([("venue", venueFilter?.uuidString), ("when", past ? "past" : nil), ("page", n > 1 ? String(n) : nil)]) }
        let title = ctx.t("活动管理", "Activities")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "actions")], [
                ctx.canEdit ? H.a(ctx.t("发布新活动", "New activity"), href: SiteURL.activities(.staffNew).with([("venue", venueFilter?.uuidString)]), cls: "button primary") : H.empty,
                H.text(" "),
                H.a(past ? ctx.t("看即将举行的", "Upcoming") : ctx.t("看已结束的", "Past"), href: SiteURL.activities(.staffIndex).with([("venue", venueFilter?.uuidString), ("when", past ? nil : "past")]), cls: "button"),
            ]),
            rows.isEmpty ? Tables.empty(past ? ctx.t("还没有已结束的活动。", "No past activities.")
                                             : ctx.t("近期没有安排活动。可以从服务菜单中选一个项目发布活动。", "Nothing scheduled. Publish an activity from a menu item."))
                : Tables.table(caption: past ? ctx.t("已结束的活动", "Past activities") : ctx.t("即将举行的活动", "Upcoming activities"), headers: [
                    ctx.t("活动", "Activity"), ctx.t("场馆", "Venue"), ctx.t("时间", "When"), ctx.t("报名", "Registrations"), ctx.t("状态", "Status"), ctx.t("操作", "Actions")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx, link: link),
        ])
        return Layout.response(html)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        var input = ActivityInput()
        input.venue = req.query[String.self, at: "venue"]
        return try await form(req, input: input, errors: [:], editing: nil)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(ActivityInput.self)
        let activity = Activity()
        do {
            _ = try await ActivityEditor.save(activity, input, by: req.staff(), settings: req.settings, time: req.displayTime, lang: req.lang, on: req.db)
        } catch AppError.invalid(let errors) {
            return try await form(req, input: input, errors: errors, editing: nil)
        }
        Flash.set(req, "活动“\(activity.title)”已发布，群众现在可以在活动列表中看到并报名。", "Published “\(activity.title)”. Citizens can now find it and register.")
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let activity = try await scoped(req)
        return try await form(req, input: ActivityInput(activity, time: req.displayTime), errors: [:], editing: activity)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        let input = try req.content.decode(ActivityInput.self)
        let promoted: [Registration]
        do {
            promoted = try await ActivityEditor.save(activity, input, by: req.staff(), settings: req.settings, time: req.displayTime, lang: req.lang, on: req.db)
        } catch AppError.invalid(let errors) {
            return try await form(req, input: input, errors: errors, editing: activity)
        }
        Flash.set(req, "已保存。" + (promoted.isEmpty ? "" : "增加的名额已按顺序给了 \(promoted.count) 位候补的人。"),
                  "Saved." + (promoted.isEmpty ? "" : " The new places went to \(promoted.count) people on the waiting list."))
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path)
    }

    @Sendable static func cancelActivity(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        let id = try activity.requireID()
        // Only the cancellation that changes the status gives back an order's quantity or a programme's show.
        let changed = try await req.db.writeTransaction { tx -> Bool in
            let rows = try await (tx as! any SQLDatabase).raw("""
                UPDATE activities SET status = \(bind: ActivityStatus.cancelled.rawValue)
                WHERE id = \(bind: id) AND status = \(bind: ActivityStatus.published.rawValue) RETURNING id
                """).all()
            guard !rows.isEmpty else { return false }
            try await OrderDesk.activityCancelled(id, on: tx)
            try await ProgrammeDesk.activityCancelled(activity, on: tx)
            try await AuditLog.record(action: "activity.cancel", entity: Activity.schema, entityID: id.uuidString, summary: activity.title, on: tx)
            return true
        }
        guard changed else {
            Flash.set(req, "这个活动已经取消过了。", "This activity was already cancelled.")
            return req.redirect(to: SiteURL.activities(.staffShow(.id(id))).path)
        }
        Flash.set(req, "活动已取消，公开页面会显示“已取消”；若是村里点的单，点单也随之结束。请通知已报名的人。",
                  "Activity cancelled; its page now says so, and an order it came from ends. Please tell those registered.")
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path)
    }

    /// Books lent at a mobile-library stop (R4.3), recorded once the stop has begun.
    @Sendable static func books(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        var check = FormCheck(req.lang)
        let books = check.int("books", try req.content.decode([String: String].self)["books"], min: 0, max: 100_000)
        if activity.kind != .mobileLibrary { check.fail("books", "只有流动图书活动记录借出图书。", "Only mobile-library stops record books lent.") }
        if activity.startsAt > req.now { check.fail("books", "这一站开始后才能记录。", "Record it once the stop has begun.") }
        guard check.isValid, let books else {
            Flash.set(req, "未保存：" + check.errors.values.joined(separator: " "), "Not saved: " + check.errors.values.joined(separator: " "))
            return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#books")
        }
        activity.booksLent = books
        try await req.db.writeTransaction { tx in try await activity.save(on: tx) }
        Flash.set(req, "已记录借出图书 \(books) 册。", "Recorded \(books) books lent.")
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path)
    }

    /// Village staff register a villager without a smartphone (R4.2), marked as proxy.
    @Sendable static func proxy(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        struct Form: Content { var name: String?; var phone: String?; var places: String? }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        let name = check.text("proxyName", form.name, max: 20)
        let raw = (form.phone ?? "").trimmingCharacters(in: .whitespaces)
        let phone = raw.isEmpty ? "" : MobileNumber.normalize(raw)
        if phone == nil { check.fail("proxyPhone", "请填写 11 位手机号，没有可不填。", "Enter an 11-digit mobile number, or leave it empty.") }
        let places = check.int("proxyPlaces", form.places, min: 1, max: req.settings.maxPartySize) ?? 1
        guard check.isValid else {
            Flash.set(req, "代报名未成功：" + check.errors.values.joined(separator: " "), "Proxy registration failed: " + check.errors.values.joined(separator: " "))
            return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#proxy")
        }
        do {
            let r = try await req.register(activityID: activity.id!, .proxy(name: name, phone: phone ?? "", by: req.staff().account), places: places)
            Flash.set(req, r.status == .confirmed ? "已为 \(name) 代报名成功。签到时报姓名即可，工作人员在名单中点“签到”。" : "名额已满，已为 \(name) 登记候补。",
                      r.status == .confirmed ? "Registered \(name). At the door staff check them in from the list." : "Full: \(name) is on the waiting list.")
        } catch let error as AppError {
            Flash.set(req, "代报名未成功：" + error.message(.zh), "Proxy registration failed: " + error.message(.en))
        }
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#registrations")
    }

    @Sendable static func cancelRegistration(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        guard try await Registration.query(on: req.db).filter(\.$id == req.id("registration")).filter(\.$activity.$id == activity.id!).first() != nil else {
            throw AppError.notFound
        }
        let (_, promoted) = try await RegistrationDesk.cancel(registrationID: req.id("registration"), byStaff: true, ownerID: nil, now: req.now, on: req.db)
        Flash.set(req, "已取消这条报名。" + (promoted.isEmpty ? "" : "候补的 \(promoted.count) 人已自动补上。"),
                  "Registration cancelled." + (promoted.isEmpty ? "" : " \(promoted.count) moved up from the waiting list."))
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#registrations")
    }

    /// A staff-entered headcount for an open activity, with an optional photo as evidence.
    @Sendable static func headcount(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        struct Form: Content { var headcount: String?; var photo: File? }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        let count = check.int("headcount", form.headcount, min: 0, max: 1_000_000)
        var stored: String?
        if let photo = form.photo, photo.data.readableBytes > 0 {
            do { stored = try Uploads.storeImage(photo, in: req.settings.dataDirectory, lang: req.lang) } catch AppError.invalid(let e) {
                for (k, v) in e { check.fail(k, v, v) }
            }
        }
        guard check.isValid, let count else {
            Flash.set(req, "未保存：" + check.errors.values.joined(separator: " "), "Not saved: " + check.errors.values.joined(separator: " "))
            return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#headcount")
        }
        activity.headcount = count
        if let stored { activity.headcountPhotoPath = stored }
        try await activity.save(on: req.db)
        Flash.set(req, "已记录到场 \(count) 人。", "Recorded \(count) attending.")
        return req.redirect(to: SiteURL.activities(.staffShow(.id(activity.id!))).path)
    }

    /// Sets or removes the activity's public photo (a poster or a picture of the venue).
    @Sendable static func photo(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        struct Form: Content { var photo: File?; var remove: String? }
        let form = try req.content.decode(Form.self)
        let back = SiteURL.activities(.staffShow(.id(activity.id!))).path + "#photo"
        if FormCheck.flag(form.remove) {
            activity.photoPath = nil
            try await activity.save(on: req.db)
            Flash.set(req, "已删除活动照片，活动页面不再显示照片。", "Photo removed; the activity page no longer shows one.")
            return req.redirect(to: back)
        }
        guard let file = form.photo, file.data.readableBytes > 0 else {
            Flash.set(req, "未保存：请先选择一张照片。", "Not saved: choose a photo first.")
            return req.redirect(to: back)
        }
        do {
            activity.photoPath = try Uploads.storeImage(file, in: req.settings.dataDirectory, lang: req.lang)
        } catch AppError.invalid(let errors) {
            Flash.set(req, "未保存：" + errors.values.joined(separator: " "), "Not saved: " + errors.values.joined(separator: " "))
            return req.redirect(to: back)
        }
        try await activity.save(on: req.db)
        Flash.set(req, "照片已上传，活动页面上会显示这张照片。", "Photo uploaded; it now shows on the activity page.")
        return req.redirect(to: back)
    }

    /// The full name and number of one registrant, for staff who must call them (a change of
    /// time, a cancellation). Asked for one at a time, by a deliberate action, and logged.
    @Sendable static func contact(req: Request) async throws -> Response {
        let activity = try await forWrite(req)
        guard let registration = try await Registration.query(on: req.db).filter(\.$id == req.id("registration"))
            .filter(\.$activity.$id == activity.id!).first() else { throw AppError.notFound }
        try await AuditLog.record(action: "view.personal", entity: Registration.schema, entityID: registration.id!.uuidString,
                                  summary: "full name and mobile number shown", on: req.db)
        let ctx = PageContext(req)
        let title = ctx.t("联系方式", "Contact details")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [
            (ctx.t("活动管理", "Activities"), SiteURL.activities(.staffIndex).path), (activity.title, SiteURL.activities(.staffShow(.id(activity.id!))).path), (title, nil)]), [
            H.h1(title),
            H.facts([(ctx.t("姓名", "Name"), H.text(registration.name)),
                      (ctx.t("手机号", "Mobile"), H.el("a", [("href", "tel:" + registration.phone)], H.text(registration.phone))),
                      (ctx.t("报名人数", "Places"), H.text(String(registration.places)))]),
            H.p(ctx.t("为保护个人信息，这次查看已记入审计日志。请只为本活动的通知使用，不要抄录或转发。",
                      "To protect personal data this view is recorded in the audit log. Use it only to contact them about this activity; do not copy or pass it on."), cls: "warning"),
            H.a(ctx.t("返回报名名单", "Back to the list"), href: SiteURL.activities(.staffShow(.id(activity.id!))).path + "#registrations", cls: "button"),
        ])
        let response = Layout.response(html)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    // MARK: - Lookup

    static func scoped(_ req: Request) async throws -> Activity { try await req.scopedRecord(Activity.self) }

    static func forWrite(_ req: Request) async throws -> Activity { try await req.scopedRecord(Activity.self, toWrite: .runEvents) }
}
