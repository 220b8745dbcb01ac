import Fluent
import Plot
import Vapor

/// Special-group resources (R2.3): children's and braille collections, large print, audio.
extension SpecialResource: VenueChild {
    static var parameter: String { "item" }
    static func list(_ venueID: UUID) -> SiteURL { .venues(.staffResources(.id(venueID))) }
    static func blankInput(_ req: Request) -> ResourceInput { ResourceInput() }
    static func input(from record: SpecialResource) -> ResourceInput { ResourceInput(record) }
    static func save(_ record: SpecialResource, _ input: ResourceInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try await VenueDetailsEditor.saveResource(record, input, venue: venue, by: staff, on: db, lang: lang)
    }
    func savedMessage() -> (zh: String, en: String) { ("已保存“\(kind.zh)”：\(quantity)。", "Saved \(kind.en): \(quantity).") }
    func deletedMessage() -> (zh: String, en: String) { ("已删除“\(kind.zh)”记录。", "Deleted the \(kind.en) record.") }

    static func render(_ req: Request, venue: Venue, input: ResourceInput, errors: FieldErrors, editing: SpecialResource?) async throws -> Response {
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
                 H.group(H.a(ctx.canEdit ? lang.t("编辑", "Edit") : lang.t("查看", "View"), href: SiteURL.venues(.staffResource(.id(vid), .id(r.id!))).path), H.text(" "),
                         ctx.canEdit ? Forms.actionButton(ctx, action: SiteURL.venues(.staffResourceDelete(.id(vid), .id(r.id!))).path, title: lang.t("删除", "Delete"),
                                            danger: true, confirm: lang.t("确定删除这条记录吗？", "Delete this record?")) : H.empty)]
            })
        let action = editing.map { SiteURL.venues(.staffResource(.id(vid), .id($0.id!))).path } ?? SiteURL.venues(.staffResources(.id(vid))).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("特殊群体资源：\(venue.name)", "Special-group resources: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(vid))).path), (lang.t("特殊群体资源", "Resources"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "resources"), list] + (editing == nil ? [] : [H.h2(lang.t("编辑资源", "Edit resource"))]),
            formTitle: editing == nil ? lang.t("添加资源", "Add a resource") : nil,
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存", "Save")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
