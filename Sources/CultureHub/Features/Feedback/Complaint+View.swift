import Fluent
import Foundation

/// One complaint with its history, for the citizen and for staff (each adds their own actions).
enum ComplaintView {
    static func statusBadge(_ ctx: PageContext, _ c: Complaint, now: Date) -> HNode {
        if c.isOverdue(at: now) { return H.group(H.badge(c.status.label(ctx.lang)), H.text(" "), H.badge(ctx.t("已超期", "Overdue"), tone: "warn")) }
        return H.badge(c.status.label(ctx.lang), tone: c.status == .closed ? "ok" : c.status == .answered ? "accent" : "neutral")
    }

    static func duration(_ seconds: TimeInterval, _ lang: Lang) -> String {
        let hours = Int(seconds / 3600)
        return hours < 48 ? lang.t("\(max(hours, 0)) 小时", "\(max(hours, 0)) h") : lang.t("\(hours / 24) 天 \(hours % 24) 小时", "\(hours / 24) d \(hours % 24) h")
    }

    static func page(_ ctx: PageContext, _ c: Complaint, now: Date, time: DisplayTime, photoURL: String, crumbs: [Layout.Crumb],
                     actions: [HNode], area: Layout.Area = .publicSite, on db: any Database) async throws -> String {
        let venue = try await c.$venue.get(on: db)
        let activity = try await c.$activity.get(on: db)
        let events = try await ComplaintEvent.query(on: db).filter(\.$complaint.$id == c.requireID()).sort(\.$seq).all()
        var facts: [(String, HNode)] = [
            (ctx.t("编号", "Reference"), H.text(c.reference)),
            (ctx.t("类型", "Type"), H.text(c.kind.label(ctx.lang) + " · " + c.category.label(ctx.lang))),
            (ctx.t("对象", "About"), H.group(H.a(venue.name, href: SiteURL.venues(.show(.id(venue.id!))).path),
                                             activity.map { H.group(H.text(" · "), H.a($0.title, href: SiteURL.activities(.show(.id($0.id!))).path)) } ?? H.empty)),
            (ctx.t("提交时间", "Submitted"), H.text(time.dateTime(c.createdAt))),
            (ctx.t("答复期限", "Answer due by"), H.text(time.dateTime(c.dueAt.addingTimeInterval(-60)))),
            (ctx.t("状态", "Status"), statusBadge(ctx, c, now: now)),
            (ctx.t("答复方式", "Answer by"), H.text(c.contact.label(ctx.lang))),
        ]
        if let response = c.responseTime {
            facts.append((ctx.t("首次答复用时", "First answer after"), H.text(duration(response, ctx.lang) + (c.wasAnsweredLate ? ctx.t("（超期）", " (late)") : ""))))
        }
        let title = c.kind.label(ctx.lang) + " " + c.reference
        let history = events.map { e in
            H.el("li", [], [
                H.el("p", [("class", "comment-meta")], H.text(time.dateTime(e.createdAt) + " · " + e.action.label(ctx.lang) + " · "
                                                              + (e.byStaff ? ctx.t("工作人员", "Staff") : ctx.t("群众", "Citizen")))),
                e.note.isEmpty ? H.empty : H.p(e.note),
            ])
        }
        return Layout.page(ctx, title: title, area: area, crumbs: crumbs + [.init(title: c.reference, url: nil)], [
            H.h1(title),
            H.facts(facts),
            H.section(labelledBy: "text", title: ctx.t("内容", "What was raised"), c.text.split(separator: "\n").map { H.p(String($0)) }
                      + [c.photoPath == nil ? H.empty : H.a(ctx.t("查看所附照片", "View the attached photo"), href: photoURL)]),
            c.answer.isEmpty ? H.empty : H.section(labelledBy: "answer", title: ctx.t("答复", "Answer"), c.answer.split(separator: "\n").map { H.p(String($0)) }),
            H.section(labelledBy: "history", title: ctx.t("办理记录", "History"), [H.el("ol", [("class", "comments")], history)]),
            actions.isEmpty ? H.empty : H.section(labelledBy: "next", title: ctx.t("下一步", "Next step"), actions),
        ])
    }
}
