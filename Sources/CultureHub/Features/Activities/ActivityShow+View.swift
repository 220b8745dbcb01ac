import Foundation
import Plot

enum ActivityShowView {
    struct Model: Equatable {
        struct Mine: Equatable { let id: UUID; let status: RegistrationStatus; let places: Int }
        var id: UUID
        var title: String
        var kind: ServiceKind
        var details: String
        var hasPhoto: Bool
        var when: String
        var venueID: UUID
        var venueName: String
        var place: String
        var township: String?
        var groups: [TargetGroup]
        var registration: RegistrationMode
        var mode: ActivityMode = .inPerson
        var streamURL: String? = nil
        var status: ActivityStatus
        var capacity: Int
        var remaining: Int
        var waiting: Int
        var cancelDeadline: String?
        var hasStarted: Bool
        var hasEnded: Bool
        var headcount: Int?
        var maxPlaces: Int
        var signedIn: Bool
        var isStaff: Bool
        var mine: Mine?
        var placesInput: String
        var errors: FieldErrors
        var problem: String?
        var ratings: RatingPanel.Model
        /// Set when a village ordered this activity: villagers rate the order on its own page.
        var orderRatingURL: String? = nil
        var orderingVillage: String? = nil
    }

    static func render(_ ctx: PageContext, _ m: Model) -> String {
        let list = ctx.t("文化活动", "Activities")
        var facts: [(String, HNode)] = [
            (ctx.t("时间", "When"), H.text(m.when)),
            (ctx.t("主办场馆", "Organiser"), H.a(m.venueName, href: SiteURL.venues(.show(.id(m.venueID))).path)),
            (ctx.t("地点", "Where"), H.text([m.township, m.place.isEmpty ? nil : m.place].compactMap { $0 }.joined(separator: " · ").orDashIfEmpty)),
            (ctx.t("适合人群", "For"), H.text(m.groups.map { $0.label(ctx.lang) }.joined(separator: ctx.t("、", ", ")).orDashIfEmpty)),
            (ctx.t("报名方式", "Registration"), H.text(m.registration.label(ctx.lang))),
        ]
        if m.mode != .inPerson {
            facts.append((ctx.t("参与形式", "How to take part"), H.group(H.text(m.mode.label(ctx.lang) + " "),
                m.streamURL.map { H.el("a", [("href", $0), ("rel", "noopener"), ("class", "button small")], H.text(ctx.t("打开直播", "Open the live stream"))) } ?? H.empty)))
        }
        if m.registration == .required {
            facts.append((ctx.t("名额", "Places"), H.text(ctx.t("共 \(m.capacity) 个，剩余 \(m.remaining) 个", "\(m.remaining) of \(m.capacity) left")
                + (m.waiting > 0 ? ctx.t("；候补 \(m.waiting) 人", "; \(m.waiting) waiting") : ""))))
            if let deadline = m.cancelDeadline { facts.append((ctx.t("取消截止", "Cancel by"), H.text(deadline))) }
        }
        if let headcount = m.headcount { facts.append((ctx.t("到场人数", "Attendance"), H.text(ctx.t("\(headcount) 人", "\(headcount)")))) }
        return Layout.page(ctx, title: m.title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: list, url: SiteURL.activities(.index).path), .init(title: m.title, url: nil)], [
            H.h1(m.title),
            H.el("p", [("class", "tags")], [H.badge(m.kind.label(ctx.lang), tone: "accent")]
                 + (m.status == .cancelled ? [H.badge(ctx.t("已取消", "Cancelled"), tone: "warn")] : [])),
            m.hasPhoto ? H.el("figure", [("class", "activity-photo")], H.void("img", [("src", SiteURL.activities(.photo(.id(m.id))).path),
                                                                                 ("alt", ctx.t("活动照片：", "Photo: ") + m.title), ("loading", "lazy")])) : H.empty,
            H.facts(facts),
            m.details.isEmpty ? H.empty : H.section(labelledBy: "about", title: ctx.t("活动介绍", "About"), m.details.split(separator: "\n").map { H.p(String($0)) }),
            H.section(labelledBy: "take-part", title: ctx.t("参加", "Take part"), takePart(ctx, m)),
            RatingPanel.render(ctx, m.ratings, heading: ctx.t("活动评价", "Ratings")),
            m.orderRatingURL.map { url in
                H.el("p", [("class", "hint")], [H.text(ctx.t("这是\(m.orderingVillage ?? "")点单送来的服务。", "\(m.orderingVillage ?? "The village") ordered this service. ")),
                                                H.a(ctx.t("本村群众请在这里评价这次点单服务", "Villagers: rate this ordered service"), href: url)])
            } ?? H.empty,
            H.el("p", [], H.a(ctx.t("对这个活动有意见或建议？提交投诉或建议", "Something to raise about this activity? Make a complaint or suggestion"),
                              href: SiteURL.feedback(.complaintNew).with([("activity", m.id.uuidString)]))),
        ])
    }

    static func takePart(_ ctx: PageContext, _ m: Model) -> [HNode] {
        if m.status == .cancelled { return [H.p(ctx.t("这个活动已取消。看看其他活动吧。", "This activity was cancelled. Have a look at the others."))] }
        if m.hasEnded { return [H.p(ctx.t("活动已结束。", "This activity has ended."))] }
        if m.registration == .open { return [H.p(ctx.t("无需报名，到时直接前往即可。", "No registration needed: just come along."))] }
        if let mine = m.mine {
            let text = mine.status == .confirmed
                ? ctx.t("您已报名（\(mine.places) 人）。签到码在“我的报名”里。", "You are registered (\(mine.places) place(s)). Your check-in code is under My registrations.")
                : ctx.t("您在候补名单中（\(mine.places) 人），有名额时自动转为报名成功。", "You are on the waiting list (\(mine.places) place(s)); you move up automatically.")
            return [H.p(text), H.a(ctx.t("查看我的报名和签到码", "My registration and check-in code"), href: SiteURL.registrations(.show(.id(mine.id))).path, cls: "button primary")]
        }
        if m.hasStarted { return [H.p(ctx.t("活动已经开始，报名已截止。", "The activity has started; registration is closed."))] }
        guard m.signedIn else {
            return [H.p(ctx.t("报名需要先登录。没有账号？用手机号注册只要一分钟。", "Sign in to register. No account? Registering with your mobile number takes a minute.")),
                    H.a(ctx.t("登录后报名", "Sign in to register"), href: SiteURL.login.with([("next", SiteURL.activities(.show(.id(m.id))).path)]), cls: "button primary"),
                    H.text(" "), H.a(ctx.t("注册账号", "Create an account"), href: SiteURL.register.path, cls: "button")]
        }
        let options = (1...max(1, m.maxPlaces)).map { FormField.Option(value: String($0), label: ctx.t("\($0) 人", $0 == 1 ? "1 person" : "\($0) people")) }
        let fields = [FormField(name: "places", label: ctx.t("报名人数（含本人）", "Places (including you)"), kind: .select(options),
                                value: m.placesInput, error: m.errors["places"],
                                hint: m.maxPlaces > 1 ? ctx.t("可为家人一起报名，最多 \(m.maxPlaces) 人。", "You may bring family: up to \(m.maxPlaces).") : nil)]
        let note = m.remaining > 0
            ? ctx.t("提交后立即确认名额。若不能参加，请在取消截止前取消：报名后未到场累计 3 次，90 天内不能再报名。",
                    "Your place is confirmed at once. If you cannot come, cancel before the deadline: 3 no-shows block new registrations for 90 days.")
            : ctx.t("名额已满。提交后进入候补名单，有人取消时按顺序自动补上。", "Full. You will join the waiting list and move up in order when someone cancels.")
        return [
            m.problem.map { Forms.problem($0) } ?? H.empty,
            H.p(note, cls: "hint"),
            Forms.form(ctx, action: SiteURL.activities(.register(.id(m.id))).path, fields: fields,
                       submit: m.remaining > 0 ? ctx.t("确认报名", "Register") : ctx.t("加入候补", "Join the waiting list")),
        ]
    }
}

extension String {
    var orDashIfEmpty: String { isEmpty ? "—" : self }
}
