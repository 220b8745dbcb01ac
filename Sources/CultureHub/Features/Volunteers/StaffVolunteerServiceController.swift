import Fluent
import Foundation
import Vapor

/// Staff side of volunteer service (R6.1): recruitment posts and their rosters (check in and
/// out, confirm, evaluate), the queue of hours to confirm, and each volunteer's record.
enum StaffVolunteerServiceController {
    @Sendable static func posts(req: Request) async throws -> Response {
        try await renderPosts(req, form: [:], errors: [:])
    }

    @Sendable static func createPost(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(VolunteerPostInput.self)
        do {
            let post = try await VolunteerServiceDesk.createPost(input, by: req.staff(), now: req.now,
                                                                 time: req.displayTime, lang: req.lang, on: req.db)
            Flash.set(req, "已发布招募“\(post.title)”，\(post.slots) 个名额。组织的志愿者可以在“志愿服务岗位”页面报名。",
                      "“\(post.title)” posted with \(post.slots) slots; the organisation's volunteers can sign up now.")
            return req.redirect(to: SiteURL.volunteers(.staffPost(.id(post.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderPosts(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderPosts(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let past = req.query[String.self, at: "past"] == "1"
        let query = staff.scope.filter(VolunteerPost.query(on: req.db)).with(\.$org)
        if past { query.filter(\.$startsAt <= req.now).sort(\.$startsAt, .descending) } else { query.filter(\.$startsAt > req.now).sort(\.$startsAt) }
        let page = try await query.sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let orgs = try await staff.scope.filter(VolunteerOrg.query(on: req.db)).sort(\.$name).all()
        let activities = try await staff.scope.filter(Activity.query(on: req.db)).filter(\.$startsAt > req.now).filter(\.$status != .cancelled)
            .sort(\.$startsAt).limit(100).all()
        let title = ctx.t("志愿服务招募", "Recruitment posts")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let rows: [[HNode]] = page.items.map { p in
            [H.a(p.title, href: SiteURL.volunteers(.staffPost(.id(p.id!))).path), H.text(p.org.name), H.text(time.span(p.startsAt, p.endsAt)), H.text("\(p.taken) / \(p.slots)")]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("志愿者管理", "Volunteers"), SiteURL.volunteers(.staffIndex).path), (title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "filters")], [
                H.a(ctx.t("即将开始", "Upcoming"), href: SiteURL.volunteers(.staffPosts).path, cls: "button small", current: !past),
                H.a(ctx.t("已开始或结束", "Started or past"), href: SiteURL.volunteers(.staffPosts).with([("past", "1")]), cls: "button small", current: past),
            ]),
            rows.isEmpty ? Tables.empty(past ? ctx.t("还没有已开始的招募。", "No past posts.") : ctx.t("没有即将开始的招募，可以在下面发布。", "No upcoming posts; publish one below."))
                : Tables.table(caption: title, headers: [ctx.t("岗位", "Post"), ctx.t("组织", "Organisation"), ctx.t("时间", "When"), ctx.t("已报名 / 名额", "Signed up / slots")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.volunteers(.staffPosts).with([("past", past ? "1" : nil), ("page", String($0))])
            },
            staff.role.may(.editRegistry) && !orgs.isEmpty ? H.section(labelledBy: "new-post", title: ctx.t("发布招募", "Publish a post"), [
                H.p(ctx.t("可以为某场活动招募（不填日期和时间时沿用活动的时间），也可以单独招募。", "Recruit for an activity (its time is used if you leave date and times empty) or on its own."), cls: "hint"),
                Forms.form(ctx, action: SiteURL.volunteers(.staffPosts).path, fields: [
                    FormField(name: "org", label: ctx.t("志愿服务组织", "Organisation"), kind: .select([choose] + orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["org"] ?? "", error: errors["org"], required: true),
                    FormField(name: "activity", label: ctx.t("关联活动（选填）", "For activity (optional)"),
                              kind: .select([.init(value: "", label: ctx.t("不关联活动", "None"))] + activities.map { .init(value: $0.id!.uuidString, label: time.dateTime($0.startsAt) + " " + $0.title) }),
                              value: form["activity"] ?? "", error: errors["activity"]),
                    FormField(name: "title", label: ctx.t("岗位名称", "Post"), value: form["title"] ?? "", error: errors["title"], hint: ctx.t("例如：演出现场引导员", "e.g. usher at the show"), required: true, maxLength: 40),
                    FormField(name: "duties", label: ctx.t("职责和要求", "Duties and requirements"), kind: .textarea, value: form["duties"] ?? "", error: errors["duties"], required: true, maxLength: 300),
                    FormField(name: "place", label: ctx.t("地点", "Where"), value: form["place"] ?? "", error: errors["place"], maxLength: 60),
                    FormField(name: "date", label: ctx.t("日期", "Date"), kind: .date, value: form["date"] ?? "", error: errors["date"]),
                    FormField(name: "starts", label: ctx.t("开始时间", "Starts"), kind: .time, value: form["starts"] ?? "", error: errors["starts"]),
                    FormField(name: "ends", label: ctx.t("结束时间", "Ends"), kind: .time, value: form["ends"] ?? "", error: errors["ends"]),
                    FormField(name: "slots", label: ctx.t("名额", "Slots"), kind: .number, value: form["slots"] ?? "", error: errors["slots"], required: true, maxLength: 3),
                ], submit: ctx.t("发布招募", "Publish")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func post(req: Request) async throws -> Response {
        let post = try await req.scopedRecord(VolunteerPost.self)
        try await post.$org.load(on: req.db)
        try await post.$activity.load(on: req.db)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let roster = try await VolunteerShift.query(on: req.db).filter(\.$post.$id == post.requireID()).filter(\.$cancelled == false).with(\.$account).sort(\.$createdAt).all()
        let rows: [[HNode]] = roster.map { s in
            [H.a(PersonalData.name(s.account.displayName), href: SiteURL.volunteers(.staffPerson(.id(s.$account.id))).path),
             H.text(s.checkedInAt.map { req.displayTime.dateTime($0) } ?? "—"), H.text(s.checkedOutAt.map { req.displayTime.dateTime($0) } ?? "—"),
             H.text(s.hoursState == .none ? "—" : VolunteerRecord.hours(s.minutes) + " · " + s.hoursState.label(ctx.lang)),
             ctx.canEdit ? actions(ctx, s) : H.empty]
        }
        let html = Layout.page(ctx, title: post.title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("志愿服务招募", "Recruitment posts"), SiteURL.volunteers(.staffPosts).path), (post.title, nil)]), [
            H.h1(post.title),
            H.facts([(ctx.t("组织", "Organisation"), H.text(post.org.name)), (ctx.t("时间", "When"), H.text(time.span(post.startsAt, post.endsAt))),
                     (ctx.t("地点", "Where"), H.text(post.place.isEmpty ? "—" : post.place)), (ctx.t("名额", "Slots"), H.text(ctx.t("已报名 \(post.taken) / \(post.slots)", "\(post.taken) of \(post.slots) taken"))),
                     (ctx.t("职责和要求", "Duties"), H.text(post.duties)),
                     (ctx.t("关联活动", "Activity"), post.activity.map { H.a($0.title, href: SiteURL.activities(.show(.id($0.id!))).path) } ?? H.text("—"))]),
            H.section(labelledBy: "roster", title: ctx.t("报名的志愿者", "Volunteers signed up"), [
                H.p(ctx.t("服务开始前 2 小时起可签到；签退后时长进入待确认，确认后计入志愿者的服务记录。", "Check-in opens 2 hours before; after check-out the hours wait for your confirmation."), cls: "hint"),
                rows.isEmpty ? Tables.empty(ctx.t("还没有志愿者报名。", "Nobody has signed up yet."))
                    : Tables.table(caption: ctx.t("报名名单", "Roster"), headers: [ctx.t("志愿者", "Volunteer"), ctx.t("签到", "In"), ctx.t("签退", "Out"), ctx.t("时长（小时）", "Hours"), ctx.t("操作", "Action")], rows: rows),
            ]),
        ])
        return Layout.response(html)
    }

    /// The next steps for one shift, in the order they happen.
    static func actions(_ ctx: PageContext, _ s: VolunteerShift) -> HNode {
        let id = Ref.id(s.id!)
        if s.checkedInAt == nil && !s.isManual {
            return Forms.actionButton(ctx, action: SiteURL.volunteers(.staffShift(id, .checkin)).path, title: ctx.t("签到", "Check in"))
        }
        if s.checkedOutAt == nil && !s.isManual {
            return Forms.actionButton(ctx, action: SiteURL.volunteers(.staffShift(id, .checkout)).path, title: ctx.t("签退", "Check out"))
        }
        if s.hoursState == .pending { return decideForms(ctx, s) }
        if s.hoursState == .confirmed && s.rating == nil {
            return H.el("form", [("method", "post"), ("action", SiteURL.volunteers(.staffShift(id, .rate)).path), ("class", "inline")], [
                Forms.csrfField(ctx),
                H.el("label", [("for", "rating-\(s.id!)")], H.text(ctx.t("评价", "Evaluation"))),
                H.el("select", [("name", "rating"), ("id", "rating-\(s.id!)")], (1...5).reversed().map { H.el("option", [("value", String($0))], H.text(String(repeating: "★", count: $0))) }),
                H.void("input", [("type", "text"), ("name", "ratingNote"), ("maxlength", "200"), ("aria-label", ctx.t("评价说明", "Note"))]),
                H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("保存评价", "Save"))),
            ])
        }
        return H.text(s.rating.map { String(repeating: "★", count: $0) + (s.ratingNote.isEmpty ? "" : " " + s.ratingNote) } ?? s.decisionReason)
    }

    static func decideForms(_ ctx: PageContext, _ s: VolunteerShift, fromQueue: Bool = false) -> HNode {
        let id = Ref.id(s.id!)
        let back: HNode = fromQueue ? H.void("input", [("type", "hidden"), ("name", "back"), ("value", "hours")]) : H.empty
        return H.group(
            H.el("form", [("method", "post"), ("action", SiteURL.volunteers(.staffShift(id, .confirm)).path), ("class", "inline")], [
                Forms.csrfField(ctx), back,
                H.el("label", [("for", "hours-\(s.id!)")], H.text(ctx.t("认定时长", "Hours"))),
                H.void("input", [("type", "text"), ("inputmode", "decimal"), ("name", "hours"), ("id", "hours-\(s.id!)"), ("size", "4"), ("value", VolunteerRecord.hours(s.minutes))]),
                H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("确认时长", "Confirm"))),
            ]),
            H.el("form", [("method", "post"), ("action", SiteURL.volunteers(.staffShift(id, .decline)).path), ("class", "inline")], [
                Forms.csrfField(ctx), back,
                H.void("input", [("type", "text"), ("name", "reason"), ("maxlength", "200"), ("aria-label", ctx.t("不予认定的原因", "Reason for not accepting"))]),
                H.el("button", [("type", "submit"), ("class", "button small danger")], H.text(ctx.t("不予认定", "Do not accept"))),
            ]))
    }

    static func shiftAction(req: Request, _ action: ShiftAction) async throws -> Response {
        let staff = try req.staff()
        guard let shift = try await VolunteerShift.find(req.id(), on: req.db) else { throw AppError.notFound }
        let form = try req.content.decode([String: String].self)
        let back = shift.$post.id.map { SiteURL.volunteers(.staffPost(.id($0))).path } ?? SiteURL.volunteers(.staffHours).path
        do {
            switch action {
            case .checkin:
                try await VolunteerServiceDesk.checkIn(shift, by: staff, now: req.now, on: req.db)
                Flash.set(req, "已签到。", "Checked in.")
            case .checkout:
                try await VolunteerServiceDesk.checkOut(shift, by: staff, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
                Flash.set(req, "已签退，服务 \(VolunteerRecord.hours(shift.minutes)) 小时，请确认时长。", "Checked out after \(VolunteerRecord.hours(shift.minutes)) h; confirm the hours.")
            case .confirm, .decline:
                try await VolunteerServiceDesk.decideHours(shift, approve: action == .confirm, hours: form["hours"], reason: form["reason"] ?? "",
                                                           by: staff, now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, action == .confirm ? "已确认 \(VolunteerRecord.hours(shift.minutes)) 小时，计入志愿者的服务记录。" : "已告知志愿者不予认定的原因。",
                          action == .confirm ? "\(VolunteerRecord.hours(shift.minutes)) h confirmed on the volunteer's record." : "The volunteer has been told why.")
            case .rate:
                try await VolunteerServiceDesk.rate(shift, stars: form["rating"], note: form["ratingNote"], by: staff, lang: req.lang, on: req.db)
                Flash.set(req, "评价已保存，志愿者可以看到。", "Evaluation saved; the volunteer sees it.")
            }
        } catch let error as AppError {
            guard let message = error.userMessage else { throw error }
            Flash.set(req, message.zh, message.en)
        }
        return req.redirect(to: form["back"] == "hours" ? SiteURL.volunteers(.staffHours).path : back)
    }

    @Sendable static func hours(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let page = try await staff.scope.filter(VolunteerShift.query(on: req.db)).filter(\.$hoursState == .pending).filter(\.$cancelled == false)
            .with(\.$account).with(\.$org).with(\.$post).sort(\.$startsAt).sort(\.$id)
            .paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let title = ctx.t("待确认的服务时长", "Hours to confirm")
        let rows: [[HNode]] = page.items.map { s in
            [H.a(PersonalData.name(s.account.displayName), href: SiteURL.volunteers(.staffPerson(.id(s.$account.id))).path), H.text(s.org.name),
             H.text(s.post?.title ?? ctx.t("自行登记：", "Entered: ") + s.note), H.text(time.span(s.startsAt, s.endsAt)), H.text(VolunteerRecord.hours(s.minutes)),
             ctx.canEdit ? decideForms(ctx, s, fromQueue: true) : H.empty]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("志愿者管理", "Volunteers"), SiteURL.volunteers(.staffIndex).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("签退后的岗位时长和志愿者自行登记的服务，按时间先后排列。可以按实际情况少认定时长，不予认定时请写明原因。",
                      "Hours from check-outs and volunteers' own entries, oldest first. You may confirm fewer hours; give a reason when you do not accept them."), cls: "lead"),
            rows.isEmpty ? Tables.empty(ctx.t("没有等待确认的服务时长。", "No hours are waiting."))
                : Tables.table(caption: title, headers: [ctx.t("志愿者", "Volunteer"), ctx.t("组织", "Organisation"), ctx.t("内容", "What"), ctx.t("时间", "When"), ctx.t("申报时长", "Hours"), ctx.t("确认", "Decision")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.volunteers(.staffHours).with([("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    @Sendable static func person(req: Request) async throws -> Response {
        try await renderPerson(req, form: [:], errors: [:])
    }

    @Sendable static func addHonour(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(HonourInput.self)
        let accountID = try req.id()
        do {
            let honour = try await VolunteerServiceDesk.addHonour(input, accountID: accountID, by: staff,
                                                                  now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已记录表彰“\(honour.title)”，会显示在志愿者的服务证明上。", "“\(honour.title)” recorded; it shows on the certificate.")
            return req.redirect(to: SiteURL.volunteers(.staffPerson(.id(accountID))).path)
        } catch AppError.invalid(let errors) {
            return try await renderPerson(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func personCertificate(req: Request) async throws -> Response {
        let (account, _) = try await personInScope(req)
        let record = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        return VolunteerCertificate.response(req, record: record, back: SiteURL.volunteers(.staffPerson(.id(account.id!))).path)
    }

    /// A volunteer is in a staff member's scope when they belong to an organisation there.
    private static func personInScope(_ req: Request) async throws -> (Account, [VolunteerOrg]) {
        let staff = try req.staff()
        guard let account = try await Account.find(req.id(), on: req.db) else { throw AppError.notFound }
        let orgs = try await VolunteerApplication.query(on: req.db).filter(\.$account.$id == account.requireID()).filter(\.$status == .approved).with(\.$org).all()
            .map(\.org).filter { staff.scope.contains($0) }
        guard !orgs.isEmpty else { throw AppError.notFound }
        return (account, orgs)
    }

    static func renderPerson(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let (account, orgs) = try await personInScope(req)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let record = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        let name = PersonalData.name(account.displayName)
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let html = Layout.page(ctx, title: name, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("志愿者管理", "Volunteers"), SiteURL.volunteers(.staffIndex).path), (name, nil)]), [
            H.h1(ctx.t("志愿者 ", "Volunteer ") + name),
            H.facts([
                (ctx.t("已确认时长", "Confirmed hours"), H.text(VolunteerRecord.hours(record.confirmedMinutes))),
                (ctx.t("待确认时长", "Awaiting"), H.text(VolunteerRecord.hours(record.pendingMinutes))),
                (ctx.t("星级", "Stars"), H.text(VolunteerRecord.starText(record.stars, ctx.lang))),
                (ctx.t("平均评价", "Average evaluation"), H.text(record.averageRating.map { String(format: "%.1f", $0) } ?? "—")),
            ]),
            H.el("p", [], H.a(ctx.t("服务证明（可打印）", "Certificate (printable)"), href: SiteURL.volunteers(.staffPersonCertificate(.id(account.id!))).path, cls: "button")),
            H.section(labelledBy: "service", title: ctx.t("服务记录", "Service"), [
                record.shifts.isEmpty ? Tables.empty(ctx.t("还没有服务记录。", "No service yet."))
                    : Tables.table(caption: ctx.t("服务记录", "Service"), headers: [ctx.t("内容", "What"), ctx.t("组织", "Organisation"), ctx.t("时间", "When"), ctx.t("时长", "Hours"), ctx.t("状态", "State")],
                                   rows: record.shifts.prefix(50).map { s in
                                       [H.text(s.post?.title ?? s.note), H.text(s.org.name), H.text(time.span(s.startsAt, s.endsAt)),
                                        H.text(s.hoursState == .none ? "—" : VolunteerRecord.hours(s.minutes)), H.text(s.hoursState.label(ctx.lang))]
                                   }),
            ]),
            H.section(labelledBy: "honours", title: ctx.t("荣誉表彰", "Honours"), [
                record.honours.isEmpty ? Tables.empty(ctx.t("还没有表彰记录。", "No honours yet.")) : H.ul(record.honours.map { H.text("\($0.awardedOn) \($0.title)（\($0.org.name)）") }),
                ctx.canEdit ? Forms.form(ctx, action: SiteURL.volunteers(.staffHonours(.id(account.id!))).path, fields: [
                    FormField(name: "org", label: ctx.t("授予组织", "Organisation"), kind: .select([choose] + orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["org"] ?? "", error: errors["org"], required: true),
                    FormField(name: "title", label: ctx.t("表彰名称", "Honour"), value: form["title"] ?? "", error: errors["title"], hint: ctx.t("例如：2026 年度优秀文化志愿者", "e.g. Outstanding volunteer of 2026"), required: true, maxLength: 60),
                    FormField(name: "awardedOn", label: ctx.t("表彰日期", "Date"), kind: .date, value: form["awardedOn"] ?? "", error: errors["awardedOn"], required: true),
                    FormField(name: "note", label: ctx.t("说明（选填）", "Note (optional)"), value: form["note"] ?? "", error: errors["note"], maxLength: 200),
                ], submit: ctx.t("记录表彰", "Record the honour")) : H.empty,
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
