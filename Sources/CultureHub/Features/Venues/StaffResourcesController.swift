import Fluent
import Plot
import Vapor

/// Special-group resources (R2.3): children's and braille collections, large print, audio.
enum StaffResourcesController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        return try await render(req, venue: try await req.scopedVenue(staff), input: ResourceInput(), errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        try await save(req, existing: nil)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        let resource = try await find(req, venue)
        return try await render(req, venue: venue, input: ResourceInput(resource), errors: [:], editing: resource)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        return try await save(req, existing: try await find(req, venue))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        let resource = try await find(req, venue)
        try VenueDetailsEditor.authorize(venue, staff)
        try await resource.delete(on: req.db)
        Flash.set(req, "已删除“\(resource.kind.zh)”记录。", "Deleted the \(resource.kind.en) record.")
        return req.redirect(to: SiteURL.staffVenueResources(.id(venue.id!)).path)
    }

    static func save(_ req: Request, existing: SpecialResource?) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        let input = try req.content.decode(ResourceInput.self)
        do {
            let resource = existing ?? SpecialResource()
            try await VenueDetailsEditor.saveResource(resource, input, venue: venue, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已保存“\(resource.kind.zh)”：\(resource.quantity)。", "Saved \(resource.kind.en): \(resource.quantity).")
            return req.redirect(to: SiteURL.staffVenueResources(.id(venue.id!)).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, venue: venue, input: input, errors: errors, editing: existing)
        }
    }

    static func find(_ req: Request, _ venue: Venue) async throws -> SpecialResource {
        guard let found = try await SpecialResource.query(on: req.db).filter(\.$id == req.id("item")).filter(\.$venue.$id == venue.requireID()).first() else {
            throw AppError.notFound
        }
        return found
    }

    static func render(_ req: Request, venue: Venue, input: ResourceInput, errors: FieldErrors, editing: SpecialResource? = nil) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let vid = venue.id!
        let items = try await SpecialResource.query(on: req.db).filter(\.$venue.$id == vid).sort(\.$kind).all()
        let fields = [
            FormField(name: "kind", label: lang.t("类别", "Kind"), kind: .select([.init(value: "", label: lang.t("请选择", "Choose"))] + SpecialResourceKind.options(lang)),
                      value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "quantity", label: lang.t("数量（册/件）", "Quantity"), kind: .number, value: input.quantity ?? "", error: errors["quantity"], required: true, maxLength: 8),
            FormField(name: "note", label: lang.t("说明", "Note"), value: input.note ?? "", error: errors["note"],
                      hint: lang.t("例如：位于二楼少儿阅览区", "e.g. in the children's area, first floor"), maxLength: 200),
        ]
        let list: HNode = items.isEmpty
            ? Tables.empty(lang.t("还没有登记特殊群体服务资源。图书馆应登记少儿图书和盲文图书。", "No resources recorded. Libraries should record children's and braille collections."))
            : Tables.table(caption: lang.t("已登记的资源", "Recorded resources"), headers: [
                lang.t("类别", "Kind"), lang.t("数量", "Quantity"), lang.t("说明", "Note"), lang.t("操作", "Actions"),
            ], rows: items.map { r in
                [H.text(r.kind.label(lang)), H.text(String(r.quantity)), H.text(r.note.isEmpty ? "—" : r.note),
                 H.group(H.a(lang.t("编辑", "Edit"), href: SiteURL.staffVenueResource(.id(vid), .id(r.id!)).path), H.text(" "),
                         Forms.actionButton(ctx, action: SiteURL.staffVenueResourceDelete(.id(vid), .id(r.id!)).path, title: lang.t("删除", "Delete"),
                                            danger: true, confirm: lang.t("确定删除这条记录吗？", "Delete this record?")))]
            })
        let action = editing.map { SiteURL.staffVenueResource(.id(vid), .id($0.id!)).path } ?? SiteURL.staffVenueResources(.id(vid)).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("特殊群体资源：\(venue.name)", "Special-group resources: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.staffVenues.path), (venue.name, SiteURL.staffVenue(.id(vid)).path), (lang.t("特殊群体资源", "Resources"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "resources"), list,
                    H.h2(editing == nil ? lang.t("添加资源", "Add a resource") : lang.t("编辑资源", "Edit resource"))],
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存", "Save")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
