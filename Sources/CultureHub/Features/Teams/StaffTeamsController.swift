import Fluent
import Foundation
import Vapor

/// `/staff/teams`: register folk art teams, and on each team's page keep its members,
/// registration, activities and guidance, with the year's record (R6.2).
enum StaffTeamsController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await renderIndex(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(FolkTeamInput.self)
        do {
            let team = try await FolkTeamDesk.register(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记团队“\(team.name)”。可以继续添加成员、记录辅导和参加的活动。", "“\(team.name)” registered; add members, guidance and activities next.")
            return req.redirect(to: SiteURL.teams(.staffShow(.id(team.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderIndex(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func teams(_ staff: Staff, _ db: any Database) -> QueryBuilder<FolkTeam> {
        staff.scope.filterReadable(FolkTeam.query(on: db), \.$regionPath)
    }

    static func renderIndex(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let page = try await teams(staff, req.db).with(\.$township).with(\.$village).sort(\.$townshipPath).sort(\.$name)
            .paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 30))
        let places = try await Region.query(on: req.db).within(\.$path, staff.scope.ownRegionPath ?? staff.scope.readablePath).filter(\.$level != .city).sort(\.$path).limit(1_000).all()
        let townships = try await req.townships()
        let title = ctx.t("群众文艺团队", "Folk art teams")
        let rows: [[HNode]] = page.items.map { t in
            [H.a(t.name, href: SiteURL.teams(.staffShow(.id(t.id!))).path), H.text(t.kind.label(ctx.lang)), H.text([t.township.name, t.village?.name].compactMap { $0 }.joined(separator: " · ")),
             H.text(t.registered ? t.registrationNumber : ctx.t("未登记", "Not registered"))]
        }
        let canRegister = staff.may(.editRegistry) && staff.scope.ownRegionPath != nil
        let placeOptions = places.map { r -> FormField.Option in
            .init(value: r.id!.uuidString, label: r.level == .township ? r.name : [townships.township(containing: r.path)?.name, r.name].compactMap { $0 }.joined(separator: " · "))
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("乡镇和文化部门登记本地的群众文艺团队；文化馆、文化站记录业务辅导和团队参加的活动。已登记注册的团队预约场地免费，未登记的按优惠价。",
                      "Townships and the bureau keep the registry; the cultural centre and stations log guidance and activities. Registered teams book spaces free, others at a discount."), cls: "lead"),
            rows.isEmpty ? Tables.empty(ctx.t("管辖范围内还没有登记的团队。", "No teams in your scope yet."))
                : Tables.table(caption: title, headers: [ctx.t("团队", "Team"), ctx.t("类别", "Kind"), ctx.t("所在地", "Where"), ctx.t("登记编号", "Registration no.")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.teams(.staffIndex).with([("page", String($0))]) },
            canRegister ? H.section(labelledBy: "register", title: ctx.t("登记团队", "Register a team"), [
                Forms.form(ctx, action: SiteURL.teams(.staffIndex).path, fields: [
                    FormField(name: "name", label: ctx.t("团队名称", "Name"), value: form["name"] ?? "", error: errors["name"], hint: ctx.t("同一乡镇内不能重名", "Unique within the township"), required: true, maxLength: 40),
                    FormField(name: "kind", label: ctx.t("类别", "Kind"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + FolkArtKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
                    FormField(name: "place", label: ctx.t("所在乡镇或村（社区）", "Township or village"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + placeOptions),
                              value: form["place"] ?? "", error: errors["place"], required: true),
                    FormField(name: "leaderName", label: ctx.t("队长姓名", "Leader"), value: form["leaderName"] ?? "", error: errors["leaderName"], required: true, maxLength: 20),
                    FormField(name: "leaderPhone", label: ctx.t("队长的平台账号手机号（选填）", "Leader's account mobile (optional)"), kind: .tel, value: form["leaderPhone"] ?? "", error: errors["leaderPhone"],
                              hint: ctx.t("填写后，队长登录即可以团队名义按团队价预约场地", "With it, the leader can book spaces for the team at the team rate"), maxLength: 13),
                    FormField(name: "foundedYear", label: ctx.t("成立年份（选填）", "Founded (optional)"), kind: .number, value: form["foundedYear"] ?? "", error: errors["foundedYear"], maxLength: 4),
                    FormField(name: "description", label: ctx.t("简介（选填）", "About (optional)"), kind: .textarea, value: form["description"] ?? "", error: errors["description"], maxLength: 300),
                ] + registrationFields(ctx, form, errors), submit: ctx.t("登记团队", "Register")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    static func registrationFields(_ ctx: PageContext, _ form: [String: String], _ errors: FieldErrors) -> [FormField] {
        [
            FormField(name: "registered", label: ctx.t("已正式登记注册", "Formally registered"), kind: .checkbox, value: FormCheck.flag(form["registered"]) ? "1" : ""),
            FormField(name: "registrationNumber", label: ctx.t("登记编号", "Registration number"), value: form["registrationNumber"] ?? "", error: errors["registrationNumber"],
                      hint: ctx.t("已登记时必填", "Needed when registered"), maxLength: 40),
            FormField(name: "registeredOn", label: ctx.t("登记日期", "Registered on"), kind: .date, value: form["registeredOn"] ?? "", error: errors["registeredOn"]),
        ]
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await renderShow(req, action: nil, form: [:], errors: [:])
    }

    static func action(req: Request, _ action: TeamAction) async throws -> Response {
        let staff = try req.staff()
        let team = try await req.recordForDesk(FolkTeam.self)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        do {
            switch action {
            case .registration:
                try await FolkTeamDesk.updateRegistration(team, req.content.decode(TeamRegistrationInput.self),
                                                          by: staff, lang: req.lang, on: req.db)
                Flash.set(req, team.registered ? "已更新登记信息：编号 \(team.registrationNumber)。" : "已改为未登记。", team.registered ? "Registration updated." : "Marked as not registered.")
            case .members:
                let m = try await FolkTeamDesk.addMember(team, req.content.decode(TeamMemberInput.self), by: staff,
                                                         now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, "已添加成员 \(m.name)。", "\(m.name) added.")
            case .activities:
                let a = try await FolkTeamDesk.linkActivity(team, req.content.decode(TeamActivityInput.self),
                                                            by: staff, now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, "已记录：参加“\(a.title)”。团队主页会显示这场活动。", "Recorded: took part in “\(a.title)”; it shows on the team's page.")
            case .guidance:
                let input = try req.content.decode(TeamGuidanceInput.self)
                let g = try await FolkTeamDesk.logGuidance(team, input, by: staff, today: req.displayTime.today,
                                                           now: req.now, lang: req.lang, on: req.db)
                Flash.set(req, "已记录 \(g.day) 的辅导“\(g.topic)”。", "Guidance on \(g.day) logged.")
            }
        } catch AppError.invalid(let errors) {
            return try await renderShow(req, action: action, form: form, errors: errors, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.teams(.staffShow(.id(team.id!))).path)
    }

    @Sendable static func deleteMember(req: Request) async throws -> Response {
        let staff = try req.staff()
        let team = try await req.recordForDesk(FolkTeam.self)
        guard let memberID = req.parameters.get("member", as: UUID.self) else { throw AppError.notFound }
        try await FolkTeamDesk.removeMember(team, memberID: memberID, by: staff, on: req.db)
        Flash.set(req, "已移除这位成员。", "Member removed.")
        return req.redirect(to: SiteURL.teams(.staffShow(.id(team.id!))).path + "#members")
    }

    private static func load(_ req: Request, _ staff: Staff) async throws -> FolkTeam {
        guard let team = try await staff.scope.filterReadable(FolkTeam.query(on: req.db), \.$regionPath).filter(\.$id == req.id())
            .with(\.$township).with(\.$village).first() else { throw AppError.notFound }
        return team
    }

    static func renderShow(_ req: Request, action: TeamAction?, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let team = try await load(req, staff)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let thisYear = Int(time.today.prefix(4))!
        let year = min(max(req.query[Int.self, at: "year"] ?? thisYear, 2000), thisYear)
        let record = try await FolkTeamYear.load(team, year: year, time: time, on: req.db)
        let members = try await FolkTeamMember.query(on: req.db).filter(\.$team.$id == team.requireID()).sort(\.$createdAt).all()
        let activities = try await staff.scope.filter(Activity.query(on: req.db), anyOf: Activity.staffPartyKeys).filter(\.$status != .cancelled)
            .filter(\.$startsAt > req.now.addingTimeInterval(-365 * 86_400)).sort(\.$startsAt, .descending).limit(200).all()
        let mayRegister = (try? FolkTeamDesk.authorizeRegistry(team, staff)) != nil
        let mayGuide = (try? await FolkTeamDesk.authorizeGuidance(team, staff, on: req.db)) != nil
        let f: (TeamAction) -> [String: String] = { action == $0 ? form : [:] }
        let e: (TeamAction) -> FieldErrors = { action == $0 ? errors : [:] }
        let registrationForm = f(.registration).isEmpty ? ["registered": team.registered ? "1" : "", "registrationNumber": team.registrationNumber, "registeredOn": team.registeredOn ?? ""] : form
        let html = Layout.page(ctx, title: team.name, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("群众文艺团队", "Folk art teams"), SiteURL.teams(.staffIndex).path), (team.name, nil)]), [
            H.h1(team.name),
            H.facts([
                (ctx.t("类别", "Kind"), H.text(team.kind.label(ctx.lang))),
                (ctx.t("所在地", "Where"), H.text([team.township.name, team.village?.name].compactMap { $0 }.joined(separator: " · "))),
                (ctx.t("队长", "Leader"), H.text(team.leaderName + (team.$leader.id == nil ? ctx.t("（未关联平台账号）", " (no account linked)") : ""))),
                (ctx.t("场地预约价", "Space rate"), H.text(team.bookingRate.label(ctx.lang))),
                (ctx.t("公开主页", "Public page"), H.a(SiteURL.teams(.show(.id(team.id!))).path, href: SiteURL.teams(.show(.id(team.id!))).path)),
            ]),
            FolkTeamYearView.section(ctx, team: team, record: record, thisYear: thisYear, time: time),
            H.section(labelledBy: "members", title: ctx.t("成员（\(members.count) 人）", "Members (\(members.count))"), [
                members.isEmpty ? Tables.empty(ctx.t("还没有登记成员。", "No members recorded yet."))
                    : Tables.table(caption: ctx.t("成员", "Members"), headers: [ctx.t("姓名", "Name"), ctx.t("担任", "Part"), ctx.t("加入年份", "Joined"), ctx.t("操作", "Action")],
                                   rows: members.map { m in
                                       [H.text(m.name), H.text(m.part.isEmpty ? "—" : m.part), H.text(m.joinedYear.map(String.init) ?? "—"),
                                        mayRegister ? Forms.actionButton(ctx, action: SiteURL.teams(.staffMemberDelete(.id(team.id!), .id(m.id!))).path, title: ctx.t("移除", "Remove"), danger: true,
                                                                         confirm: ctx.t("确定把 \(m.name) 移出团队吗？", "Remove \(m.name)?")) : H.empty]
                                   }),
                mayRegister ? Forms.form(ctx, action: SiteURL.teams(.staffAction(.id(team.id!), .members)).path, fields: [
                    FormField(name: "memberName", label: ctx.t("成员姓名", "Name"), value: f(.members)["memberName"] ?? "", error: e(.members)["memberName"], required: true, maxLength: 20),
                    FormField(name: "part", label: ctx.t("担任（选填）", "Part (optional)"), value: f(.members)["part"] ?? "", error: e(.members)["part"], hint: ctx.t("例如：领唱、板胡、编导", "e.g. lead singer, banhu, choreographer"), maxLength: 30),
                    FormField(name: "joinedYear", label: ctx.t("加入年份（选填）", "Joined (optional)"), kind: .number, value: f(.members)["joinedYear"] ?? "", error: e(.members)["joinedYear"], maxLength: 4),
                ], submit: ctx.t("添加成员", "Add member")) : H.empty,
            ]),
            mayGuide ? H.section(labelledBy: "guidance", title: ctx.t("记录业务辅导", "Log guidance"), [
                Forms.form(ctx, action: SiteURL.teams(.staffAction(.id(team.id!), .guidance)).path, fields: [
                    FormField(name: "day", label: ctx.t("日期", "Day"), kind: .date, value: f(.guidance)["day"] ?? "", error: e(.guidance)["day"], required: true),
                    FormField(name: "hours", label: ctx.t("时长（小时）", "Hours"), kind: .number, value: f(.guidance)["hours"] ?? "", error: e(.guidance)["hours"], required: true, maxLength: 4, inputmode: "decimal"),
                    FormField(name: "topic", label: ctx.t("辅导内容", "Topic"), value: f(.guidance)["topic"] ?? "", error: e(.guidance)["topic"], hint: ctx.t("例如：豫剧唱腔排练", "e.g. Yu opera singing"), required: true, maxLength: 60),
                    FormField(name: "notes", label: ctx.t("备注（选填）", "Notes (optional)"), kind: .textarea, value: f(.guidance)["notes"] ?? "", error: e(.guidance)["notes"], maxLength: 300),
                ], submit: ctx.t("记录辅导", "Log guidance")),
            ]) : H.empty,
            mayGuide && !activities.isEmpty ? H.section(labelledBy: "took-part", title: ctx.t("记录参加的活动", "Record an activity taken part in"), [
                Forms.form(ctx, action: SiteURL.teams(.staffAction(.id(team.id!), .activities)).path, fields: [
                    FormField(name: "activity", label: ctx.t("活动", "Activity"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + activities.map { .init(value: $0.id!.uuidString, label: time.dateTime($0.startsAt) + " " + $0.title) }),
                              value: f(.activities)["activity"] ?? "", error: e(.activities)["activity"], required: true),
                    FormField(name: "role", label: ctx.t("角色（选填）", "Part (optional)"), value: f(.activities)["role"] ?? "", error: e(.activities)["role"], hint: ctx.t("默认为“演出”", "“Performed” if empty"), maxLength: 30),
                ], submit: ctx.t("记录", "Record")),
            ]) : H.empty,
            mayRegister ? H.section(labelledBy: "registration", title: ctx.t("登记注册", "Registration"), [
                Forms.form(ctx, action: SiteURL.teams(.staffAction(.id(team.id!), .registration)).path, fields: registrationFields(ctx, registrationForm, e(.registration)), submit: ctx.t("保存", "Save")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }
}
