import Fluent
import Plot
import Vapor

enum StaffRegionsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let lang = req.lang
        let levelRaw = (try? req.query.get(String.self, at: "level")) ?? ""
        let text = ((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces)
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let query = staff.scope.filter(Region.query(on: req.db))
        if let level = RegionLevel(rawValue: levelRaw) { query.filter(\.$level == level) }
        if !text.isEmpty { query.filter(\.$name ~~ String(text.prefix(30))) }
        let result = try await query.sort(\.$path).paginate(PageRequest(page: page, per: 30))
        let townships = try await req.townships()
        let ctx = PageContext(req)
        let title = lang.t("区域与人口", "Regions and population")
        let canEdit = staff.role.may(.editRegions)
        let any = FormField.Option(value: "", label: lang.t("全部层级", "All tiers"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(lang.t("人口用于计算参与率等人均指标；偏远村、脱贫村在流动服务中优先安排。",
                       "Population drives per-capita KPIs; remote and poor villages get mobile services first."), cls: "lead"),
            canEdit ? H.el("p", [], H.a(lang.t("新增村（社区）或乡镇", "Add a region"), href: SiteURL.regions(.new).path, cls: "button primary")) : H.empty,
            H.el("div", [("role", "search"), ("aria-label", lang.t("区域筛选", "Region filters"))], [
                Forms.form(ctx, action: SiteURL.regions(.index).path, fields: [
                    FormField(name: "q", label: lang.t("名称", "Name"), value: text, maxLength: 30),
                    FormField(name: "level", label: lang.t("层级", "Tier"), kind: .select([any] + RegionLevel.options(lang)), value: levelRaw),
                ], submit: lang.t("筛选", "Filter"), method: "get", cls: "filters"),
            ]),
            result.items.isEmpty
                ? Tables.empty(lang.t("没有符合条件的区域。", "No region matches."))
                : Tables.table(caption: title, headers: [
                    lang.t("名称", "Name"), lang.t("代码", "Code"), lang.t("类型", "Kind"), lang.t("所属乡镇", "Township"),
                    lang.t("人口", "Population"), lang.t("标记", "Flags"), lang.t("操作", "Action"),
                ], rows: result.items.map { r in
                    let flags = [r.isRemote ? lang.t("偏远", "Remote") : nil, r.isPoor ? lang.t("脱贫村", "Poor") : nil,
                                 r.isDemo ? lang.t("示例数据", "Demo data") : nil].compactMap { $0 }
                    return [
                        H.text(r.name), H.text(r.code), H.text(r.kind.label(lang)),
                        H.text(r.level == .village ? townships.township(containing: r.path)?.name ?? "—" : "—"),
                        H.text(String(r.population)), H.text(flags.isEmpty ? "—" : flags.joined(separator: lang.t("、", ", "))),
                        canEdit ? H.a(lang.t("编辑", "Edit"), href: SiteURL.regions(.show(.id(r.id!))).path) : H.text("—"),
                    ]
                }, captionHidden: true),
            Pagination(page: result.metadata.page, per: result.metadata.per, total: result.metadata.total).render(ctx) {
                SiteURL.regions(.index).with([("q", text), ("level", levelRaw), ("page", $0 > 1 ? String($0) : nil)])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.editRegions)
        return try await form(req, staff, region: nil, input: RegionInput(), errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        let input = try req.content.decode(RegionInput.self)
        do {
            let region = try await RegionEditor.create(input, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已新增“\(region.name)”。接下来可以为它登记文化服务中心。", "Added \(region.name). Next, register its culture centre.")
            return req.redirect(to: SiteURL.regions(.index).with([("q", region.name)]))
        } catch AppError.invalid(let errors) {
            return try await form(req, staff, region: nil, input: input, errors: errors)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        // Every staff role reads a region in scope; only those who edit regions get the form enabled.
        let region = try await req.scopedRecord(Region.self)
        return try await form(req, staff, region: region, input: RegionInput(region), errors: [:])
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let region = try await Region.find(req.id(), on: req.db) else { throw AppError.notFound }
        let input = try req.content.decode(RegionInput.self)
        do {
            try await RegionEditor.update(region, with: input, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已保存“\(region.name)”。", "Saved \(region.name).")
            return req.redirect(to: SiteURL.regions(.index).with([("q", region.name)]))
        } catch AppError.invalid(let errors) {
            return try await form(req, staff, region: region, input: input, errors: errors)
        }
    }

    static func form(_ req: Request, _ staff: Staff, region: Region?, input: RegionInput, errors: FieldErrors) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        var fields: [FormField] = []
        if region == nil {
            fields.append(FormField(name: "parent", label: lang.t("上级区域", "Parent region"),
                                    kind: .select(try await StaffPage.regionOptions(staff.scope, on: req.db, levels: [.city, .township], lang: lang)),
                                    value: input.parent ?? "", error: errors["parent"], required: true))
            fields.append(FormField(name: "code", label: lang.t("区划代码", "Administrative code"), value: input.code ?? "", error: errors["code"],
                                    hint: lang.t("以上级代码开头，例如 410183100230；保存后不能修改", "Starts with the parent's code, e.g. 410183100230; fixed once saved"),
                                    required: true, maxLength: 15, inputmode: "numeric"))
        }
        // New regions go under an existing one, so never a city; an existing region keeps its tier.
        let kinds = RegionKind.allCases.filter { kind in region.map { kind.level == $0.level } ?? (kind != .city) }
            .map { FormField.Option(value: $0.rawValue, label: $0.label(lang)) }
        fields += [
            FormField(name: "name", label: lang.t("名称", "Name"), value: input.name ?? "", error: errors["name"], required: true, maxLength: 50),
            FormField(name: "kind", label: lang.t("类型", "Kind"), kind: .select([FormField.Option(value: "", label: lang.t("请选择", "Choose"))] + kinds),
                      value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "population", label: lang.t("常住人口", "Resident population"), kind: .number, value: input.population ?? "",
                      error: errors["population"], hint: lang.t("以最近一次人口普查或统计为准", "From the latest census or statistics"), required: true, maxLength: 10),
            FormField(name: "remote", label: lang.t("偏远地区", "Remote"), kind: .checkbox, value: FormCheck.flag(input.remote) ? "1" : ""),
            FormField(name: "poor", label: lang.t("脱贫村（曾为贫困村）", "Formerly poor village"), kind: .checkbox, value: FormCheck.flag(input.poor) ? "1" : ""),
        ]
        let title = region.map { lang.t("编辑：\($0.name)", "Edit \($0.name)") } ?? lang.t("新增区域", "Add a region")
        let action = region.map { SiteURL.regions(.show(.id($0.id!))).path } ?? SiteURL.regions(.new).path
        let html = StaffPage.formPage(ctx, title: title, crumbs: [(lang.t("区域与人口", "Regions"), SiteURL.regions(.index).path), (title, nil)],
                                      form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存", "Save")), needs: .editRegions)
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
