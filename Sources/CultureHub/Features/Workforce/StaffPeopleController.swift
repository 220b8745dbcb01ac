import Fluent
import Foundation
import Vapor
import Workforce

/// `/staff/people`: the culture staff register and `/staff/people/gaps`: staffing against the
/// rule (R7.1).
enum StaffPeopleController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(StaffMemberInput.self)
        do {
            let m = try await StaffRegisterDesk.add(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记 \(m.name)（\(m.postType.zh)，\(m.position)）。", "\(m.name) registered (\(m.postType.en), \(m.position)).")
            return req.redirect(to: SiteURL.workforce(.people).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func end(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let member = try await StaffMember.find(req.id(), on: req.db) else { throw AppError.notFound }
        let form = try req.content.decode([String: String].self)
        do {
            try await StaffRegisterDesk.end(member, on: form["endsOn"], by: staff, lang: req.lang, on: req.db)
            Flash.set(req, "已登记 \(member.name) 于 \(member.endsOn ?? "") 离岗。", "\(member.name) left the post on \(member.endsOn ?? "").")
        } catch let error as AppError {
            guard let message = error.userMessage else { throw error }
            Flash.set(req, message.zh, message.en)
        }
        return req.redirect(to: SiteURL.workforce(.people).path)
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let today = req.displayTime.today
        let tier = UnitTier(rawValue: req.query[String.self, at: "tier"] ?? "")
        let postType = PostType(rawValue: req.query[String.self, at: "post"] ?? "")
        let former = req.query[String.self, at: "former"] == "1"
        let query = staff.scope.filter(StaffMember.query(on: req.db)).with(\.$venue)
        if let tier { query.filter(\.$tier == tier) }
        if let postType { query.filter(\.$postType == postType) }
        if former { query.filter(\.$endsOn < today) } else { query.group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= today) } }
        let page = try await query.sort(\.$regionPath).sort(\.$name).sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 30))
        let units = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$regionPath).sort(\.$name).limit(1_000).all()
        let title = ctx.t("文化工作人员", "Culture staff")
        let rows: [[HNode]] = page.items.map { m in
            let end: HNode = ctx.canEdit && m.endsOn == nil ? H.el("form", [("method", "post"), ("action", SiteURL.workforce(.personEnd(.id(m.id!))).path), ("class", "inline")], [
                Forms.csrfField(ctx),
                H.el("label", [("for", "end-\(m.id!)")], H.text(ctx.t("离岗日期", "Left on"))),
                H.void("input", [("type", "date"), ("name", "endsOn"), ("id", "end-\(m.id!)"), ("required", "required")]),
                H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("登记离岗", "Record leaving"))),
            ]) : H.text(m.endsOn.map { ctx.t("\($0) 离岗", "Left \($0)") } ?? "")
            return [H.text(m.name), H.text(MobileNumber.masked(m.phone)), H.text(m.venue.name), H.text(m.postType.label(ctx.lang)), H.text(m.position),
                    H.text(m.startsOn), H.text(m.subsidyFen == 0 ? "—" : "¥" + Funding.yuan(m.subsidyFen)), end]
        }
        let filterLink: ([(String, String?)]) -> String = { SiteURL.workforce(.people).with([("tier", tier?.rawValue), ("post", postType?.rawValue), ("former", former ? "1" : nil)] + $0) }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("人员配备缺口", "Staffing gaps"), href: SiteURL.workforce(.peopleGaps).path, cls: "button"),
                H.a(ctx.t("业务培训", "Training"), href: SiteURL.workforce(.training).path, cls: "button"),
                H.a(ctx.t("经费", "Funding"), href: SiteURL.workforce(.funding).path, cls: "button"),
            ]),
            H.el("form", [("method", "get"), ("action", SiteURL.workforce(.people).path), ("class", "filters")], [
                Forms.field(FormField(name: "tier", label: ctx.t("单位层级", "Unit"), kind: .select([.init(value: "", label: ctx.t("全部", "All"))] + UnitTier.options(ctx.lang)), value: tier?.rawValue ?? ""), ctx),
                Forms.field(FormField(name: "post", label: ctx.t("岗位性质", "Post"), kind: .select([.init(value: "", label: ctx.t("全部", "All"))] + PostType.options(ctx.lang)), value: postType?.rawValue ?? ""), ctx),
                Forms.field(FormField(name: "former", label: ctx.t("只看已离岗的", "Former staff only"), kind: .checkbox, value: former ? "1" : ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("筛选", "Filter"))),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的人员。", "Nobody matches."))
                : Tables.table(caption: title, headers: [ctx.t("姓名", "Name"), ctx.t("手机", "Mobile"), ctx.t("单位", "Unit"), ctx.t("岗位性质", "Post"), ctx.t("职务", "Position"),
                                                       ctx.t("上岗日期", "Since"), ctx.t("月补贴", "Monthly subsidy"), ctx.t("离岗", "Leaving")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { filterLink([("page", String($0))]) },
            staff.role.may(.editRegistry) && !units.isEmpty ? H.section(labelledBy: "add", title: ctx.t("登记人员", "Register a post"), [
                H.p(ctx.t("一人换单位时，先在原岗位登记离岗，再登记新岗位；同一人同一时间只能有一个专职岗位。", "When someone moves unit, end the old post, then register the new one; one person holds one full-time post at a time."), cls: "hint"),
                Forms.form(ctx, action: SiteURL.workforce(.people).path, fields: [
                    FormField(name: "name", label: ctx.t("姓名", "Name"), value: form["name"] ?? "", error: errors["name"], required: true, maxLength: 20),
                    FormField(name: "phone", label: ctx.t("手机", "Mobile"), kind: .tel, value: form["phone"] ?? "", error: errors["phone"], required: true, maxLength: 13),
                    FormField(name: "venue", label: ctx.t("单位", "Unit"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + units.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["venue"] ?? "", error: errors["venue"], required: true),
                    FormField(name: "postType", label: ctx.t("岗位性质", "Post"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + PostType.options(ctx.lang)), value: form["postType"] ?? "", error: errors["postType"], required: true),
                    FormField(name: "position", label: ctx.t("职务", "Position"), value: form["position"] ?? "", error: errors["position"], hint: ctx.t("例如：站长、文化专干、文化管理员", "e.g. head of station, culture officer"), required: true, maxLength: 30),
                    FormField(name: "startsOn", label: ctx.t("上岗日期", "Started"), kind: .date, value: form["startsOn"] ?? "", error: errors["startsOn"], required: true),
                    FormField(name: "endsOn", label: ctx.t("离岗日期（选填）", "Left (optional)"), kind: .date, value: form["endsOn"] ?? "", error: errors["endsOn"]),
                    FormField(name: "subsidy", label: ctx.t("月补贴（元，选填）", "Monthly subsidy (yuan, optional)"), value: form["subsidy"] ?? "", error: errors["subsidy"], maxLength: 9, inputmode: "decimal"),
                ], submit: ctx.t("登记", "Register")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func gaps(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: false)
        let rule = req.settings.staffingRule
        let gaps = try await StaffingGaps.load(staff.scope, rule: rule, today: req.displayTime.today, on: req.db)
        let title = ctx.t("人员配备缺口", "Staffing gaps")
        let villagesPage = max(1, req.query[Int.self, at: "page"] ?? 1)
        let villages = Array(gaps.villages.dropFirst((villagesPage - 1) * 50).prefix(50))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("文化工作人员", "Culture staff"), SiteURL.workforce(.people).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("每个乡镇（街道）综合文化站至少配备 \(rule.townshipFullTime) 名专职人员" + (rule.residentsPerExtraPost > 0 ? "，人口多的按每 \(rule.residentsPerExtraPost) 人 1 名" : "") + "；每个村（社区）至少 \(rule.villagePartTime) 名专职或兼职文化管理员。",
                      "Each township station needs at least \(rule.townshipFullTime) full-time staff" + (rule.residentsPerExtraPost > 0 ? " (one per \(rule.residentsPerExtraPost) residents where more)" : "") + "; each village at least \(rule.villagePartTime) full- or part-time."), cls: "lead"),
            H.section(labelledBy: "townships", title: ctx.t("乡镇：\(gaps.shortTownships.count) 个不足", "Townships: \(gaps.shortTownships.count) short"), [
                gaps.townships.isEmpty ? Tables.empty(ctx.t("管辖范围内没有乡镇。", "No townships in scope."))
                    : Tables.table(caption: ctx.t("乡镇专职人员", "Township full-time staff"), headers: [ctx.t("乡镇", "Township"), ctx.t("人口", "Population"), ctx.t("应配", "Required"), ctx.t("在岗专职", "Full-time in post"), ctx.t("状态", "Status")],
                                   rows: gaps.townships.sorted { ($0.shortSince == nil ? 1 : 0, $0.region.code) < ($1.shortSince == nil ? 1 : 0, $1.region.code) }.map { t in
                                       [H.text(t.region.name), H.text(String(t.region.population)), H.text(String(t.required)), H.text(String(t.inPost)),
                                        t.shortSince.map { H.span(ctx.t("缺 \(t.required - t.inPost) 人（自 \($0) 起）", "\(t.required - t.inPost) short since \($0)"), cls: "status-overdue") } ?? H.text(ctx.t("达标", "Met"))]
                                   }),
            ]),
            H.section(labelledBy: "villages", title: ctx.t("没有文化管理员的村（社区）：\(gaps.villages.count) 个", "Villages with nobody in post: \(gaps.villages.count)"), [
                villages.isEmpty ? Tables.empty(staff.scope.ownRegionPath == nil
                    ? ctx.t("乡镇和村的人员配备由乡镇和文广旅体局掌握，场馆账号只登记本馆人员。", "Townships and the bureau follow staffing of townships and villages; a venue account keeps its own staff.")
                    : ctx.t("每个村（社区）都有在岗的文化管理员。", "Every village has someone in post."))
                    : Tables.table(caption: ctx.t("缺文化管理员的村", "Villages without staff"), headers: [ctx.t("村（社区）", "Village"), ctx.t("乡镇", "Township"), ctx.t("人口", "Population")],
                                   rows: villages.map { [H.text($0.region.name), H.text($0.township), H.text(String($0.region.population))] }),
                Pagination(page: villagesPage, per: 50, total: gaps.villages.count).render(ctx) { SiteURL.workforce(.peopleGaps).with([("page", String($0))]) },
            ]),
        ])
        return Layout.response(html)
    }
}
