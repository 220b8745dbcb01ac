import Foundation

/// One order, with whatever the page needs to show its history and this account's next steps.
struct OrderPage {
    let order: ServiceOrder
    let item: ServiceItem
    let venue: Venue
    let village: Region
    let activity: Activity?
    let orderedBy: String
    let decidedBy: String
    let deliveredBy: String
    let actsForVillage: Bool
    let actsForVenue: Bool
    let rating: RatingPanel.Model?
    /// The step whose form failed, with what was typed and why it failed.
    let step: OrderStep?
    let form: [String: String]
    let errors: FieldErrors
    let problem: String?
}

enum OrderPageView {
    static func render(_ ctx: PageContext, _ p: OrderPage, time: DisplayTime) -> String {
        let o = p.order
        let title = p.item.title + ctx.t(" · 点单", " · order")
        return Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("点单", "Village orders"), SiteURL.orders(.staffIndex).path), (p.item.title, nil)]), [
            H.h1(title),
            p.problem.map { Forms.problem($0) } ?? H.empty,
            H.facts([
                (ctx.t("状态", "Status"), OrderView.statusBadge(ctx, o, now: time.now)),
                (ctx.t("点单的村（社区）", "Village"), H.text(p.village.name)),
                (ctx.t("提供场馆", "Venue"), H.a(p.venue.name, href: SiteURL.venues(.show(.id(p.venue.id!))).path)),
                (ctx.t("服务项目", "Item"), H.text("\(p.item.kind.label(ctx.lang)) · \(p.item.title)")),
                (ctx.t("数量", "Quantity"), H.text("\(o.quantity) \(p.item.unit)（" + ctx.t("计入 \(PeriodName.text(o.periodKey, ctx.lang))", "counted in \(PeriodName.text(o.periodKey, ctx.lang))") + "）")),
                (ctx.t("希望时间", "Window"), H.text("\(o.windowStart) – \(o.windowEnd)")),
                (ctx.t("预计观众", "Expected audience"), H.text(ctx.t("\(o.expectedAudience) 人", "\(o.expectedAudience)"))),
                (ctx.t("联系人", "Contact"), H.group(H.text(PersonalData.maskingPhones(in: o.contact) + " "),
                    PersonalData.maskingPhones(in: o.contact) == o.contact ? H.empty
                        : Forms.actionButton(ctx, action: SiteURL.orders(.staffContact(.id(o.id!))).path, title: ctx.t("查看完整电话", "Show the full number")))),
                (ctx.t("补充说明", "Notes"), H.text(o.notes.isEmpty ? "—" : o.notes)),
                (ctx.t("受理期限", "Answer due"), H.text(time.dateTime(o.decisionDue.addingTimeInterval(-60)))), // the end of the last working day
                (ctx.t("安排的活动", "Scheduled activity"), p.activity.map {
                    H.group(H.a($0.title, href: SiteURL.activities(.show(.id($0.id!))).path),
                            H.text(" · " + time.dateTime($0.startsAt) + " · " + $0.location + ($0.status == .cancelled ? ctx.t("（已取消）", " (cancelled)") : "") + " · "),
                            H.a(ctx.t("村里的活动日历", "The village's calendar"),
                                href: SiteURL.activities(.calendar).with([("village", p.village.id!.uuidString), ("month", String(DisplayTime.day($0.startsAt, in: time.timeZone).prefix(7)))])))
                } ?? H.text("—")),
            ]),
            history(ctx, p, time: time),
            actions(ctx, p, time: time),
            p.rating.map { RatingPanel.render(ctx, $0, heading: ctx.t("评价这次服务", "Rate this service")) } ?? H.empty,
        ])
    }

    static func history(_ ctx: PageContext, _ p: OrderPage, time: DisplayTime) -> HNode {
        let o = p.order
        var events: [HNode] = [H.text(time.dateTime(o.orderedAt) + " " + ctx.t("\(p.orderedBy) 提交点单", "ordered by \(p.orderedBy)"))]
        if let at = o.decidedAt {
            let what: String = switch o.status {
            case .declined: ctx.t("婉拒：\(o.reason)", "declined: \(o.reason)")
            case .proposed: ctx.t("提议改到 \(o.proposedStartsAt.map(time.dateTime) ?? "")：\(o.proposalNote)", "proposed \(o.proposedStartsAt.map(time.dateTime) ?? ""): \(o.proposalNote)")
            default: o.proposedStartsAt != nil ? ctx.t("提议改期：\(o.proposalNote)", "proposed another date: \(o.proposalNote)") : ctx.t("受理", "accepted")
            }
            events.append(H.text(time.dateTime(at) + " " + p.decidedBy + " " + what))
        }
        if let at = o.acceptedAt, o.acceptedAt != o.decidedAt { events.append(H.text(time.dateTime(at) + " " + ctx.t("村里确认新的时间，活动已安排", "the village confirmed the new date"))) }
        if o.status == .withdrawn { events.append(H.text(ctx.t("村里撤回：\(o.reason)", "withdrawn by the village: \(o.reason)"))) }
        if o.status == .cancelled { events.append(H.text(ctx.t("活动被取消，名额已退回", "the activity was cancelled; the quantity went back"))) }
        if let at = o.deliveredAt {
            events.append(H.text(time.dateTime(at) + " " + ctx.t("\(p.deliveredBy) 确认送达", "delivery confirmed by \(p.deliveredBy)") + (o.deliveryNote.isEmpty ? "" : "：" + o.deliveryNote)))
        }
        return H.section(labelledBy: "history", title: ctx.t("办理经过", "History"), [H.el("ol", [("class", "timeline")], events.map { H.el("li", [], $0) })])
    }

    static func actions(_ ctx: PageContext, _ p: OrderPage, time: DisplayTime) -> HNode {
        let o = p.order
        let id = o.id!
        var forms: [HNode] = []
        let value = { (name: String) in p.form[name] ?? "" }
        let error = { (step: OrderStep, name: String) in p.step == step ? p.errors[name] : nil }
        func scheduleFields(_ step: OrderStep) -> [FormField] {
            [FormField(name: "date", label: ctx.t("日期", "Date"), kind: .date, value: p.step == step ? value("date") : o.windowStart, error: error(step, "date"), required: true),
             FormField(name: "starts", label: ctx.t("开始时间", "Starts"), kind: .time, value: p.step == step ? value("starts") : "19:00", error: error(step, "starts"), required: true),
             FormField(name: "ends", label: ctx.t("结束时间", "Ends"), kind: .time, value: p.step == step ? value("ends") : "21:00", error: error(step, "ends"), required: true)]
        }
        if p.actsForVenue && o.status == .pending {
            forms.append(H.section(labelledBy: "accept", title: ctx.t("受理并安排", "Accept and schedule"), [
                H.p(ctx.t("在村里希望的 \(o.windowStart) 至 \(o.windowEnd) 之间选一个时间。提交后自动生成一场在村里举行的流动服务活动。",
                          "Pick a time between \(o.windowStart) and \(o.windowEnd). A mobile activity in the village is created for it."), cls: "hint"),
                Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .accept)).path, fields: scheduleFields(.accept) + [
                    FormField(name: "location", label: ctx.t("地点（选填）", "Place (optional)"), value: value("location"), error: error(.accept, "location"),
                              hint: ctx.t("不填则为村综合文化服务中心。", "Leave empty for the village culture centre."), maxLength: 100),
                    FormField(name: "registration", label: ctx.t("报名方式", "Registration"), kind: .select(RegistrationMode.options(ctx.lang)),
                              value: p.step == .accept ? value("registration") : RegistrationMode.open.rawValue, error: error(.accept, "registration")),
                ], submit: ctx.t("受理并安排", "Accept and schedule"), idScope: OrderStep.accept.rawValue),
            ]))
            forms.append(H.section(labelledBy: "propose", title: ctx.t("提议改期", "Propose another date"), [
                Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .propose)).path, fields: scheduleFields(.propose) + [
                    FormField(name: "note", label: ctx.t("改期原因", "Why"), kind: .textarea, value: p.step == .propose ? value("note") : "", error: error(.propose, "reason"),
                              required: true, maxLength: OrderDesk.maxText),
                ], submit: ctx.t("发给村里确认", "Send to the village"), idScope: OrderStep.propose.rawValue),
            ]))
            forms.append(H.section(labelledBy: "decline", title: ctx.t("婉拒", "Decline"), [
                Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .decline)).path, fields: [
                    FormField(name: "reason", label: ctx.t("婉拒原因", "Reason"), kind: .textarea, value: p.step == .decline ? value("reason") : "",
                              error: error(.decline, "reason"), hint: ctx.t("村里会看到这个原因，名额会退回菜单。", "The village sees it; the quantity goes back on the menu."),
                              required: true, maxLength: OrderDesk.maxText),
                ], submit: ctx.t("婉拒点单", "Decline the order"), idScope: OrderStep.decline.rawValue),
            ]))
        }
        if p.actsForVillage && o.status == .proposed {
            forms.append(H.section(labelledBy: "confirm", title: ctx.t("场馆提议改期", "The venue proposes another date"), [
                H.p(ctx.t("新的时间：\(o.proposedStartsAt.map(time.dateTime) ?? "") 至 \(o.proposedEndsAt.map(time.dateTime) ?? "")。原因：\(o.proposalNote)",
                          "New time: \(o.proposedStartsAt.map(time.dateTime) ?? "") to \(o.proposedEndsAt.map(time.dateTime) ?? ""). Reason: \(o.proposalNote)")),
                Forms.actionButton(ctx, action: SiteURL.orders(.staffStep(.id(id), .confirm)).path, title: ctx.t("接受新的时间", "Accept the new date")),
                Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .refuse)).path, fields: [
                    FormField(name: "reason", label: ctx.t("不接受的原因", "Why it does not suit"), value: p.step == .refuse ? value("reason") : "",
                              error: error(.refuse, "reason"), required: true, maxLength: OrderDesk.maxText),
                ], submit: ctx.t("不接受，结束点单", "Refuse and end the order"), idScope: OrderStep.refuse.rawValue),
            ]))
        }
        if p.actsForVillage && (o.status == .pending || o.status == .proposed) {
            forms.append(H.section(labelledBy: "withdraw", title: ctx.t("撤回点单", "Withdraw"), [
                Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .withdraw)).path, fields: [
                    FormField(name: "reason", label: ctx.t("撤回原因", "Reason"), value: p.step == .withdraw ? value("reason") : "",
                              error: error(.withdraw, "reason"), required: true, maxLength: OrderDesk.maxText),
                ], submit: ctx.t("撤回点单", "Withdraw the order"), idScope: OrderStep.withdraw.rawValue),
            ]))
        }
        if p.actsForVillage && o.status == .accepted {
            let ended = p.activity.map { $0.hasEnded(at: time.now) } ?? false
            forms.append(H.section(labelledBy: "deliver", title: ctx.t("确认送达", "Confirm delivery"), [
                ended ? Forms.form(ctx, action: SiteURL.orders(.staffStep(.id(id), .deliver)).path, fields: [
                    FormField(name: "note", label: ctx.t("送达情况（选填）", "How it went (optional)"), kind: .textarea, value: p.step == .deliver ? value("note") : "",
                              error: error(.deliver, "note"), hint: ctx.t("例如实际到场人数、群众反响。", "E.g. how many came and how people liked it."), maxLength: OrderDesk.maxText),
                ], submit: ctx.t("确认已送达", "Confirm delivered"), idScope: OrderStep.deliver.rawValue)
                    : H.p(ctx.t("活动结束后，请在这里确认送达并评价。", "After the activity, confirm delivery and rate it here."), cls: "hint"),
            ]))
        }
        return forms.isEmpty ? H.empty : H.group(forms)
    }
}
