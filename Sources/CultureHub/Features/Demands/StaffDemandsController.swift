import Fluent
import Foundation
import Vapor

/// Unmet demand in scope, most supported first, and the answer: adopted with a link to the menu
/// item or activity that meets it, or not adopted with a reason (R3.4).
enum StaffDemandsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let townships = try await req.townships()
        let showAnswered = req.query[String.self, at: "answered"] == "1"
        let query = staff.scope.filter(Demand.query(on: req.db)).with(\.$village).with(\.$serviceItem).with(\.$activity)
        if showAnswered {
            query.filter(\.$status != .open).sort(\.$answeredAt, .descending)
        } else {
            query.filter(\.$status == .open).sort(\.$supports, .descending).sort(\.$createdAt)
        }
        let page = try await query.paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let items = try await staff.scope.filter(ServiceItem.query(on: req.db)).filter(\.$active == true).sort(\.$title).limit(500).all()
        let activities = try await staff.scope.filter(Activity.query(on: req.db)).filter(\.$status == .published).filter(\.$endsAt > req.now)
            .sort(\.$startsAt).limit(300).all()
        let time = req.displayTime
        let choose = FormField.Option(value: "", label: ctx.t("不选", "None"))
        let nodes: [HNode] = page.items.map { d in
            var answer: [HNode] = []
            if d.status == .open && staff.role.may(.editRegistry) {
                answer = [
                    Forms.form(ctx, action: SiteURL.demands(.staffAnswer(.id(d.id!))).path, fields: [
                        FormField(name: "serviceItem-\(d.id!)", label: ctx.t("满足它的服务菜单项目", "Menu item that meets it"),
                                  kind: .select([choose] + items.map { .init(value: $0.id!.uuidString, label: $0.title) })),
                        FormField(name: "activity-\(d.id!)", label: ctx.t("或安排的活动", "Or the activity arranged"),
                                  kind: .select([choose] + activities.map { .init(value: $0.id!.uuidString, label: DisplayTime.day($0.startsAt, in: time.timeZone) + " " + $0.title) })),
                        FormField(name: "note-\(d.id!)", label: ctx.t("答复（选填）", "Note (optional)"), maxLength: DemandDesk.maxText),
                    ], submit: ctx.t("采纳", "Adopt"), extra: [H.void("input", [("type", "hidden"), ("name", "decision"), ("value", "adopt")])], cls: "stack compact"),
                    Forms.form(ctx, action: SiteURL.demands(.staffAnswer(.id(d.id!))).path, fields: [
                        FormField(name: "reason-\(d.id!)", label: ctx.t("不采纳的原因", "Reason for not adopting"), maxLength: DemandDesk.maxText),
                    ], submit: ctx.t("不采纳", "Do not adopt"), extra: [H.void("input", [("type", "hidden"), ("name", "decision"), ("value", "decline")])], cls: "stack compact"),
                ]
            }
            return H.el("li", [("id", "d-\(d.id!)")], [DemandController.item(ctx, d, townships: townships, supported: false, signedIn: true, staffView: true)] + answer)
        }
        let title = ctx.t("群众文化需求", "Residents' demands")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(showAnswered ? ctx.t("已答复的需求，最近答复的在前。", "Answered demands, latest first.")
                             : ctx.t("管辖范围内尚未答复的需求，支持人数多的在前。采纳时请关联服务菜单项目或活动。", "Unanswered demands in your scope, most supported first. Link a menu item or activity when adopting."), cls: "lead"),
            H.a(showAnswered ? ctx.t("看待答复的", "Unanswered") : ctx.t("看已答复的", "Answered"), href: SiteURL.demands(.staffIndex).with([("answered", showAnswered ? nil : "1")]), cls: "button"),
            nodes.isEmpty ? Tables.empty(showAnswered ? ctx.t("还没有答复过的需求。", "Nothing answered yet.") : ctx.t("没有待答复的需求。", "No demands are waiting."))
                : H.el("ul", [("class", "card-list")], nodes),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.demands(.staffIndex).with([("answered", showAnswered ? "1" : nil), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func answer(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.editRegistry)
        guard let demand = try await Demand.find(req.id(), on: req.db) else { throw AppError.notFound }
        try staff.scope.authorize(demand)
        let form = try req.content.decode([String: String].self)
        let key = demand.id!.uuidString
        let answer: DemandDesk.Answer
        if form["decision"] == "decline" {
            answer = .declined(reason: form["reason-\(key)"] ?? "")
        } else {
            let item = form["serviceItem-\(key)"].flatMap(UUID.init(uuidString:))
            let activity = form["activity-\(key)"].flatMap(UUID.init(uuidString:))
            // Only what is in one's own scope may be linked.
            if let item, try await staff.scope.filter(ServiceItem.query(on: req.db)).filter(\.$id == item).count() == 0 { throw AppError.forbidden }
            if let activity, try await staff.scope.filter(Activity.query(on: req.db)).filter(\.$id == activity).count() == 0 { throw AppError.forbidden }
            answer = .adopted(serviceItem: item, activity: activity, note: form["note-\(key)"] ?? "")
        }
        do {
            try await DemandDesk.answer(demand, answer, staffID: staff.account.requireID(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已答复，提出和支持这条需求的群众都能在需求页面看到。", "Answered; everyone who asked or supported sees it on the demands page.")
        } catch AppError.invalid(let errors) {
            Flash.set(req, errors.values.first ?? "", errors.values.first ?? "")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.demands(.staffIndex).path)
    }
}
