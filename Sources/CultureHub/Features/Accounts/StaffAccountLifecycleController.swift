import Fluent
import Vapor

/// A bureau administrator deactivates, reactivates and moves staff accounts (issue #20 point 6):
/// people who leave lose access at once, people who change post get the new role and scope.
enum StaffAccountLifecycleController {
    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let account = try await target(req, staff)
        return try await render(req, staff, account, input: input(of: account), errors: [:], problem: nil, status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let account = try await target(req, staff)
        let input = try req.content.decode(StaffAccountInput.self)
        do {
            let changed = try await AccountLifecycle.changeRole(account, input, by: staff, lang: req.lang, on: req.db)
            if changed {
                Flash.set(req, "已修改 \(account.login) 的角色和管辖范围，其下一次操作起按新的权限生效。",
                          "Changed the role and scope of \(account.login); they apply from their next request.")
            } else {
                Flash.set(req, "角色和管辖范围没有变化。", "The role and scope are unchanged.")
            }
            return req.redirect(to: SiteURL.accounts(.staffIndex).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, staff, account, input: input, errors: errors, problem: nil,
                                    status: .unprocessableEntity)
        }
    }

    @Sendable static func deactivate(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let account = try await target(req, staff)
        do {
            try await AccountLifecycle.deactivate(account, by: staff, now: req.now, on: req.db)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, staff, account, input: input(of: account), errors: [:],
                                    problem: error.message(req.lang), status: .conflict)
        }
        Flash.set(req, "已停用 \(account.login)：其所有登录已退出、接口令牌已吊销，不能再登录。",
                  "Deactivated \(account.login): all its sessions ended, its API tokens are revoked and it cannot sign in.")
        return req.redirect(to: SiteURL.accounts(.staffIndex).path)
    }

    @Sendable static func reactivate(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let account = try await target(req, staff)
        try await AccountLifecycle.reactivate(account, on: req.db)
        Flash.set(req, "已重新启用 \(account.login)，可以用原密码登录；其原有的接口令牌仍为吊销状态。",
                  "Reactivated \(account.login); they can sign in with their password. Their old API tokens stay revoked.")
        return req.redirect(to: SiteURL.accounts(.staffIndex).path)
    }

    /// Staff accounts in the administrator's scope; citizens have no role or scope to change.
    private static func target(_ req: Request, _ staff: Staff) async throws -> Account {
        guard let account = try await Account.find(req.id(), on: req.db), account.role.isStaff,
              staff.scope.covers(regionPath: account.scopePath ?? "") else { throw AppError.notFound }
        return account
    }

    private static func input(of account: Account) -> StaffAccountInput {
        StaffAccountInput(role: account.role.rawValue, scopeRegion: account.$scopeRegion.id?.uuidString,
                          scopeVenue: account.$scopeVenue.id?.uuidString)
    }

    private static func render(_ req: Request, _ staff: Staff, _ account: Account, input: StaffAccountInput,
                               errors: FieldErrors, problem: String?, status: HTTPResponseStatus) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$tier).sort(\.$name).all()
        let regions = try await StaffPage.regionOptions(staff.scope, on: req.db, levels: RegionLevel.allCases, lang: lang)
        let choose = FormField.Option(value: "", label: lang.t("请选择", "Choose"))
        let fields = [
            FormField(name: "role", label: lang.t("角色", "Role"),
                      kind: .select([choose] + Role.staffRoles.map { .init(value: $0.rawValue, label: $0.label(lang)) }),
                      value: input.role ?? "", error: errors["role"], required: true),
            FormField(name: "scopeRegion", label: lang.t("管辖区域", "Region scope"), kind: .select([choose] + regions),
                      value: input.scopeRegion ?? "", error: errors["scopeRegion"],
                      hint: lang.t("局管理员和考核人员选全市；乡镇管理员选乡镇；村管理员选村（社区）",
                                   "City for bureau roles, a township for township managers, a village for village staff")),
            FormField(name: "scopeVenue", label: lang.t("管理的场馆", "Venue scope"),
                      kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                      value: input.scopeVenue ?? "", error: errors["scopeVenue"],
                      hint: lang.t("仅场馆管理员需要选择", "Only for venue managers")),
        ]
        let id = try account.requireID()
        let state: HNode = account.isActive
            ? H.group(H.p(lang.t("停用后，此账号的所有登录立即失效、接口令牌全部吊销，且不能再登录；数据和记录保留。",
                                 "Deactivating ends all its sessions at once, revokes its API tokens and stops it "
                                     + "signing in; its records stay.")),
                      Forms.actionButton(ctx, action: SiteURL.accounts(.staffDeactivate(.id(id))).path,
                                         title: lang.t("停用账号", "Deactivate"), danger: true,
                                         confirm: lang.t("确定停用这个账号吗？", "Deactivate this account?")))
            : H.group(H.p(lang.t("此账号已停用，不能登录。重新启用后可用原密码登录。",
                                 "This account is deactivated and cannot sign in. "
                                     + "Once reactivated, its password works again.")),
                      Forms.actionButton(ctx, action: SiteURL.accounts(.staffReactivate(.id(id))).path,
                                         title: lang.t("重新启用", "Reactivate")))
        let title = lang.t("管理账号：\(account.login)", "Manage account: \(account.login)")
        let scopeName = try await AccountLifecycle.scopeName(account, on: req.db)
        let facts = H.facts([
            (lang.t("姓名", "Name"), H.text(account.displayName)),
            (lang.t("当前角色", "Current role"), H.text(account.role.label(lang))),
            (lang.t("当前管辖范围", "Current scope"), H.text(scopeName)),
            (lang.t("状态", "Status"), account.isActive ? H.badge(lang.t("在用", "Active"), tone: "ok")
                                                        : H.badge(lang.t("已停用", "Deactivated"), tone: "alert")),
        ])
        let html = StaffPage.formPage(
            ctx, title: title,
            crumbs: [(lang.t("工作人员账号", "Staff accounts"), SiteURL.accounts(.staffIndex).path), (title, nil)],
            intro: lang.t("调整角色或管辖范围后，此人下一次操作起按新的权限生效。",
                          "A new role or scope applies from this person's next request."),
            above: (problem.map { [Forms.problem($0)] } ?? []) + [facts],
            formTitle: lang.t("角色和管辖范围", "Role and scope"),
            form: Forms.form(ctx, action: SiteURL.accounts(.staffEdit(.id(id))).path, fields: fields,
                             submit: lang.t("保存角色和范围", "Save role and scope")),
            below: [H.section(labelledBy: "account-state", title: lang.t("账号状态", "Account status"), [state])],
            needs: .manageAccounts)
        return Layout.response(html, status: status)
    }
}
