import Fluent
import Foundation
import Vapor

/// `/staff/programmes`: procured mobile programmes (送戏下乡) with their budget and shows, and
/// each programme's shows by village (R4.3). Shows are scheduled with the tour planner.
enum ProgrammeController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: ["year": String(req.displayTime.today.prefix(4))], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(ProgrammeInput.self)
        do {
            let p = try await ProgrammeDesk.create(input, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记“\(p.title)”。下一步：在流动服务覆盖页面勾选村，用巡回路线安排演出场次。",
                      "“\(p.title)” registered. Next: tick villages on the mobile-coverage page and schedule its shows with the tour planner.")
            return req.redirect(to: SiteURL.mobileServices(.programme(.id(p.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let year = req.query[Int.self, at: "year"] ?? Int(req.displayTime.today.prefix(4)) ?? 2026
        let programmes = try await staff.scope.filter(Programme.query(on: req.db)).filter(\.$year == year).with(\.$venue).sort(\.$createdAt).all()
        let delivered = try await deliveredCounts(programmes.compactMap(\.id), now: req.now, on: req.db)
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).filter(\.$type != .villageCentre).sort(\.$name).limit(500).all()
        let title = ctx.t("送戏下乡等采购项目", "Procured mobile programmes")
        let rows: [[HNode]] = programmes.map { p in
            [H.a(p.title, href: SiteURL.mobileServices(.programme(.id(p.id!))).path), H.text(p.provider), H.text(Money.text(fen: p.budgetFen, ctx.lang)),
             H.text(ctx.t("\(p.showsPlanned) 场", "\(p.showsPlanned)")), H.text(ctx.t("\(p.showsAssigned) 场", "\(p.showsAssigned)")),
             H.text(ctx.t("\(delivered[p.id!] ?? 0) 场", "\(delivered[p.id!] ?? 0)")), H.text(Money.text(fen: p.costPerShowFen, ctx.lang))]
        }
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("政府采购的文艺演出、电影放映等进村项目：承演单位、预算和采购场次。场次通过巡回路线安排到村，演出结束后计入流动服务覆盖。",
                      "Government-procured shows and screenings for villages: the provider, budget and number of shows. Shows are scheduled to villages with the tour planner and count towards mobile coverage."), cls: "lead"),
            H.el("p", [("class", "filters")], [year - 1, year, year + 1].map {
                H.a(ctx.t("\($0) 年", "\($0)"), href: SiteURL.mobileServices(.programmes).with([("year", String($0))]), cls: "button small", current: $0 == year)
            }),
            rows.isEmpty ? Tables.empty(ctx.t("\(year) 年还没有登记采购项目。", "No programmes registered for \(year)."))
                : Tables.table(caption: title, headers: [ctx.t("项目", "Programme"), ctx.t("承演单位", "Provider"), ctx.t("预算", "Budget"), ctx.t("采购场次", "Shows bought"),
                                                         ctx.t("已安排", "Scheduled"), ctx.t("已演出", "Performed"), ctx.t("每场成本", "Cost per show")], rows: rows),
            staff.role.may(.editRegistry) && !venues.isEmpty ? H.section(labelledBy: "new-programme", title: ctx.t("登记采购项目", "Register a programme"), [
                Forms.form(ctx, action: SiteURL.mobileServices(.programmes).path, fields: [
                    FormField(name: "venue", label: ctx.t("负责场馆", "Managing venue"), kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["venue"] ?? "", error: errors["venue"], required: true),
                    FormField(name: "year", label: ctx.t("年度", "Year"), kind: .number, value: form["year"] ?? "", error: errors["year"], required: true),
                    FormField(name: "title", label: ctx.t("项目名称", "Title"), value: form["title"] ?? "", error: errors["title"],
                              hint: ctx.t("例如：2026 年送戏下乡", "e.g. 2026 Opera to the Villages"), required: true, maxLength: 60),
                    FormField(name: "provider", label: ctx.t("承演单位", "Provider"), value: form["provider"] ?? "", error: errors["provider"], required: true, maxLength: 60),
                    FormField(name: "budget", label: ctx.t("预算（元）", "Budget (yuan)"), value: form["budget"] ?? "", error: errors["budget"], required: true, inputmode: "decimal"),
                    FormField(name: "shows", label: ctx.t("采购场次", "Shows bought"), kind: .number, value: form["shows"] ?? "", error: errors["shows"], required: true),
                    FormField(name: "notes", label: ctx.t("备注", "Notes"), kind: .textarea, value: form["notes"] ?? "", error: errors["notes"], maxLength: 500),
                ], submit: ctx.t("登记", "Register")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let p = try await staff.scope.filter(Programme.query(on: req.db)).filter(\.$id == req.id()).with(\.$venue).first() else { throw AppError.notFound }
        let ctx = PageContext(req)
        let time = req.displayTime
        let shows = try await Activity.query(on: req.db).filter(\.$programme.$id == p.requireID()).with(\.$village).sort(\.$startsAt).all()
        let performed = shows.filter { $0.status == .published && $0.hasEnded(at: req.now) }
        let audience = performed.reduce(0) { $0 + ($1.headcount ?? 0) }
        let html = Layout.page(ctx, title: p.title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("采购项目", "Programmes"), SiteURL.mobileServices(.programmes).path), (p.title, nil)]), [
            H.h1(p.title),
            H.facts([
                (ctx.t("承演单位", "Provider"), H.text(p.provider)),
                (ctx.t("负责场馆", "Managing venue"), H.text(p.venue.name)),
                (ctx.t("预算", "Budget"), H.text(Money.text(fen: p.budgetFen, ctx.lang) + ctx.t("（每场 \(Money.text(fen: p.costPerShowFen, ctx.lang))）", " (\(Money.text(fen: p.costPerShowFen, ctx.lang)) a show)"))),
                (ctx.t("场次", "Shows"), H.text(ctx.t("采购 \(p.showsPlanned) 场，已安排 \(p.showsAssigned) 场，已演出 \(performed.count) 场，还可安排 \(p.showsPlanned - p.showsAssigned) 场",
                                                         "\(p.showsPlanned) bought, \(p.showsAssigned) scheduled, \(performed.count) performed, \(p.showsPlanned - p.showsAssigned) left"))),
                (ctx.t("观众", "Audience"), H.text(ctx.t("已登记到场 \(audience) 人", "\(audience) counted so far"))),
                (ctx.t("备注", "Notes"), H.text(p.notes.isEmpty ? "—" : p.notes)),
            ]),
            p.showsAssigned < p.showsPlanned && staff.role.may(.editRegistry)
                ? H.a(ctx.t("选择还没有服务过的村，安排演出", "Choose villages not yet reached and schedule shows"), href: SiteURL.mobileServices(.index).with([("period", "year")]), cls: "button primary") : H.empty,
            shows.isEmpty ? Tables.empty(ctx.t("还没有安排演出场次。", "No shows scheduled yet."))
                : Tables.table(caption: ctx.t("演出场次", "Shows"), headers: [ctx.t("时间", "When"), ctx.t("村（社区）", "Village"), ctx.t("状态", "Status"), ctx.t("到场人数", "Audience")],
                               rows: shows.map { a in
                                   [H.a(time.dateTime(a.startsAt), href: SiteURL.activities(.staffShow(.id(a.id!))).path), H.text(a.village?.name ?? "—"),
                                    H.text(a.status == .cancelled ? ctx.t("已取消", "Cancelled") : a.hasEnded(at: req.now) ? ctx.t("已演出", "Performed") : ctx.t("待演出", "Coming")),
                                    H.text(a.headcount.map(String.init) ?? "—")]
                               }),
        ])
        return Layout.response(html)
    }

    static func deliveredCounts(_ ids: [UUID], now: Date, on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Activity.query(on: db).filter(\.$programme.$id ~~ ids).filter(\.$status == .published).filter(\.$endsAt <= now)
            .field(\.$id).field(\.$programme.$id).all()
        return rows.reduce(into: [:]) { acc, a in if let p = a.$programme.id { acc[p, default: 0] += 1 } }
    }
}
