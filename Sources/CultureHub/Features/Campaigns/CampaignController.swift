import Fluent
import Foundation
import Vapor

/// `/campaigns`: consumption seasons, sponsored programmes and service brands with their
/// activities and reach (R6.3); `/staff/campaigns` to create them and add activities.
enum CampaignController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: false)
        let kind = CampaignKind(rawValue: req.query[String.self, at: "kind"] ?? "")
        let query = Campaign.query(on: req.db)
        if let kind { query.filter(\.$kind == kind) }
        let page = try await query.sort(\.$startsOn, .descending).sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let reach = try await CampaignReach.load(page.items.compactMap(\.id), on: req.db)
        let title = ctx.t("惠民活动与服务品牌", "Programmes and service brands")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("文化惠民消费季、社会力量赞助的项目，以及“书香新密”等常年开展的公共文化服务品牌。", "Consumption seasons, sponsored programmes and the signature service brands that run all year."), cls: "lead"),
            H.el("p", [("class", "filters")], [H.a(ctx.t("全部", "All"), href: SiteURL.campaigns(.index).path, cls: "button small", current: kind == nil)]
                 + CampaignKind.allCases.map { H.a($0.label(ctx.lang), href: SiteURL.campaigns(.index).with([("kind", $0.rawValue)]), cls: "button small", current: $0 == kind) }),
            page.items.isEmpty ? Tables.empty(ctx.t("还没有这类项目。", "None yet."))
                : Tables.table(caption: title, headers: [ctx.t("名称", "Name"), ctx.t("类型", "Kind"), ctx.t("时间", "Dates"), ctx.t("赞助方", "Sponsor"), ctx.t("活动", "Activities"), ctx.t("参与人次", "Participation")],
                               rows: page.items.map { c in
                                   let r = reach[c.id!]
                                   return [H.a(c.name, href: SiteURL.campaigns(.show(.id(c.id!))).path), H.text(c.kind.label(ctx.lang)), H.text(dates(c, ctx)),
                                           H.text(c.sponsor.isEmpty ? "—" : c.sponsor), H.text(String(r?.activities ?? 0)), H.text(String(r?.participation ?? 0))]
                               }),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.campaigns(.index).with([("kind", kind?.rawValue), ("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    static func dates(_ c: Campaign, _ ctx: PageContext) -> String {
        c.endsOn.map { "\(c.startsOn) – \($0)" } ?? ctx.t("\(c.startsOn) 起常年开展", "Since \(c.startsOn), ongoing")
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let c = try await Campaign.find(req.id(), on: req.db) else { throw AppError.notFound }
        let ctx = PageContext(req, hasForm: false)
        let time = req.displayTime
        let reach = try await CampaignReach.load([c.requireID()], on: req.db)[c.id!]
        let links = try await CampaignActivity.query(on: req.db).filter(\.$campaign.$id == c.requireID()).with(\.$activity).all()
            .filter { $0.activity.status != .cancelled }.sorted { $0.activity.startsAt > $1.activity.startsAt }
        let html = Layout.page(ctx, title: c.name, crumbs: [.init(title: ctx.t("惠民活动与服务品牌", "Programmes and brands"), url: SiteURL.campaigns(.index).path), .init(title: c.name, url: nil)], [
            H.h1(c.name),
            H.facts([
                (ctx.t("类型", "Kind"), H.text(c.kind.label(ctx.lang))), (ctx.t("时间", "Dates"), H.text(dates(c, ctx))),
                (ctx.t("赞助方", "Sponsor"), H.text(c.sponsor.isEmpty ? "—" : c.sponsor)),
                (ctx.t("惠民内容", "Benefits"), H.text(c.benefits.isEmpty ? "—" : c.benefits)),
                (ctx.t("覆盖面", "Reach"), H.text(ctx.t("\(reach?.activities ?? 0) 场活动，\(reach?.participation ?? 0) 人次参与，覆盖 \(reach?.townships ?? 0) 个乡镇（街道）",
                                                        "\(reach?.activities ?? 0) activities, \(reach?.participation ?? 0) participations, \(reach?.townships ?? 0) townships"))),
            ]),
            c.details.isEmpty ? H.empty : H.p(c.details),
            H.p(ctx.t("参与人次以活动上报的到场人数为准；未上报的按现场清点人数或签到人数计。", "Participation is the reported attendance, else the headcount or check-ins."), cls: "hint"),
            links.isEmpty ? Tables.empty(ctx.t("还没有加入活动。", "No activities yet."))
                : Tables.table(caption: ctx.t("活动", "Activities"), headers: [ctx.t("活动", "Activity"), ctx.t("时间", "When"), ctx.t("地点", "Where")],
                               rows: links.prefix(200).map { [H.a($0.activity.title, href: SiteURL.activities(.show(.id($0.activity.id!))).path), H.text(time.span($0.activity.startsAt, $0.activity.endsAt)), H.text($0.activity.location)] }),
        ])
        return Layout.response(html)
    }

    // MARK: - Staff

    @Sendable static func staffIndex(req: Request) async throws -> Response {
        try await renderStaff(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(CampaignInput.self)
        do {
            let c = try await CampaignDesk.create(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已创建“\(c.name)”，请把相关活动加进来。", "“\(c.name)” created; add its activities next.")
            return req.redirect(to: SiteURL.campaigns(.staffShow(.id(c.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderStaff(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderStaff(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let page = try await staff.scope.filterReadable(Campaign.query(on: req.db), \.$regionPath).sort(\.$startsOn, .descending).sort(\.$id)
            .paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let reach = try await CampaignReach.load(page.items.compactMap(\.id), on: req.db)
        let title = ctx.t("惠民活动与服务品牌", "Programmes and brands")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            page.items.isEmpty ? Tables.empty(ctx.t("还没有创建项目或品牌。", "No programmes or brands yet."))
                : Tables.table(caption: title, headers: [ctx.t("名称", "Name"), ctx.t("类型", "Kind"), ctx.t("时间", "Dates"), ctx.t("活动", "Activities"), ctx.t("参与人次", "Participation")],
                               rows: page.items.map { c in [H.a(c.name, href: SiteURL.campaigns(.staffShow(.id(c.id!))).path), H.text(c.kind.label(ctx.lang)), H.text(dates(c, ctx)),
                                                            H.text(String(reach[c.id!]?.activities ?? 0)), H.text(String(reach[c.id!]?.participation ?? 0))] }),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.campaigns(.staffIndex).with([("page", String($0))]) },
            staff.may(.editRegistry) && staff.scope.ownRegionPath != nil ? H.section(labelledBy: "new", title: ctx.t("新建项目或品牌", "New programme or brand"), [
                Forms.form(ctx, action: SiteURL.campaigns(.staffIndex).path, fields: [
                    FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + CampaignKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
                    FormField(name: "name", label: ctx.t("名称", "Name"), value: form["name"] ?? "", error: errors["name"], hint: ctx.t("例如：2026 新密市文化惠民消费季、“书香新密”全民阅读", "e.g. the 2026 consumption season, a reading brand"), required: true, maxLength: 60),
                    FormField(name: "sponsor", label: ctx.t("赞助方（社会力量赞助时必填）", "Sponsor (needed for a sponsorship)"), value: form["sponsor"] ?? "", error: errors["sponsor"], maxLength: 60),
                    FormField(name: "startsOn", label: ctx.t("开始日期", "Starts"), kind: .date, value: form["startsOn"] ?? "", error: errors["startsOn"], required: true),
                    FormField(name: "endsOn", label: ctx.t("结束日期（服务品牌可不填）", "Ends (optional for a brand)"), kind: .date, value: form["endsOn"] ?? "", error: errors["endsOn"]),
                    FormField(name: "benefits", label: ctx.t("惠民内容（消费季必填）", "Benefits (needed for a season)"), kind: .textarea, value: form["benefits"] ?? "", error: errors["benefits"],
                              hint: ctx.t("例如：演出票 5 折、发放文化消费券", "e.g. half-price tickets, culture vouchers"), maxLength: 300),
                    FormField(name: "description", label: ctx.t("简介（选填）", "About (optional)"), kind: .textarea, value: form["description"] ?? "", error: errors["description"], maxLength: 500),
                ], submit: ctx.t("创建", "Create")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func staffShow(req: Request) async throws -> Response {
        try await renderStaffShow(req, errors: [:])
    }

    @Sendable static func addActivity(req: Request) async throws -> Response {
        let staff = try req.staff()
        let c = try await req.regionRecord(Campaign.self, toWrite: .editRegistry)
        let form = try req.content.decode([String: String].self)
        do {
            let a = try await CampaignDesk.link(c, activityID: form["activity"], by: staff, time: req.displayTime, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已把“\(a.title)”加入“\(c.name)”。", "“\(a.title)” added to “\(c.name)”.")
            return req.redirect(to: SiteURL.campaigns(.staffShow(.id(c.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderStaffShow(req, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderStaffShow(_ req: Request, errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let c = try await req.regionRecord(Campaign.self, alongLine: true)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let reach = try await CampaignReach.load([c.requireID()], on: req.db)[c.id!]
        let linked = try await CampaignActivity.query(on: req.db).filter(\.$campaign.$id == c.requireID()).with(\.$activity).all().sorted { $0.activity.startsAt > $1.activity.startsAt }
        let from = time.instant(day: c.startsOn, minute: 0) ?? req.now
        let candidates = try await staff.scope.filter(Activity.query(on: req.db)).filter(\.$status != .cancelled).filter(\.$startsAt >= from)
            .sort(\.$startsAt).limit(300).all().filter { a in c.endsOn.map { DisplayTime.day(a.startsAt, in: time.timeZone) <= $0 } ?? true }
            .filter { a in !linked.contains { $0.$activity.id == a.id } }
        let html = Layout.page(ctx, title: c.name, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("惠民活动与服务品牌", "Programmes and brands"), SiteURL.campaigns(.staffIndex).path), (c.name, nil)]), [
            H.h1(c.name),
            H.facts([(ctx.t("类型", "Kind"), H.text(c.kind.label(ctx.lang))), (ctx.t("时间", "Dates"), H.text(dates(c, ctx))),
                     (ctx.t("覆盖面", "Reach"), H.text(ctx.t("\(reach?.activities ?? 0) 场活动，\(reach?.participation ?? 0) 人次，\(reach?.townships ?? 0) 个乡镇", "\(reach?.activities ?? 0) activities, \(reach?.participation ?? 0) participations, \(reach?.townships ?? 0) townships"))),
                     (ctx.t("公开页面", "Public page"), H.a(SiteURL.campaigns(.show(.id(c.id!))).path, href: SiteURL.campaigns(.show(.id(c.id!))).path))]),
            linked.isEmpty ? Tables.empty(ctx.t("还没有加入活动。", "No activities yet."))
                : Tables.table(caption: ctx.t("活动", "Activities"), headers: [ctx.t("活动", "Activity"), ctx.t("时间", "When")],
                               rows: linked.map { [H.a($0.activity.title, href: SiteURL.activities(.show(.id($0.activity.id!))).path), H.text(time.span($0.activity.startsAt, $0.activity.endsAt))] }),
            ctx.canEdit ? H.section(labelledBy: "add", title: ctx.t("加入活动", "Add an activity"), [
                candidates.isEmpty && errors.isEmpty ? Tables.empty(ctx.t("管辖范围内没有在项目时间内、尚未加入的活动。", "No activities in your scope within the dates are left to add."))
                    : Forms.form(ctx, action: SiteURL.campaigns(.staffActivities(.id(c.id!))).path, fields: [
                        FormField(name: "activity", label: ctx.t("活动", "Activity"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + candidates.map { .init(value: $0.id!.uuidString, label: time.dateTime($0.startsAt) + " " + $0.title) }),
                                  error: errors["activity"], required: true),
                    ], submit: ctx.t("加入", "Add")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }
}
