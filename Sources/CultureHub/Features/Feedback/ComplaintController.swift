import Fluent
import Foundation
import Vapor

/// A citizen's complaints and suggestions (R5.4): the form, their list, one with its history.
enum ComplaintController {
    struct Form: Content {
        var venue: String?
        var activity: String?
        var kind: String?
        var category: String?
        var text: String?
        var contact: String?
        var photo: File?
    }

    @Sendable static func new(req: Request) async throws -> Response {
        guard req.auth.get(Account.self) != nil else {
            return req.redirect(to: SiteURL.login.with([("next", req.url.string)]))
        }
        let form = Form(venue: req.query[String.self, at: "venue"], activity: req.query[String.self, at: "activity"], kind: "complaint",
                        category: nil, text: nil, contact: ContactPreference.online.rawValue, photo: nil)
        return try await render(req, form, errors: [:], status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", SiteURL.feedback(.complaintNew).path)])) }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        let kind: ComplaintKind? = check.choice("kind", form.kind)
        let category: ComplaintCategory? = check.choice("category", form.category)
        let contact: ContactPreference? = check.choice("contact", form.contact)
        let text = check.text("text", form.text, max: ComplaintDesk.maxText)
        let target = try await target(form, on: req.db)
        if target.venue == nil { check.fail("venue", "请从场馆或活动页面进入，选择投诉对象。", "Start from the venue's or activity's page to choose what this is about.") }
        guard check.isValid, let kind, let category, let contact, let venue = target.venue else {
            return try await render(req, form, errors: check.errors, status: .unprocessableEntity)
        }
        do {
            try await req.countFeedback(by: account)
        } catch let error as AppError {
            return try await render(req, form, errors: ["text": error.message(req.lang)], status: .tooManyRequests)
        }
        var photoPath: String?
        if let photo = form.photo, photo.data.readableBytes > 0 {
            do { photoPath = try Uploads.storeImage(photo, in: req.settings.dataDirectory, lang: req.lang) } catch AppError.invalid(let e) {
                return try await render(req, form, errors: e, status: .unprocessableEntity)
            }
        }
        let complaint = try await ComplaintDesk.submit(
            .init(kind: kind, category: category, venue: venue, activityID: target.activity?.id, text: text, photoPath: photoPath, contact: contact),
            account: account, calendar: req.settings.workingCalendar, workingDays: req.settings.complaintWorkingDays, now: req.now, on: req.db)
        let due = req.displayTime.dateTime(complaint.dueAt.addingTimeInterval(-60))
        Flash.set(req, "已提交，编号 \(complaint.reference)。\(venue.name)的主管单位会在 \(due) 前答复，进展可在这里查看。",
                  "Submitted as \(complaint.reference). The unit responsible for \(venue.name) will answer by \(due); follow it here.")
        return req.redirect(to: SiteURL.feedback(.myComplaint(.id(complaint.id!))).path)
    }

    private static func target(_ form: Form, on db: any Database) async throws -> (venue: Venue?, activity: Activity?) {
        if let id = form.activity.flatMap(UUID.init(uuidString:)), let activity = try await Activity.find(id, on: db) {
            return (try await Venue.find(activity.$venue.id, on: db), activity)
        }
        if let id = form.venue.flatMap(UUID.init(uuidString:)) { return (try await Venue.find(id, on: db), nil) }
        return (nil, nil)
    }

    private static func render(_ req: Request, _ form: Form, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let target = try await target(form, on: req.db)
        let title = ctx.t("投诉与建议", "Complaint or suggestion")
        let about: HNode
        if let venue = target.venue {
            about = H.facts([(ctx.t("对象", "About"), H.text([venue.name, target.activity?.title].compactMap { $0 }.joined(separator: " · ")))])
        } else {
            about = H.el("div", [("class", "error-summary"), ("role", "alert")], [
                H.p(ctx.t("请先找到要投诉或建议的场馆或活动，在它的页面上点“提交投诉或建议”。", "Find the venue or activity first, then use \"Make a complaint or suggestion\" on its page.")),
                H.a(ctx.t("查找场馆", "Find a venue"), href: SiteURL.venues(.index).path, cls: "button"),
            ])
        }
        let options: ([FormField.Option]) -> [FormField.Option] = { [.init(value: "", label: ctx.t("请选择", "Choose"))] + $0 }
        let fields = [
            FormField(name: "kind", label: ctx.t("类型", "Type"), kind: .select(ComplaintKind.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                      value: form.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "category", label: ctx.t("问题类别", "Category"), kind: .select(options(ComplaintCategory.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) })),
                      value: form.category ?? "", error: errors["category"], required: true),
            FormField(name: "text", label: ctx.t("具体情况", "What happened"), kind: .textarea, value: form.text ?? "", error: errors["text"],
                      hint: ctx.t("请写明时间、地点和经过，或您的建议（\(ComplaintDesk.maxText) 字以内）。", "When, where and what happened, or your suggestion (up to \(ComplaintDesk.maxText) characters)."),
                      required: true, maxLength: ComplaintDesk.maxText),
            FormField(name: "contact", label: ctx.t("希望的答复方式", "How to answer you"), kind: .select(ContactPreference.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                      value: form.contact ?? "", error: errors["contact"],
                      hint: ctx.t("选择电话联系时，工作人员会拨打您注册时的手机号。", "If you choose a call, staff ring the number you signed up with."), required: true),
        ]
        let errorList = errors.filter { $0.key != "venue" }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path),
                                                         .init(title: ctx.t("我的投诉与建议", "My complaints"), url: SiteURL.feedback(.myComplaints).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("提交后由被投诉场馆的主管单位受理，一般在 \(req.settings.complaintWorkingDays) 个工作日内答复。您可以随时查看办理进度；对答复不满意，可在 7 天内重新打开一次。",
                      "The unit responsible takes it up and normally answers within \(req.settings.complaintWorkingDays) working days. Follow progress any time; if the answer does not settle it, you can reopen it once within 7 days."), cls: "lead"),
            about,
            target.venue == nil ? H.empty : H.el("form", [("method", "post"), ("action", SiteURL.feedback(.complaintNew).path), ("enctype", "multipart/form-data"), ("class", "stack"), ("novalidate", "novalidate")], [
                errorList.isEmpty ? H.empty : H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                    H.h2(ctx.t("请修改以下 \(errorList.count) 处后再提交：", "Please correct \(errorList.count) field(s):")),
                    H.ul(fields.filter { $0.error != nil }.map { H.a("\($0.label)：\($0.error!)", href: "#" + $0.domID) }
                         + (errors["photo"].map { [H.a(ctx.t("照片：", "Photo: ") + $0, href: "#f-photo")] } ?? [])),
                ]),
                Forms.csrfField(ctx),
                H.void("input", [("type", "hidden"), ("name", "venue"), ("value", target.venue?.id?.uuidString ?? "")]),
                H.void("input", [("type", "hidden"), ("name", "activity"), ("value", target.activity?.id?.uuidString ?? "")]),
            ] + fields.map { Forms.field($0, ctx) } + [
                H.div("field", [H.el("label", [("for", "f-photo")], H.text(ctx.t("照片（选填，JPEG、PNG 或 WebP，不超过 5 MB）", "Photo (optional; JPEG, PNG or WebP, up to 5 MB)"))),
                                errors["photo"].map { H.p($0, cls: "field-error") } ?? H.empty,
                                H.void("input", [("type", "file"), ("id", "f-photo"), ("name", "photo"), ("accept", "image/jpeg,image/png,image/webp")])]),
                H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("提交", "Submit"))),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let ctx = PageContext(req)
        let time = req.displayTime
        let page = try await Complaint.query(on: req.db).filter(\.$account.$id == account.requireID()).with(\.$venue)
            .sort(\.$createdAt, .descending).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let rows: [[HNode]] = page.items.map { c in
            [H.a(c.reference, href: SiteURL.feedback(.myComplaint(.id(c.id!))).path), H.text(c.kind.label(ctx.lang) + " · " + c.category.label(ctx.lang)),
             H.text(c.venue.name), H.text(time.dateTime(c.createdAt)), ComplaintView.statusBadge(ctx, c, now: req.now)]
        }
        let title = ctx.t("我的投诉与建议", "My complaints and suggestions")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path), .init(title: title, url: nil)], [
            H.h1(title),
            rows.isEmpty ? Tables.empty(ctx.t("您还没有提交过投诉或建议。在场馆或活动页面上可以提交。", "You have not submitted any. Use the link on a venue's or activity's page."),
                                        action: H.a(ctx.t("查找场馆", "Find a venue"), href: SiteURL.venues(.index).path, cls: "button"))
                : Tables.table(caption: title, headers: [ctx.t("编号", "Reference"), ctx.t("类型", "Type"), ctx.t("对象", "About"), ctx.t("提交时间", "Submitted"), ctx.t("状态", "Status")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.feedback(.myComplaints).with([("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let complaint = try await mine(req)
        let ctx = PageContext(req, hasForm: true)
        var actions: [HNode] = []
        if complaint.status == .answered {
            actions.append(Forms.actionButton(ctx, action: SiteURL.feedback(.myComplaintClose(.id(complaint.id!))).path, title: ctx.t("问题已解决，办结", "Resolved: close it")))
        }
        if ComplaintDesk.reopenRefusal(complaint, now: req.now) == nil {
            actions.append(Forms.form(ctx, action: SiteURL.feedback(.myComplaintReopen(.id(complaint.id!))).path, fields: [
                FormField(name: "reason", label: ctx.t("对答复不满意？说明原因后可重新打开（仅一次，答复后 7 天内）", "Not settled? Say why and reopen it (once, within 7 days of the answer)"),
                          kind: .textarea, error: req.query[String.self, at: "error"] == "reason" ? ctx.t("请写明原因。", "Please give a reason.") : nil, required: true, maxLength: ComplaintDesk.maxText),
            ], submit: ctx.t("重新打开", "Reopen")))
        }
        let html = try await ComplaintView.page(ctx, complaint, now: req.now, time: req.displayTime, photoURL: SiteURL.feedback(.myComplaintPhoto(.id(complaint.id!))).path,
                                                crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path), .init(title: ctx.t("我的投诉与建议", "My complaints"), url: SiteURL.feedback(.myComplaints).path)], actions: actions, on: req.db)
        return Layout.response(html)
    }

    @Sendable static func reopen(req: Request) async throws -> Response {
        let complaint = try await mine(req)
        struct Form: Content { var reason: String? }
        do {
            try await ComplaintDesk.reopen(complaint, account: req.auth.require(Account.self), reason: req.content.decode(Form.self).reason ?? "",
                                           calendar: req.settings.workingCalendar, workingDays: req.settings.complaintWorkingDays, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已重新打开，主管单位会再次答复。", "Reopened; the unit will answer again.")
        } catch AppError.invalid {
            return req.redirect(to: SiteURL.feedback(.myComplaint(.id(complaint.id!))).with([("error", "reason")]) + "#f-reason")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.feedback(.myComplaint(.id(complaint.id!))).path)
    }

    @Sendable static func close(req: Request) async throws -> Response {
        let complaint = try await mine(req)
        do {
            try await ComplaintDesk.close(complaint, byStaff: false, actorID: req.auth.require(Account.self).requireID(), note: "",
                                          now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已办结，谢谢您的反馈。", "Closed. Thank you for your feedback.")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.feedback(.myComplaint(.id(complaint.id!))).path)
    }

    @Sendable static func photo(req: Request) async throws -> Response {
        let complaint = try await mine(req)
        guard let name = complaint.photoPath else { throw AppError.notFound }
        return try Uploads.response(for: name, settings: req.settings, cache: "private, max-age=3600")
    }

    /// Someone else's complaint is simply not found: its existence is not for others to learn.
    private static func mine(_ req: Request) async throws -> Complaint {
        try await req.ownRecord(Complaint.self)
    }
}
