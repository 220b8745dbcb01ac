import Fluent
import Foundation
import Vapor

/// `/volunteer`: the volunteer organisations and, signed in, an application and its answer (R6.1).
enum VolunteerController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: [:], skills: [], errors: [:], problem: nil)
    }

    @Sendable static func apply(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", SiteURL.volunteers(.index).path)])) }
        let input = try req.content.decode(VolunteerApplicationInput.self)
        let form = ["org": input.org ?? "", "availability": input.availability ?? "", "areas": input.areas ?? ""]
        do {
            try await req.countFeedback(by: account)
            _ = try await VolunteerDesk.apply(input, account: account, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "申请已提交。志愿服务组织审核后，结果会显示在这个页面上。", "Application sent. The organisation's answer will show on this page.")
            return req.redirect(to: SiteURL.volunteers(.index).path + "#mine")
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, skills: input.skills ?? [], errors: errors, problem: nil,
                                    status: .unprocessableEntity)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, form: form, skills: input.skills ?? [], errors: [:],
                                    problem: error.message(req.lang), status: .conflict)
        }
    }

    static func render(_ req: Request, form: [String: String], skills: [String], errors: FieldErrors, problem: String?,
                       status: HTTPResponseStatus = .ok) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let account = req.auth.get(Account.self)
        let orgs = try await VolunteerOrg.query(on: req.db).with(\.$venue).sort(\.$name).all()
        let mine = try await account.asyncMap {
            try await VolunteerApplication.query(on: req.db).filter(\.$account.$id == $0.requireID()).with(\.$org).sort(\.$createdAt, .descending).all()
        } ?? []
        let title = ctx.t("文化志愿者", "Cultural volunteers")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let applyForm: HNode
        if orgs.isEmpty {
            applyForm = H.empty
        } else if account == nil {
            applyForm = H.group(H.p(ctx.t("登录后即可申请成为文化志愿者。", "Sign in to apply.")),
                                H.a(ctx.t("登录后申请", "Sign in to apply"), href: SiteURL.login.with([("next", SiteURL.volunteers(.index).path)]), cls: "button primary"))
        } else {
            applyForm = H.section(labelledBy: "apply", title: ctx.t("申请成为志愿者", "Apply to volunteer"), [
                problem.map { Forms.problem($0) } ?? H.empty,
                Forms.form(ctx, action: SiteURL.volunteers(.index).path, fields: [
                    FormField(name: "org", label: ctx.t("志愿服务组织", "Organisation"), kind: .select([choose] + orgs.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["org"] ?? "", error: errors["org"], required: true),
                    FormField(name: "skills", label: ctx.t("我的特长", "My skills"), kind: .checkboxes(VolunteerSkill.options(ctx.lang)), values: skills, error: errors["skills"]),
                    FormField(name: "availability", label: ctx.t("什么时候有空", "When I am free"), value: form["availability"] ?? "", error: errors["availability"],
                              hint: ctx.t("例如：周末上午、每周三晚上", "e.g. weekend mornings, Wednesday evenings"), required: true, maxLength: 100),
                    FormField(name: "areas", label: ctx.t("愿意服务的地方（选填）", "Where I can serve (optional)"), value: form["areas"] ?? "", error: errors["areas"],
                              hint: ctx.t("例如：城关镇、市图书馆", "e.g. Chengguan, the city library"), maxLength: 100),
                ], submit: ctx.t("提交申请", "Apply")),
            ])
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("依托文化馆、图书馆等公益性文化单位组建的文化志愿服务组织，欢迎有一技之长的群众加入，参与演出、辅导、阅读推广和活动组织。",
                      "Volunteer organisations based at the cultural centre, the library and other public cultural units welcome people with a skill to share."), cls: "lead"),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("志愿服务岗位", "Volunteer posts"), href: SiteURL.volunteers(.posts).path, cls: "button"),
                account == nil ? H.empty : H.a(ctx.t("我的志愿服务", "My volunteering"), href: SiteURL.volunteers(.mine).path, cls: "button"),
                H.a(ctx.t("服务时长排行", "Leaderboard"), href: SiteURL.volunteers(.leaderboard).path, cls: "button"),
            ]),
            orgs.isEmpty ? Tables.empty(ctx.t("还没有登记的志愿服务组织。", "No volunteer organisations yet."))
                : Tables.table(caption: ctx.t("志愿服务组织", "Organisations"), headers: [ctx.t("名称", "Name"), ctx.t("依托单位", "Based at"), ctx.t("服务范围", "Serves"), ctx.t("负责人", "Person responsible")],
                               rows: orgs.map { [H.text($0.name), H.text($0.venue.name), H.text($0.scopeNote), H.text(PersonalData.person(name: $0.leaderName, phone: $0.leaderPhone))] }),
            applyForm,
            mine.isEmpty ? H.empty : H.section(labelledBy: "mine", title: ctx.t("我的申请", "My applications"), [
                Tables.table(caption: ctx.t("我的申请", "My applications"), headers: [ctx.t("组织", "Organisation"), ctx.t("提交时间", "Sent"), ctx.t("结果", "Answer")],
                             rows: mine.map { a in
                                 [H.text(a.org.name), H.text(req.displayTime.dateTime(a.createdAt)),
                                  H.text(a.status.label(ctx.lang) + (a.reason.isEmpty ? "" : ctx.t("：", ": ") + a.reason))]
                             }),
            ]),
        ])
        return Layout.response(html, status: status)
    }
}

