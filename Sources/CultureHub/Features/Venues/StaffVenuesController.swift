import Fluent
import Plot
import Vapor

enum StaffVenuesController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let lang = req.lang
        let text = String(((try? req.query.get(String.self, at: "q")) ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        let typeRaw = (try? req.query.get(String.self, at: "type")) ?? ""
        let notice = (try? req.query.get(String.self, at: "notice")) ?? ""
        let hours = (try? req.query.get(String.self, at: "hours")) ?? ""
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let query = staff.scope.filter(Venue.query(on: req.db))
        if !text.isEmpty { query.group(.or) { $0.filter(\.$name ~~ text).filter(\.$address ~~ text) } }
        if let type = VenueType(rawValue: typeRaw) { query.filter(\.$type == type) }
        let today = req.displayTime.today
        if notice == "missing" { query.havingCurrentNotice(false, on: today) }
        if notice == "expiring" {
            query.havingNoticeExpiring(from: today, until: req.displayTime.day(after: DisplayTime.noticeWarningDays))
        }
        if hours == "missing" { query.havingOpeningHours(false) }
        let result = try await query.sort(\.$tier).sort(\.$name).paginate(PageRequest(page: page, per: 25))
        let pageIDs = result.items.compactMap(\.id)
        let current = pageIDs.isEmpty ? Set<UUID>() : Set(try await Venue.query(on: req.db).filter(\.$id ~~ pageIDs)
            .havingCurrentNotice(true, on: today).field(\.$id).all().compactMap(\.id))
        let townships = try await req.townships()
        let ctx = PageContext(req)
        let title = lang.t("场馆管理", "Venues")
        let any = FormField.Option(value: "", label: lang.t("不限", "Any"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            staff.role.may(.createVenues) ? H.el("p", [], H.a(lang.t("登记新场馆", "Register a venue"), href: SiteURL.venues(.staffNew).path, cls: "button primary")) : H.empty,
            H.el("div", [("role", "search"), ("aria-label", lang.t("场馆筛选", "Venue filters"))], [
                Forms.form(ctx, action: SiteURL.venues(.staffIndex).path, fields: [
                    FormField(name: "q", label: lang.t("名称或地址", "Name or address"), value: text, maxLength: 50),
                    FormField(name: "type", label: lang.t("类型", "Type"), kind: .select([any] + VenueType.options(lang)), value: typeRaw),
                    FormField(name: "notice", label: lang.t("免费开放公示", "Notice"), kind: .select([any, .init(value: "missing", label: lang.t("缺少现行公示", "Missing")),
                                                                                                     .init(value: "expiring", label: lang.t("30天内到期", "Expiring in 30 days"))]), value: notice),
                    FormField(name: "hours", label: lang.t("开放时间", "Hours"), kind: .select([any, .init(value: "missing", label: lang.t("未填写", "Not entered"))]), value: hours),
                ], submit: lang.t("筛选", "Filter"), method: "get", cls: "filters"),
            ]),
            result.items.isEmpty
                ? Tables.empty(lang.t("管辖范围内没有符合条件的场馆。", "No venue in your scope matches."),
                               action: H.a(lang.t("清除筛选", "Clear filters"), href: SiteURL.venues(.staffIndex).path, cls: "button"))
                : Tables.table(caption: title, headers: [
                    lang.t("场馆", "Venue"), lang.t("类型", "Type"), lang.t("乡镇（街道）", "Township"),
                    lang.t("状态", "Status"), lang.t("公示", "Notice"), lang.t("操作", "Actions"),
                ], rows: result.items.map { v in
                    [H.a(v.name, href: SiteURL.venues(.staffShow(.id(v.id!))).path), H.text(v.type.label(lang)),
                     H.text(townships.township(containing: v.regionPath)?.name ?? "—"), H.text(v.status.label(lang)),
                     current.contains(v.id!) ? H.badge(lang.t("已公示", "Current"), tone: "ok") : H.badge(lang.t("缺少公示", "Missing"), tone: "alert"),
                     H.group(H.a(lang.t("开放时间", "Hours"), href: SiteURL.venues(.staffHours(.id(v.id!))).path), H.text(" · "),
                             H.a(lang.t("公示", "Notices"), href: SiteURL.notices(.staffIndex(.id(v.id!))).path), H.text(" · "),
                             H.a(lang.t("评价二维码", "Rating poster"), href: SiteURL.feedback(.staffRatingPoster(.id(v.id!))).path))]
                }, captionHidden: true),
            Pagination(page: result.metadata.page, per: result.metadata.per, total: result.metadata.total).render(ctx) {
                SiteURL.venues(.staffIndex).with([("q", text), ("type", typeRaw), ("notice", notice), ("hours", hours), ("page", $0 > 1 ? String($0) : nil)])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.createVenues)
        var input = VenueInput()
        input.status = VenueStatus.operating.rawValue
        input.networkRole = NetworkRole.standalone.rawValue
        return try await form(req, staff, venue: nil, input: input, errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        let input = try req.content.decode(VenueInput.self)
        do {
            let venue = try await VenueEditor.create(input, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已登记“\(venue.name)”。下一步请填写开放时间，并发布免费开放公示。",
                      "Registered \(venue.name). Next, enter its opening hours and publish a free-opening notice.")
            return req.redirect(to: SiteURL.venues(.staffHours(.id(venue.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await form(req, staff, venue: nil, input: input, errors: errors)
        }
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        return try await form(req, staff, venue: venue, input: VenueInput(venue), errors: [:])
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        let input = try req.content.decode(VenueInput.self)
        do {
            try await VenueEditor.update(venue, with: input, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已保存“\(venue.name)”的基本信息，公开页面已同步更新。", "Saved \(venue.name); the public page shows the change.")
            return req.redirect(to: SiteURL.venues(.staffShow(.id(venue.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await form(req, staff, venue: venue, input: input, errors: errors)
        }
    }

    static func form(_ req: Request, _ staff: Staff, venue: Venue?, input: VenueInput, errors: FieldErrors) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        var regionOptions = try await StaffPage.regionOptions(staff.scope, on: req.db, levels: RegionLevel.allCases, lang: lang)
        if let venue, case .venue = staff.scope {
            // A venue manager keeps the venue where it is; show its region as the only choice.
            let region = try await venue.$region.get(on: req.db)
            regionOptions = [FormField.Option(value: region.id!.uuidString, label: region.name)]
        }
        let choose = FormField.Option(value: "", label: lang.t("请选择", "Choose"))
        let fields = [
            FormField(name: "name", label: lang.t("场馆名称", "Venue name"), value: input.name ?? "", error: errors["name"], required: true, maxLength: 100),
            FormField(name: "type", label: lang.t("场馆类型", "Type"), kind: .select([choose] + VenueType.options(lang)), value: input.type ?? "", error: errors["type"], required: true),
            FormField(name: "region", label: lang.t("所在区域", "Region"), kind: .select(regionOptions), value: input.region ?? "", error: errors["region"], required: true),
            FormField(name: "networkRole", label: lang.t("总分馆角色", "Role in the network"), kind: .select(NetworkRole.options(lang)), value: input.networkRole ?? "", error: errors["networkRole"], required: true),
            FormField(name: "parentVenue", label: lang.t("上级馆", "Parent venue"), kind: .select(try await StaffPage.parentVenueOptions(on: req.db, excluding: venue?.id, lang: lang)),
                      value: input.parentVenue ?? "", error: errors["parentVenue"], hint: lang.t("分馆选总馆，服务点选所属分馆", "Branches pick a main venue; service points their branch")),
            FormField(name: "status", label: lang.t("运行状态", "Status"), kind: .select(VenueStatus.options(lang)), value: input.status ?? "", error: errors["status"], required: true),
            FormField(name: "address", label: lang.t("地址", "Address"), value: input.address ?? "", error: errors["address"], required: true, maxLength: 200),
            FormField(name: "phone", label: lang.t("联系电话", "Phone"), kind: .tel, value: input.phone ?? "", error: errors["phone"], maxLength: 30),
            FormField(name: "latitude", label: lang.t("纬度", "Latitude"), value: input.latitude ?? "", error: errors["latitude"], hint: lang.t("例如 34.5390", "e.g. 34.5390"), maxLength: 20, inputmode: "decimal"),
            FormField(name: "longitude", label: lang.t("经度", "Longitude"), value: input.longitude ?? "", error: errors["longitude"], hint: lang.t("例如 113.3806", "e.g. 113.3806"), maxLength: 20, inputmode: "decimal"),
            FormField(name: "facilities", label: lang.t("无障碍设施", "Accessibility facilities"), kind: .checkboxes(AccessibilityFacility.options(lang)),
                      values: input.facilities ?? [], error: errors["facilities"]),
            FormField(name: "intro", label: lang.t("简介", "Introduction"), kind: .textarea, value: input.intro ?? "", error: errors["intro"], maxLength: 2000),
        ]
        let title = venue.map { lang.t("编辑：\($0.name)", "Edit \($0.name)") } ?? lang.t("登记新场馆", "Register a venue")
        let action = venue.map { SiteURL.venues(.staffShow(.id($0.id!))).path } ?? SiteURL.venues(.staffNew).path
        let html = StaffPage.formPage(ctx, title: title, crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue?.name ?? title, nil)],
                                      above: venue.map { [StaffPage.venueTabs(ctx, venueID: $0.id!, current: "basics")] } ?? [],
                                      form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存", "Save")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
