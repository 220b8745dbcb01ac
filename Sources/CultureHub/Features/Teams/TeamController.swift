import Fluent
import Foundation
import Vapor

/// `/teams`: the public registry of folk art teams and each team's page (R6.2).
enum TeamController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: false)
        let townships = try await req.townships()
        let township = townships.find(req.query[UUID.self, at: "township"])
        let kind = FolkArtKind(rawValue: req.query[String.self, at: "kind"] ?? "")
        let registeredOnly = req.query[String.self, at: "registered"] == "1"
        let query = FolkTeam.query(on: req.db).with(\.$township).with(\.$village)
        if let township { query.filter(\.$townshipPath == township.path) }
        if let kind { query.filter(\.$kind == kind) }
        if registeredOnly { query.filter(\.$registered == true) }
        let page = try await query.sort(\.$townshipPath).sort(\.$name).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 30))
        let title = ctx.t("群众文艺团队", "Folk art teams")
        let rows: [[HNode]] = page.items.map { t in
            [H.a(t.name, href: SiteURL.teams(.show(.id(t.id!))).path), H.text(t.kind.label(ctx.lang)), H.text([t.township.name, t.village?.name].compactMap { $0 }.joined(separator: " · ")),
             t.registered ? H.badge(ctx.t("已登记注册", "Registered"), tone: "ok") : H.text(ctx.t("未登记", "Not registered"))]
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("活跃在各乡镇、村（社区）的舞蹈队、戏曲队、合唱团、锣鼓队和书画社。已正式登记注册的团队可免费使用公共文化场馆的排练场地，并接受文化馆的业务辅导。",
                      "Dance troupes, opera groups, choirs, drum bands and calligraphy clubs in the townships and villages. Registered teams rehearse in public venues free and are guided by the cultural centre."), cls: "lead"),
            H.el("form", [("method", "get"), ("action", SiteURL.teams(.index).path), ("class", "filters")], [
                Forms.field(FormField(name: "township", label: ctx.t("乡镇", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全部", "All"))), value: township?.id.uuidString ?? ""), ctx),
                Forms.field(FormField(name: "kind", label: ctx.t("类别", "Kind"), kind: .select([.init(value: "", label: ctx.t("全部", "All"))] + FolkArtKind.options(ctx.lang)), value: kind?.rawValue ?? ""), ctx),
                Forms.field(FormField(name: "registered", label: ctx.t("只看已登记注册的", "Registered only"), kind: .checkbox, value: registeredOnly ? "1" : ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("筛选", "Filter"))),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的团队。", "No teams match."))
                : Tables.table(caption: title, headers: [ctx.t("团队", "Team"), ctx.t("类别", "Kind"), ctx.t("所在地", "Where"), ctx.t("登记", "Registration")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.teams(.index).with([("township", township?.id.uuidString), ("kind", kind?.rawValue), ("registered", registeredOnly ? "1" : nil), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let team = try await FolkTeam.query(on: req.db).filter(\.$id == req.id()).with(\.$township).with(\.$village).first() else { throw AppError.notFound }
        let ctx = PageContext(req, hasForm: false)
        let time = req.displayTime
        let members = try await FolkTeamMember.query(on: req.db).filter(\.$team.$id == team.requireID()).count()
        let links = try await FolkTeamActivity.query(on: req.db).filter(\.$team.$id == team.requireID()).with(\.$activity).all()
            .filter { $0.activity.status != .cancelled }.sorted { $0.activity.startsAt > $1.activity.startsAt }
        let works = try await CreativeWork.query(on: req.db).filter(\.$teamID == team.requireID()).sort(\.$createdOn, .descending).all()
        let html = Layout.page(ctx, title: team.name, crumbs: [.init(title: ctx.t("群众文艺团队", "Folk art teams"), url: SiteURL.teams(.index).path), .init(title: team.name, url: nil)], [
            H.h1(team.name),
            H.facts([
                (ctx.t("类别", "Kind"), H.text(team.kind.label(ctx.lang))),
                (ctx.t("所在地", "Where"), H.text([team.township.name, team.village?.name].compactMap { $0 }.joined(separator: " · "))),
                (ctx.t("队长", "Leader"), H.text(PersonalData.name(team.leaderName))),
                (ctx.t("成员", "Members"), H.text(ctx.t("\(members) 人", "\(members)"))),
                (ctx.t("成立", "Founded"), H.text(team.foundedYear.map { ctx.t("\($0) 年", String($0)) } ?? "—")),
                (ctx.t("登记注册", "Registration"), H.text(team.registered ? ctx.t("已登记，编号 \(team.registrationNumber)（\(team.registeredOn ?? "")）", "Registered, no. \(team.registrationNumber) (\(team.registeredOn ?? ""))")
                                                            : ctx.t("未登记", "Not registered"))),
            ]),
            team.details.isEmpty ? H.empty : H.p(team.details),
            H.section(labelledBy: "activities", title: ctx.t("参加的活动", "Activities taken part in"), [
                links.isEmpty ? Tables.empty(ctx.t("还没有记录这个团队参加的活动。", "No activities recorded for this team yet."))
                    : Tables.table(caption: ctx.t("参加的活动", "Activities"), headers: [ctx.t("活动", "Activity"), ctx.t("时间", "When"), ctx.t("地点", "Where"), ctx.t("角色", "Part")],
                                   rows: links.prefix(100).map { l in
                                       [H.a(l.activity.title, href: SiteURL.activities(.show(.id(l.activity.id!))).path), H.text(time.span(l.activity.startsAt, l.activity.endsAt)),
                                        H.text(l.activity.location), H.text(l.role)]
                                   }),
            ]),
            works.isEmpty ? H.empty : H.section(labelledBy: "works", title: ctx.t("原创作品", "Original works"), [
                H.ul(works.map { H.a($0.title + "（" + $0.kind.label(ctx.lang) + "）", href: SiteURL.works(.show(.id($0.id!))).path) }),
            ]),
        ])
        return Layout.response(html)
    }
}
