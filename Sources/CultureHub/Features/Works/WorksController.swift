import Fluent
import Foundation
import Vapor

/// `/works`: original works of mass creation, their awards and performances (R6.4);
/// `/works/new` for citizens and team leaders to register theirs.
enum WorksController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req, hasForm: false)
        let townships = try await req.townships()
        let township = townships.find(req.query[UUID.self, at: "township"])
        let kind = WorkKind(rawValue: req.query[String.self, at: "kind"] ?? "")
        let query = CreativeWork.query(on: req.db).filter(\.$listed == true)
        if let township { query.within(\.$regionPath, township.path) }
        if let kind { query.filter(\.$kind == kind) }
        let page = try await query.sort(\.$createdOn, .descending).sort(\.$id).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 30))
        let awards = try await CreativeWorkEvent.query(on: req.db).filter(\.$work.$id ~~ page.items.compactMap(\.id)).filter(\.$kind == .award).all()
        let title = ctx.t("群众文艺原创作品", "Original works")
        let rows: [[HNode]] = page.items.map { w in
            let won = awards.filter { $0.$work.id == w.id }.map(\.text)
            return [H.a(w.title, href: SiteURL.works(.show(.id(w.id!))).path), H.text(w.kind.label(ctx.lang)), H.text(w.creators), H.text(w.createdOn),
                    H.text(townships.township(containing: w.regionPath)?.name ?? "—"), H.text(won.isEmpty ? "—" : won.joined(separator: "；"))]
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("群众文艺团队和群众自己创作的戏曲、歌曲、舞蹈、曲艺、书画等作品，以及文化馆的创作辅导和获奖情况。",
                      "Operas, songs, dances, ballads and calligraphy created by teams and citizens, with the cultural centre's guidance and the awards they won."), cls: "lead"),
            H.el("p", [], H.a(ctx.t("登记我的原创作品", "Register my work"), href: SiteURL.works(.new).path, cls: "button")),
            H.el("form", [("method", "get"), ("action", SiteURL.works(.index).path), ("class", "filters")], [
                Forms.field(FormField(name: "township", label: ctx.t("乡镇", "Township"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("全部", "All"))), value: township?.id.uuidString ?? ""), ctx),
                Forms.field(FormField(name: "kind", label: ctx.t("类别", "Kind"), kind: .select([.init(value: "", label: ctx.t("全部", "All"))] + WorkKind.options(ctx.lang)), value: kind?.rawValue ?? ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("筛选", "Filter"))),
            ]),
            rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的作品。", "No works match."))
                : Tables.table(caption: title, headers: [ctx.t("作品", "Work"), ctx.t("类别", "Kind"), ctx.t("创作者", "Creators"), ctx.t("创作日期", "Created"), ctx.t("乡镇", "Township"), ctx.t("获奖", "Awards")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.works(.index).with([("township", township?.id.uuidString), ("kind", kind?.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let work = try await CreativeWork.find(req.id(), on: req.db) else { throw AppError.notFound }
        let account = req.auth.get(Account.self)
        let isOwn = account?.id != nil && work.accountID == account?.id
        let staffMaySee = (try? req.staff()).map { $0.scope.reads(regionPath: work.regionPath) } ?? false
        guard work.listed || isOwn || staffMaySee else { throw AppError.notFound }
        let ctx = PageContext(req, hasForm: false)
        let team = try await work.teamID.asyncMap { try await FolkTeam.find($0, on: req.db) } ?? nil
        let events = try await CreativeWorkEvent.query(on: req.db).filter(\.$work.$id == work.requireID()).with(\.$activity).sort(\.$day, .descending).all()
        let html = Layout.page(ctx, title: work.title, crumbs: [.init(title: ctx.t("原创作品", "Original works"), url: SiteURL.works(.index).path), .init(title: work.title, url: nil)], [
            H.h1(work.title),
            work.listed ? H.empty : H.p(ctx.t("这部作品正在等待文化馆审核，审核后会公开展示。", "This work is waiting for the cultural centre's review before it is shown publicly."), cls: "notice"),
            H.facts([
                (ctx.t("类别", "Kind"), H.text(work.kind.label(ctx.lang))),
                (ctx.t("创作者", "Creators"), H.text(work.creators)),
                (ctx.t("创作日期", "Created"), H.text(work.createdOn)),
                (ctx.t("团队", "Team"), team.map { H.a($0.name, href: SiteURL.teams(.show(.id($0.id!))).path) } ?? H.text("—")),
            ]),
            work.details.isEmpty ? H.empty : H.p(work.details),
            work.links.isEmpty ? H.empty : H.section(labelledBy: "media", title: ctx.t("作品音视频和图片", "Recordings and images"), [
                H.ul(work.links.map { H.el("a", [("href", $0), ("rel", "noopener nofollow")], H.text($0)) }),
            ]),
            H.section(labelledBy: "record", title: ctx.t("辅导、获奖和演出", "Guidance, awards and performances"), [
                events.isEmpty ? Tables.empty(ctx.t("还没有记录。", "Nothing recorded yet."))
                    : Tables.table(caption: ctx.t("作品记录", "Record"), headers: [ctx.t("日期", "Day"), ctx.t("类型", "Kind"), ctx.t("内容", "What")],
                                   rows: events.map { e in
                                       [H.text(e.day), H.text(e.kind.label(ctx.lang)),
                                        e.activity.map { H.group(H.a($0.title, href: SiteURL.activities(.show(.id($0.id!))).path), H.text(e.text.isEmpty ? "" : " · " + e.text)) } ?? H.text(e.text)]
                                   }),
            ]),
        ])
        return Layout.response(html)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        try await renderNew(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(CreativeWorkInput.self)
        do {
            let work = try await CreativeWorkDesk.register(input, account: account, staff: nil, now: req.now,
                                                           today: req.displayTime.today, lang: req.lang, on: req.db)
            Flash.set(req, "作品“\(work.title)”已提交，文化馆审核后会公开展示。", "“\(work.title)” sent; it is shown publicly once the cultural centre has reviewed it.")
            return req.redirect(to: SiteURL.works(.show(.id(work.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderNew(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderNew(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let ctx = PageContext(req, hasForm: true)
        let townships = try await req.townships()
        let led = try await FolkTeam.query(on: req.db).filter(\.$leader.$id == account.requireID()).sort(\.$name).all()
        let title = ctx.t("登记原创作品", "Register an original work")
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("原创作品", "Original works"), url: SiteURL.works(.index).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("登记后由文化馆审核，审核通过即在“原创作品”中公开展示。文化馆会记录对作品的辅导、获奖和演出。",
                      "The cultural centre reviews it before it is shown; it records guidance, awards and performances."), cls: "lead"),
            Forms.form(ctx, action: SiteURL.works(.new).path, fields: workFields(ctx, form, errors, townships: townships, teams: led), submit: ctx.t("提交", "Send")),
        ])
        return Layout.response(html, status: status)
    }

    static func workFields(_ ctx: PageContext, _ form: [String: String], _ errors: FieldErrors, townships: TownshipIndex, teams: [FolkTeam]) -> [FormField] {
        var fields = [
            FormField(name: "title", label: ctx.t("作品名称", "Title"), value: form["title"] ?? "", error: errors["title"], required: true, maxLength: 60),
            FormField(name: "kind", label: ctx.t("类别", "Kind"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + WorkKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
            FormField(name: "creators", label: ctx.t("创作者", "Creators"), value: form["creators"] ?? "", error: errors["creators"], hint: ctx.t("例如：词 王建国，曲 李秀兰", "e.g. words by …, music by …"), required: true, maxLength: 100),
            FormField(name: "createdOn", label: ctx.t("创作完成日期", "Completed on"), kind: .date, value: form["createdOn"] ?? "", error: errors["createdOn"], required: true),
        ]
        if !teams.isEmpty {
            fields.append(FormField(name: "team", label: ctx.t("所属团队（选填）", "Team (optional)"), kind: .select([.init(value: "", label: ctx.t("个人作品", "My own"))] + teams.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                                    value: form["team"] ?? "", error: errors["team"]))
        }
        fields += [
            FormField(name: "township", label: ctx.t("所在乡镇（不属于团队时必填）", "Township (needed unless for a team)"), kind: .select(townships.options(ctx.lang, allLabel: ctx.t("请选择", "Choose"))),
                      value: form["township"] ?? "", error: errors["township"]),
            FormField(name: "mediaLinks", label: ctx.t("音视频或图片链接（选填）", "Links to recordings or images (optional)"), kind: .textarea, value: form["mediaLinks"] ?? "", error: errors["mediaLinks"],
                      hint: ctx.t("以 https:// 开头，每行一个，最多 3 个", "https://, one per line, up to 3"), maxLength: 920),
            FormField(name: "description", label: ctx.t("作品简介（选填）", "About the work (optional)"), kind: .textarea, value: form["description"] ?? "", error: errors["description"], maxLength: 500),
        ]
        return fields
    }
}
