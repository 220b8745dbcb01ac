import Fluent
import Plot
import Vapor

/// The bureau administrator keeps the staff accounts of the city.
enum StaffAccountsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let lang = req.lang
        let roleRaw = (try? req.query.get(String.self, at: "role")) ?? ""
        let lockedOnly = (try? req.query.get(String.self, at: "locked")) == "1"
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let text = String(((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces).prefix(30))
        let query = Account.query(on: req.db)
        if let phone = MobileNumber.normalize(text) {
            // A citizen is found only by their full number, never listed (PIPL: collect and show no more than needed).
            query.filter(\.$login == phone)
        } else {
            query.filter(\.$role != .citizen)
            if case .region(let path) = staff.scope { query.within(\.$scopePath, path) }
            if !text.isEmpty { query.group(.or) { $0.filter(\.$login ~~ text).filter(\.$displayName ~~ text) } }
        }
        if let role = Role(rawValue: roleRaw) { query.filter(\.$role == role) }
        if lockedOnly { query.filter(\.$lockedUntil > req.now) }
        let result = try await query.sort(\.$role).sort(\.$login).with(\.$scopeRegion).with(\.$scopeVenue).paginate(PageRequest(page: page, per: 30))
        let ctx = PageContext(req, hasForm: true)
        let title = lang.t("工作人员账号", "Staff accounts")
        let now = req.now
        let roleOptions = [FormField.Option(value: "", label: lang.t("全部角色", "All roles"))] + Role.staffRoles.map { .init(value: $0.rawValue, label: $0.label(lang)) }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.el("p", [], H.a(lang.t("新建工作人员账号", "Create a staff account"), href: SiteURL.accounts(.staffNew).path, cls: "button primary")),
            H.el("div", [("role", "search"), ("aria-label", lang.t("账号筛选", "Account filters"))], [
                Forms.form(ctx, action: SiteURL.accounts(.staffIndex).path, fields: [
                    FormField(name: "q", label: lang.t("用户名、姓名或群众手机号", "User name, name, or a citizen's mobile number"), value: text,
                              hint: lang.t("群众账号须输入完整手机号才能查到", "Citizens are found by their full mobile number only"), maxLength: 30),
                    FormField(name: "role", label: lang.t("角色", "Role"), kind: .select(roleOptions), value: roleRaw),
                    FormField(name: "locked", label: lang.t("只看被锁定的", "Locked only"), kind: .checkbox, value: lockedOnly ? "1" : ""),
                ], submit: lang.t("筛选", "Filter"), method: "get", cls: "filters"),
            ]),
            result.items.isEmpty
                ? Tables.empty(lockedOnly ? lang.t("目前没有被锁定的账号。", "No account is locked.") : lang.t("没有符合条件的账号。", "No account matches."))
                : Tables.table(caption: title, headers: [
                    lang.t("用户名", "User name"), lang.t("姓名", "Name"), lang.t("角色", "Role"), lang.t("管辖范围", "Scope"), lang.t("状态", "Status"),
                    lang.t("操作", "Actions"),
                ], rows: result.items.map { a in
                    let locked = (a.lockedUntil.map { $0 > now }) == true
                    let status: HNode = !a.isActive
                        ? H.badge(lang.t("已停用", "Deactivated"), tone: "alert")
                        : locked ? H.group(H.badge(lang.t("已锁定", "Locked"), tone: "alert"), H.text(" "),
                                           Forms.actionButton(ctx, action: SiteURL.accounts(.staffUnlock(.id(a.id!))).path,
                                                              title: lang.t("解锁", "Unlock")))
                        : H.badge(lang.t("正常", "Active"), tone: "ok")
                    let manage: [HNode] = a.role.isStaff
                        ? [H.text(" · "), H.a(lang.t("角色、范围、停用", "Role, scope, deactivate"),
                                              href: SiteURL.accounts(.staffEdit(.id(a.id!))).path)]
                        : []
                    return [H.text(a.maskedLogin), H.text(a.displayName), H.text(a.role.label(lang)),
                            H.text(a.scopeVenue?.name ?? a.scopeRegion?.name ?? "—"), status,
                            H.group([H.a(lang.t("重置密码", "Reset"),
                                         href: SiteURL.accounts(.staffPassword(.id(a.id!))).path)] + manage)]
                }, captionHidden: true),
            Pagination(page: result.metadata.page, per: result.metadata.per, total: result.metadata.total).render(ctx) {
                SiteURL.accounts(.staffIndex).with([("q", text), ("role", roleRaw), ("locked", lockedOnly ? "1" : nil), ("page", $0 > 1 ? String($0) : nil)])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        return try await form(req, staff, input: StaffAccountInput(), errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        let input = try req.content.decode(StaffAccountInput.self)
        do {
            let passwords = req.password.async
            let account = try await StaffAccountEditor.create(input, by: staff.scope, on: req.db, hasher: { try await passwords.hash($0) }, lang: req.lang)
            Flash.set(req, "已创建账号 \(account.login)（\(account.role.zh)）。请把用户名和初始密码当面交给本人，并提醒其登录后妥善保管。",
                      "Created \(account.login) (\(account.role.en)). Hand the user name and first password over in person.")
            return req.redirect(to: SiteURL.accounts(.staffIndex).path)
        } catch AppError.invalid(let errors) {
            return try await form(req, staff, input: input, errors: errors)
        }
    }

    @Sendable static func unlock(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.manageAccounts)
        guard let account = try await Account.find(req.id(), on: req.db) else { throw AppError.notFound }
        if account.role.isStaff, !staff.scope.covers(regionPath: account.scopePath ?? "") { throw AppError.forbidden }
        account.lockedUntil = nil
        account.failedLogins = 0
        try await account.save(on: req.db)
        Flash.set(req, "已解锁 \(account.maskedLogin)，可以立即重新登录。", "Unlocked \(account.maskedLogin); they can sign in now.")
        return req.redirect(to: SiteURL.accounts(.staffIndex).path)
    }

    static func form(_ req: Request, _ staff: Staff, input: StaffAccountInput, errors: FieldErrors) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$tier).sort(\.$name).all()
        let choose = FormField.Option(value: "", label: lang.t("请选择", "Choose"))
        let fields = [
            FormField(name: "login", label: lang.t("用户名", "User name"), value: input.login ?? "", error: errors["login"],
                      hint: lang.t("英文字母、数字，例如 chengguan_wang", "Letters and digits, e.g. chengguan_wang"), required: true, maxLength: 32, autocomplete: "off"),
            FormField(name: "name", label: lang.t("姓名", "Name"), value: input.name ?? "", error: errors["name"], required: true, maxLength: 30),
            FormField(name: "role", label: lang.t("角色", "Role"), kind: .select([choose] + Role.staffRoles.map { .init(value: $0.rawValue, label: $0.label(lang)) }),
                      value: input.role ?? "", error: errors["role"], required: true),
            FormField(name: "scopeRegion", label: lang.t("管辖区域", "Region scope"),
                      kind: .select(try await StaffPage.regionOptions(staff.scope, on: req.db, levels: RegionLevel.allCases, lang: lang)),
                      value: input.scopeRegion ?? "", error: errors["scopeRegion"],
                      hint: lang.t("局管理员和考核人员选全市；乡镇管理员选乡镇；村管理员选村（社区）", "City for bureau roles, a township for township managers, a village for village staff")),
            FormField(name: "scopeVenue", label: lang.t("管理的场馆", "Venue scope"),
                      kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                      value: input.scopeVenue ?? "", error: errors["scopeVenue"], hint: lang.t("仅场馆管理员需要选择", "Only for venue managers")),
            FormField(name: "password", label: lang.t("初始密码", "First password"), kind: .password, error: errors["password"],
                      hint: lang.t("至少 8 位，须包含字母和数字", "At least 8 characters with letters and digits"), required: true, maxLength: 72, autocomplete: "new-password"),
        ]
        let title = lang.t("新建工作人员账号", "Create a staff account")
        let html = StaffPage.formPage(ctx, title: title, crumbs: [(lang.t("工作人员账号", "Staff accounts"), SiteURL.accounts(.staffIndex).path), (title, nil)],
                                      intro: lang.t("每个工作人员账号都绑定一个管辖范围，只能查看和修改范围内的数据。", "Each staff account is bound to a scope and sees and changes only that part of the network."),
                                      form: Forms.form(ctx, action: SiteURL.accounts(.staffNew).path, fields: fields, submit: lang.t("创建账号", "Create account")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