/// `/staff/volunteers`: organisations in scope, and applications to review (R6.1).
enum StaffVolunteersController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: [:], errors: [:])
    }

    @Sendable static func createOrg(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(VolunteerOrgInput.self)
        do {
            let org = try await VolunteerDesk.createOrg(input, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记“\(org.name)”，群众可以在“文化志愿者”页面申请加入。", "“\(org.name)” registered; citizens can apply on the volunteers page.")
            return req.redirect(to: SiteURL.volunteers(.staffIndex).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let application = try await VolunteerApplication.find(req.id(), on: req.db) else { throw AppError.notFound }
        let form = try req.content.decode([String: String].self)
        let approve = form["decision"] == "approve"
        do {
            try await VolunteerDesk.decide(application, approve: approve, reason: form["reason"] ?? "", by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, approve ? "已通过，申请人成为本组织的志愿者。" : "已告知申请人未通过的原因。",
                      approve ? "Approved: the applicant is now a volunteer." : "The applicant has been told why.")
        } catch AppError.invalid(let errors) {
            Flash.set(req, errors.values.first ?? "", errors.values.first ?? "")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.volunteers(.staffIndex).path)
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let show = ApplicationStatus(rawValue: req.query[String.self, at: "show"] ?? "") ?? .pending
        let orgs = try await staff.scope.filter(VolunteerOrg.query(on: req.db)).with(\.$venue).sort(\.$name).all()
        let page = try await staff.scope.filter(VolunteerApplication.query(on: req.db)).filter(\.$status == show).with(\.$org).with(\.$account)
            .sort(\.$createdAt).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).filter(\.$type != .villageCentre).sort(\.$name).limit(500).all()
        let title = ctx.t("志愿者管理", "Volunteers")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let rows: [[HNode]] = page.items.map { a in
            var actions: HNode = H.text(a.reason.isEmpty ? "—" : a.reason)
            if a.status == .pending && staff.role.may(.editRegistry) {
                actions = H.group(
                    H.el("form", [("method", "post"), ("action", SiteURL.volunteers(.staffDecide(.id(a.id!))).path), ("class", "inline")], [
                        Forms.csrfField(ctx), H.void("input", [("type", "hidden"), ("name", "decision"), ("value", "approve")]),
                        H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("通过", "Approve"))),
                    ]),
                    H.el("form", [("method", "post"), ("action", SiteURL.volunteers(.staffDecide(.id(a.id!))).path), ("class", "inline")], [
                        Forms.csrfField(ctx), H.void("input", [("type", "hidden"), ("name", "decision"), ("value", "decline")]),
                        H.void("input", [("type", "text"), ("name", "reason"), ("maxlength", "200"), ("aria-label", ctx.t("未通过的原因", "Reason for declining"))]),
                        H.el("button", [("type", "submit"), ("class", "button small danger")], H.text(ctx.t("不通过", "Decline"))),
                    ]))
            }
            let who: HNode = a.status == .approved ? H.a(PersonalData.name(a.account.displayName), href: SiteURL.volunteers(.staffPerson(.id(a.$account.id))).path)
                : H.text(PersonalData.name(a.account.displayName))
            return [who, H.text(a.org.name), H.text(a.skills.map { $0.label(ctx.lang) }.joined(separator: ctx.t("、", ", "))),
                    H.text(a.availability), H.text(req.displayTime.dateTime(a.createdAt)), actions]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("志愿服务招募", "Recruitment posts"), href: SiteURL.volunteers(.staffPosts).path, cls: "button"),
                H.a(ctx.t("待确认的服务时长", "Hours to confirm"), href: SiteURL.volunteers(.staffHours).path, cls: "button"),
                H.a(ctx.t("服务时长排行", "Leaderboard"), href: SiteURL.volunteers(.leaderboard).path, cls: "button"),
            ]),
            H.el("p", [("class", "filters")], ApplicationStatus.allCases.map {
                H.a($0.label(ctx.lang), href: SiteURL.volunteers(.staffIndex).with([("show", $0.rawValue)]), cls: "button small", current: $0 == show)
            }),
            rows.isEmpty ? Tables.empty(show == .pending ? ctx.t("没有待审核的志愿者申请。", "No applications are waiting.") : ctx.t("没有符合条件的申请。", "No applications match."))
                : Tables.table(caption: ctx.t("志愿者申请", "Applications") + " · " + show.label(ctx.lang),
                               headers: [ctx.t("申请人", "Applicant"), ctx.t("组织", "Organisation"), ctx.t("特长", "Skills"), ctx.t("有空时间", "Free"), ctx.t("提交时间", "Sent"), ctx.t("审核", "Review")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.volunteers(.staffIndex).with([("show", show.rawValue), ("page", String($0))])
            },
            H.section(labelledBy: "orgs", title: ctx.t("志愿服务组织", "Organisations"), [
                orgs.isEmpty ? Tables.empty(ctx.t("管辖范围内还没有志愿服务组织。", "No organisations in your scope yet."))
                    : Tables.table(caption: ctx.t("志愿服务组织", "Organisations"), headers: [ctx.t("名称", "Name"), ctx.t("依托单位", "Based at"), ctx.t("负责人", "Person responsible"), ctx.t("服务范围", "Serves")],
                                   rows: orgs.map { [H.text($0.name), H.text($0.venue.name), H.text(PersonalData.person(name: $0.leaderName, phone: $0.leaderPhone)), H.text($0.scopeNote)] }),
                staff.role.may(.editRegistry) && !venues.isEmpty ? Forms.form(ctx, action: SiteURL.volunteers(.staffOrgs).path, fields: [
                    FormField(name: "venue", label: ctx.t("依托单位", "Based at"), kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["venue"] ?? "", error: errors["venue"], required: true),
                    FormField(name: "name", label: ctx.t("组织名称", "Name"), value: form["name"] ?? "", error: errors["name"],
                              hint: ctx.t("例如：新密市文化馆文化志愿服务队", "e.g. the cultural centre's volunteer corps"), required: true, maxLength: 40),
                    FormField(name: "leaderName", label: ctx.t("负责人", "Person responsible"), value: form["leaderName"] ?? "", error: errors["leaderName"], required: true, maxLength: 20),
                    FormField(name: "leaderPhone", label: ctx.t("负责人手机", "Their mobile"), kind: .tel, value: form["leaderPhone"] ?? "", error: errors["leaderPhone"], required: true, maxLength: 13),
                    FormField(name: "scopeNote", label: ctx.t("服务范围", "What and where it serves"), value: form["scopeNote"] ?? "", error: errors["scopeNote"], required: true, maxLength: 200),
                ], submit: ctx.t("登记组织", "Register the organisation")) : H.empty,
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
