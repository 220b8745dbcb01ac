import Fluent
import Foundation
import Vapor

/// The volunteer's side (R6.1): open posts and sign-up, my service and hours, hand entries,
/// the printable certificate, and the public leaderboard.
enum VolunteerServiceController {
    @Sendable static func posts(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let townships = try await req.townships()
        let township = townships.find(req.query[UUID.self, at: "township"])
        let orgID = req.query[UUID.self, at: "org"]
        let query = VolunteerPost.query(on: req.db).filter(\.$closed == false).filter(\.$startsAt > req.now).with(\.$org).with(\.$activity)
        if let township { query.within(\.$regionPath, township.path) }
        if let orgID { query.filter(\.$org.$id == orgID) }
        let page = try await query.sort(\.$startsAt).sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let mine = try await req.auth.get(Account.self).asyncMap { account in
            try await VolunteerShift.query(on: req.db).filter(\.$account.$id == account.requireID()).filter(\.$cancelled == false)
                .filter(\.$post.$id ~~ page.items.compactMap(\.id)).all().compactMap { $0.$post.id }
        } ?? []
        let orgs = try await VolunteerOrg.query(on: req.db).sort(\.$name).all()
        let title = ctx.t("志愿服务岗位", "Volunteer posts")
        let rows: [[HNode]] = page.items.map { p in
            let action: HNode
            if mine.contains(p.id!) {
                action = H.badge(ctx.t("已报名", "Signed up"), tone: "ok")
            } else if p.slotsLeft == 0 {
                action = H.badge(ctx.t("名额已满", "Full"))
            } else if req.auth.get(Account.self) == nil {
                action = H.a(ctx.t("登录后报名", "Sign in to sign up"), href: SiteURL.login.with([("next", SiteURL.volunteers(.posts).path)]), cls: "button small")
            } else {
                action = Forms.actionButton(ctx, action: SiteURL.volunteers(.postSignUp(.id(p.id!))).path, title: ctx.t("报名", "Sign up"))
            }
            var what: [HNode] = [H.el("strong", [], H.text(p.title)), H.p(p.duties, cls: "hint")]
            if let activity = p.activity { what.append(H.a(ctx.t("活动：", "Activity: ") + activity.title, href: SiteURL.activities(.show(.id(activity.id!))).path)) }
            return [H.group(what), H.text(p.org.name), H.text(time.span(p.startsAt, p.endsAt)), H.text(p.place.isEmpty ? "—" : p.place),
                    H.text(ctx.t("剩 \(p.slotsLeft) / \(p.slots)", "\(p.slotsLeft) of \(p.slots) left")), action]
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: ctx.t("文化志愿者", "Volunteers"), url: SiteURL.volunteers(.index).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("已加入志愿服务组织的志愿者可以报名下面的岗位。同一时间只能报名一个岗位；服务当天由组织签到、签退，时长经确认后计入您的服务记录。",
                      "Members of a volunteer organisation can sign up below. One post at a time; the organisation checks you in and out, and confirmed hours go on your record."), cls: "lead"),
            H.el("form", [("method", "get"), ("action", SiteURL.volunteers(.posts).path), ("class", "filters")], [
                Forms.field(FormField(name: "township", label: ctx.t("乡镇", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全部", "All"))), value: township?.id.uuidString ?? ""), ctx),
                Forms.field(FormField(name: "org", label: ctx.t("组织", "Organisation"), kind: .select([.init(value: "", label: ctx.t("全部", "All"))] + orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }), value: orgID?.uuidString ?? ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("筛选", "Filter"))),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("目前没有正在招募的岗位，新的岗位发布后会显示在这里。", "No posts are open at present; new ones will appear here."))
                : Tables.table(caption: title, headers: [ctx.t("岗位", "Post"), ctx.t("组织", "Organisation"), ctx.t("时间", "When"), ctx.t("地点", "Where"), ctx.t("名额", "Slots"), ctx.t("报名", "Sign up")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.volunteers(.posts).with([("township", township?.id.uuidString), ("org", orgID?.uuidString), ("page", String($0))])
            },
            H.el("p", [], H.text(ctx.t("还不是志愿者？", "Not a volunteer yet? ")), H.a(ctx.t("申请加入志愿服务组织", "Apply to an organisation"), href: SiteURL.volunteers(.index).path)),
        ])
        return Layout.response(html)
    }

    @Sendable static func signUp(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", SiteURL.volunteers(.posts).path)])) }
        do {
            let shift = try await VolunteerServiceDesk.signUp(postID: req.id(), account: account, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
            let post = try await VolunteerPost.find(shift.$post.id, on: req.db)
            Flash.set(req, "报名成功：\(post?.title ?? "")。请按时到岗，服务当天由组织签到、签退。", "Signed up: \(post?.title ?? ""). Be there on time; the organisation checks you in and out.")
            return req.redirect(to: SiteURL.volunteers(.mine).path)
        } catch let error as AppError {
            guard let message = error.userMessage else { throw error }
            Flash.set(req, message.zh, message.en)
            return req.redirect(to: SiteURL.volunteers(.posts).path)
        }
    }

    @Sendable static func cancel(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        do {
            try await VolunteerServiceDesk.cancel(req.id(), account: account, now: req.now, on: req.db)
            Flash.set(req, "已取消报名，名额已释放给其他志愿者。", "Cancelled; the slot is free for others.")
        } catch let error as AppError {
            guard let message = error.userMessage else { throw error }
            Flash.set(req, message.zh, message.en)
        }
        return req.redirect(to: SiteURL.volunteers(.mine).path)
    }

    @Sendable static func mine(req: Request) async throws -> Response {
        try await renderMine(req, form: [:], errors: [:], problem: nil)
    }

    @Sendable static func addHours(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(ManualHoursInput.self)
        do {
            _ = try await VolunteerServiceDesk.addManual(input, account: account, now: req.now, time: req.displayTime,
                                                         lang: req.lang, on: req.db)
            Flash.set(req, "已提交，组织确认后计入您的服务时长。", "Sent; the hours count once the organisation confirms them.")
            return req.redirect(to: SiteURL.volunteers(.mine).path)
        } catch AppError.invalid(let errors) {
            return try await renderMine(req, form: form, errors: errors, problem: nil, status: .unprocessableEntity)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await renderMine(req, form: form, errors: [:], problem: error.message(req.lang), status: .conflict)
        }
    }

    static func renderMine(_ req: Request, form: [String: String], errors: FieldErrors, problem: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let record = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        let title = ctx.t("我的志愿服务", "My volunteering")
        let rows: [[HNode]] = record.shifts.map { s in
            var state = s.hoursState == .none ? (s.checkedInAt != nil ? ctx.t("已签到", "Checked in") : ctx.t("已报名", "Signed up")) : s.hoursState.label(ctx.lang)
            if !s.decisionReason.isEmpty { state += ctx.t("：", ": ") + s.decisionReason }
            let action: HNode = s.post != nil && s.checkedInAt == nil && s.startsAt > req.now
                ? Forms.actionButton(ctx, action: SiteURL.volunteers(.shiftCancel(.id(s.id!))).path, title: ctx.t("取消报名", "Cancel"), danger: true,
                                     confirm: ctx.t("确定取消这个岗位的报名吗？", "Cancel this sign-up?"))
                : H.text(s.rating.map { String(repeating: "★", count: $0) + (s.ratingNote.isEmpty ? "" : " " + s.ratingNote) } ?? "")
            return [H.text(s.post?.title ?? ctx.t("自行登记：", "Entered: ") + s.note), H.text(s.org.name), H.text(time.span(s.startsAt, s.endsAt)),
                    H.text(s.hoursState == .none ? "—" : VolunteerRecord.hours(s.minutes)), H.text(state), action]
        }
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let next = record.minutesToNextStar.map { ctx.t("再服务 \(VolunteerRecord.hours($0)) 小时可升一星", "\(VolunteerRecord.hours($0)) more hours to the next star") } ?? ctx.t("已是最高星级", "Top level reached")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: ctx.t("文化志愿者", "Volunteers"), url: SiteURL.volunteers(.index).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.facts([
                (ctx.t("已确认时长", "Confirmed hours"), H.text(ctx.t("\(VolunteerRecord.hours(record.confirmedMinutes)) 小时", "\(VolunteerRecord.hours(record.confirmedMinutes)) h"))),
                (ctx.t("待确认时长", "Awaiting confirmation"), H.text(ctx.t("\(VolunteerRecord.hours(record.pendingMinutes)) 小时", "\(VolunteerRecord.hours(record.pendingMinutes)) h"))),
                (ctx.t("星级", "Star level"), H.text(VolunteerRecord.starText(record.stars, ctx.lang) + " · " + next)),
                (ctx.t("所属组织", "Organisations"), H.text(record.orgs.isEmpty ? ctx.t("还没有加入组织", "None yet") : record.orgs.map(\.name).joined(separator: ctx.t("、", ", ")))),
            ]),
            H.el("p", [], H.a(ctx.t("查看并打印服务证明", "View and print my service certificate"), href: SiteURL.volunteers(.certificate).path, cls: "button"),
                H.text(" "), H.a(ctx.t("报名志愿服务岗位", "Find a post"), href: SiteURL.volunteers(.posts).path, cls: "button")),
            H.section(labelledBy: "service", title: ctx.t("服务记录", "Service"), [
                rows.isEmpty ? Tables.empty(ctx.t("还没有服务记录。报名一个岗位，或登记已经完成的服务。", "No service yet. Sign up for a post, or enter service you have given."))
                    : Tables.table(caption: ctx.t("服务记录", "Service"), headers: [ctx.t("内容", "What"), ctx.t("组织", "Organisation"), ctx.t("时间", "When"),
                                                                          ctx.t("时长（小时）", "Hours"), ctx.t("状态", "State"), ctx.t("操作或评价", "Action or evaluation")], rows: rows),
            ]),
            record.honours.isEmpty ? H.empty : H.section(labelledBy: "honours", title: ctx.t("荣誉表彰", "Honours"), [
                H.ul(record.honours.map { H.text("\($0.awardedOn) \($0.title)（\($0.org.name)）" + ($0.note.isEmpty ? "" : "：" + $0.note)) }),
            ]),
            record.orgs.isEmpty && errors.isEmpty ? H.empty : H.section(labelledBy: "enter", title: ctx.t("登记岗位之外的服务", "Enter service outside a post"), [
                H.p(ctx.t("例如随流动服务下乡一天。提交后由组织审核确认；同一时间不能重复登记，每天累计不超过 24 小时。",
                          "For example a day with the mobile service. The organisation confirms it; entries may not overlap, and a day holds at most 24 hours."), cls: "hint"),
                problem.map { Forms.problem($0) } ?? H.empty,
                Forms.form(ctx, action: SiteURL.volunteers(.hours).path, fields: [
                    FormField(name: "org", label: ctx.t("组织", "Organisation"), kind: .select([choose] + record.orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["org"] ?? "", error: errors["org"], required: true),
                    FormField(name: "date", label: ctx.t("日期", "Date"), kind: .date, value: form["date"] ?? "", error: errors["date"], required: true),
                    FormField(name: "starts", label: ctx.t("开始时间", "Started"), kind: .time, value: form["starts"] ?? "", error: errors["starts"], required: true),
                    FormField(name: "hours", label: ctx.t("时长（小时）", "Hours"), kind: .number, value: form["hours"] ?? "", error: errors["hours"],
                              hint: ctx.t("按半小时填写，例如 2.5", "In halves, e.g. 2.5"), required: true, maxLength: 4, inputmode: "decimal"),
                    FormField(name: "note", label: ctx.t("做了什么", "What you did"), value: form["note"] ?? "", error: errors["note"], required: true, maxLength: 200),
                ], submit: ctx.t("提交审核", "Send for confirmation")),
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func certificate(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let record = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        return VolunteerCertificate.response(req, record: record, back: SiteURL.volunteers(.mine).path)
    }

    @Sendable static func leaderboard(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: false)
        let time = req.displayTime
        let thisYear = Int(time.today.prefix(4))!
        let year = min(max(req.query[Int.self, at: "year"] ?? thisYear, 2000), thisYear)
        let townships = try await req.townships()
        let township = townships.find(req.query[UUID.self, at: "township"])
        let rows = try await VolunteerLeaderboard.rows(year: year, underPath: township?.path, time: time, on: req.db)
        let title = ctx.t("志愿服务时长排行", "Volunteer hours leaderboard")
        let where_ = township?.name ?? ctx.t("全市", "Whole city")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: ctx.t("文化志愿者", "Volunteers"), url: SiteURL.volunteers(.index).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("按年度已确认的服务时长排列；乡镇按志愿服务组织所在地统计。为保护隐私，姓名只显示姓氏。",
                      "By confirmed hours in the year; a township counts the organisations based there. Only family names are shown."), cls: "lead"),
            H.el("form", [("method", "get"), ("action", SiteURL.volunteers(.leaderboard).path), ("class", "filters")], [
                Forms.field(FormField(name: "year", label: ctx.t("年度", "Year"), kind: .select((max(2000, thisYear - 4)...thisYear).reversed().map { .init(value: String($0), label: String($0)) }), value: String(year)), ctx),
                Forms.field(FormField(name: "township", label: ctx.t("乡镇", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全市", "Whole city"))), value: township?.id.uuidString ?? ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("查看", "Show"))),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("\(year) 年\(where_)还没有已确认的志愿服务时长。", "No confirmed hours in \(where_) in \(year) yet."))
                : Tables.table(caption: "\(year) · \(where_)", headers: [ctx.t("名次", "Rank"), ctx.t("志愿者", "Volunteer"), ctx.t("服务时长（小时）", "Hours"), ctx.t("服务次数", "Times served")],
                               rows: rows.enumerated().map { n, r in
                                   [H.text(String(n + 1)), H.text(PersonalData.name(r.display_name)), H.text(VolunteerRecord.hours(r.minutes)), H.text(String(r.shifts))]
                               }),
        ])
        return Layout.response(html)
    }
}
