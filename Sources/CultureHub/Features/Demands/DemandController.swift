import Fluent
import Foundation
import SQLKit
import Vapor

/// The public page of demands with their status, posting one, and supporting one (R3.4).
enum DemandController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let townships = try await req.townships()
        let township = townships.find(req.query[String.self, at: "township"].flatMap(UUID.init(uuidString:)))
        let status = req.query[String.self, at: "status"].flatMap(DemandStatus.init(rawValue:))
        let kind = req.query[String.self, at: "kind"].flatMap(ServiceKind.init(rawValue:))
        let query = Demand.query(on: req.db).with(\.$village).with(\.$serviceItem).with(\.$activity)
        if let township { query.within(\.$regionPath, township.path) }
        if let status { query.filter(\.$status == status) }
        if let kind { query.filter(\.$kind == kind) }
        let page = try await query.sort(\.$supports, .descending).sort(\.$createdAt, .descending)
            .paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        var mine: Set<UUID> = []
        if let account = req.auth.get(Account.self), !page.items.isEmpty {
            mine = Set(try await DemandSupport.query(on: req.db).filter(\.$account.$id == account.requireID())
                .filter(\.$demand.$id ~~ page.items.compactMap(\.id)).all().map(\.$demand.id))
        }
        let items = page.items.map { d in H.el("li", [], item(ctx, d, townships: townships, supported: mine.contains(d.id!), signedIn: req.auth.has(Account.self))) }
        let title = ctx.t("群众文化需求", "What residents ask for")
        let kinds = [FormField.Option(value: "", label: ctx.t("全部类型", "All kinds"))] + ServiceKind.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }
        let statuses = [FormField.Option(value: "", label: ctx.t("全部状态", "Any status"))] + DemandStatus.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("想在村里看什么演出、办什么培训？提出来，乡亲们支持得越多，越会优先安排。每条需求都会得到答复。",
                      "What would you like in your village? Ask; the more neighbours support it, the sooner it is arranged. Every demand gets an answer."), cls: "lead"),
            H.a(ctx.t("提出需求", "Make a request"), href: SiteURL.demands(.new).path, cls: "button primary"),
            Forms.form(ctx, action: SiteURL.demands(.index).path, fields: [
                FormField(name: "township", label: ctx.t("乡镇（街道）", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全部乡镇（街道）", "All townships"))),
                          value: township?.id.uuidString ?? ""),
                FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select(kinds), value: kind?.rawValue ?? ""),
                FormField(name: "status", label: ctx.t("状态", "Status"), kind: .select(statuses), value: status?.rawValue ?? ""),
            ], submit: ctx.t("筛选", "Filter"), method: "get", cls: "filters"),
            items.isEmpty ? Tables.empty(ctx.t("还没有符合条件的需求。", "No demands match."), action: H.a(ctx.t("提出第一条需求", "Be the first to ask"), href: SiteURL.demands(.new).path, cls: "button"))
                : H.el("ul", [("class", "card-list")], items),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.demands(.index).with([("township", township?.id.uuidString), ("kind", kind?.rawValue), ("status", status?.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    static func item(_ ctx: PageContext, _ d: Demand, townships: TownshipIndex, supported: Bool, signedIn: Bool, staffView: Bool = false) -> HNode {
        let place = [townships.township(containing: d.regionPath)?.name, d.village.name].compactMap { $0 }.joined(separator: " · ")
        var answer: HNode = H.empty
        switch d.status {
        case .open:
            answer = staffView ? H.empty : supported ? H.p(ctx.t("您已支持。", "You support this."), cls: "hint")
                : signedIn ? Forms.actionButton(ctx, action: SiteURL.demands(.support(.id(d.id!))).path, title: ctx.t("我也需要（支持）", "I want this too"))
                : H.a(ctx.t("登录后支持", "Sign in to support"), href: SiteURL.login.with([("next", SiteURL.demands(.index).path)]))
        case .adopted:
            let link: HNode = d.activity.map { H.a(ctx.t("查看安排的活动：", "See the activity: ") + $0.title, href: SiteURL.activities(.show(.id($0.id!))).path) }
                ?? d.serviceItem.map { H.a(ctx.t("已列入服务菜单：", "On the service menu: ") + $0.title, href: SiteURL.menu(.index).with([("kind", $0.kind.rawValue)])) } ?? H.empty
            answer = H.group(d.answer.isEmpty ? H.empty : H.p(ctx.t("答复：", "Answer: ") + d.answer), H.el("p", [], link))
        case .declined:
            answer = H.p(ctx.t("未采纳的原因：", "Not adopted because: ") + d.answer)
        }
        return H.group([
            H.el("p", [("class", "tags")], [H.badge(d.kind.label(ctx.lang), tone: "accent"), H.text(" "),
                                            H.badge(d.status.label(ctx.lang), tone: d.status == .adopted ? "ok" : "neutral")]),
            H.p(d.details),
            H.p(place + " · " + ctx.t("\(d.supports) 人支持", "\(d.supports) support(s)"), cls: "comment-meta"),
            answer,
        ])
    }

    struct Form: Content { var township: String?; var village: String?; var kind: String?; var details: String? }

    @Sendable static func new(req: Request) async throws -> Response {
        guard req.auth.has(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", req.url.string)])) }
        return try await render(req, Form(township: req.query[String.self, at: "township"]), errors: [:], status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else { return req.redirect(to: SiteURL.login.with([("next", SiteURL.demands(.new).path)])) }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        let kind: ServiceKind? = check.choice("kind", form.kind)
        let details = check.text("details", form.details, max: DemandDesk.maxText)
        var village: Region?
        if let id = check.uuid("village", form.village) {
            village = try await Region.find(id, on: req.db)
            if village?.level != .village { check.fail("village", "请从列表中选择村（社区）。", "Choose a village from the list."); village = nil }
        }
        guard check.isValid, let kind, let village else { return try await render(req, form, errors: check.errors, status: .unprocessableEntity) }
        do { try await req.countFeedback(by: account) } catch let error as AppError {
            return try await render(req, form, errors: ["details": error.message(req.lang)], status: .tooManyRequests)
        }
        _ = try await DemandDesk.post(kind: kind, details: details, village: village, account: account, now: req.now, on: req.db)
        let township = try await req.townships().township(containing: village.path)
        Flash.set(req, "需求已发布。乡亲们可以来支持，乡镇文化站会答复您。", "Posted. Neighbours can add their support, and the township's culture station will answer.")
        return req.redirect(to: SiteURL.demands(.index).with([("township", township?.id.uuidString)]))
    }

    @Sendable static func support(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard let demand = try await Demand.find(req.id(), on: req.db) else { throw AppError.notFound }
        do {
            try await req.countFeedback(by: account)
            try await DemandDesk.support(demand, account: account, now: req.now, on: req.db)
            Flash.set(req, "谢谢，已记下您的支持。", "Thank you: your support is counted.")
        } catch let error as AppError {
            switch error {
            case .conflict, .tooManyRequests: Flash.set(req, error.message(.zh), error.message(.en))
            default: throw error
            }
        }
        return req.redirect(to: SiteURL.demands(.index).path)
    }

    private static func render(_ req: Request, _ form: Form, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let townships = try await req.townships()
        let township = townships.find(form.township.flatMap(UUID.init(uuidString:)))
        let villages = try await township.asyncMap { try await VillageRef.all(in: $0, on: req.db as! any SQLDatabase) } ?? []
        let title = ctx.t("提出需求", "Make a request")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("群众文化需求", "Demands"), url: SiteURL.demands(.index).path), .init(title: title, url: nil)], [
            H.h1(title),
            Forms.form(ctx, action: SiteURL.demands(.new).path, fields: [
                FormField(name: "township", label: ctx.t("第一步：您所在的乡镇（街道）", "Step 1: your township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("请选择", "Choose"))),
                          value: township?.id.uuidString ?? ""),
            ], submit: ctx.t("列出这个乡镇的村", "List its villages"), method: "get", cls: "filters"),
            township == nil ? H.group(
                errors.isEmpty ? H.empty : H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], H.ul(errors.values.sorted().map { H.text($0) })),
                H.p(ctx.t("先选乡镇，再选村（社区）。", "Choose the township first, then the village."), cls: "hint"))
                : Forms.form(ctx, action: SiteURL.demands(.new).path, fields: [
                    FormField(name: "village", label: ctx.t("第二步：村（社区）", "Step 2: village"), kind: .select([choose] + villages.map { .init(value: $0.id.uuidString, label: $0.name) }),
                              value: form.village ?? "", error: errors["village"], required: true),
                    FormField(name: "kind", label: ctx.t("想要什么服务", "What kind of service"), kind: .select([choose] + ServiceKind.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                              value: form.kind ?? "", error: errors["kind"], required: true),
                    FormField(name: "details", label: ctx.t("具体说说", "Tell us more"), kind: .textarea, value: form.details ?? "", error: errors["details"],
                              hint: ctx.t("例如：希望每月来村里放一场电影，最好是周末晚上。", "e.g. a film in the village once a month, ideally on a weekend evening."),
                              required: true, maxLength: DemandDesk.maxText),
                ], submit: ctx.t("发布需求", "Post"), extra: [H.void("input", [("type", "hidden"), ("name", "township"), ("value", township?.id.uuidString ?? "")])]),
        ])
        return Layout.response(html, status: status)
    }
}
