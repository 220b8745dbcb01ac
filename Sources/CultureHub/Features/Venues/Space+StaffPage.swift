import Fluent
import Plot
import Vapor

/// Spaces (rooms, halls) of one venue: list with an add form, edit, delete.
extension Space: VenueChild {
    static var parameter: String { "space" }
    static func list(_ venueID: UUID) -> SiteURL { .venues(.staffSpaces(.id(venueID))) }
    static func blankInput(_ req: Request) -> SpaceInput { SpaceInput() }
    static func input(from record: Space) -> SpaceInput { SpaceInput(record) }
    static func save(_ record: Space, _ input: SpaceInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try await VenueDetailsEditor.saveSpace(record, input, venue: venue, by: staff, on: db, lang: lang)
    }
    func savedMessage() -> (zh: String, en: String) { ("已保存场地“\(name)”。", "Saved the space \(name).") }
    func deletedMessage() -> (zh: String, en: String) { ("已删除场地“\(name)”。", "Deleted the space \(name).") }

    static func render(_ req: Request, venue: Venue, input: SpaceInput, errors: FieldErrors, editing: Space?) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let vid = venue.id!
        let spaces = try await Space.query(on: req.db).filter(\.$venue.$id == vid).sort(\.$name).all()
        let fields = [
            FormField(name: "name", label: lang.t("场地名称", "Name"), value: input.name ?? "", error: errors["name"], required: true, maxLength: 60),
            FormField(name: "kind", label: lang.t("类型", "Kind"), kind: .select([.init(value: "", label: lang.t("请选择", "Choose"))] + SpaceKind.options(lang)),
                      value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "capacity", label: lang.t("容纳人数", "Capacity"), kind: .number, value: input.capacity ?? "", error: errors["capacity"], required: true, maxLength: 6),
            FormField(name: "area", label: lang.t("面积（平方米）", "Area (m²)"), kind: .number, value: input.area ?? "", error: errors["area"], maxLength: 7),
            FormField(name: "bookable", label: lang.t("向群众和文艺团队开放预约", "Open for booking by citizens and teams"), kind: .checkbox, value: FormCheck.flag(input.bookable) ? "1" : ""),
            FormField(name: "description", label: lang.t("设施说明", "Equipment and notes"), kind: .textarea, value: input.description ?? "", error: errors["description"], maxLength: 500),
        ]
        let list: HNode = spaces.isEmpty
            ? Tables.empty(lang.t("还没有登记活动场地。添加后，群众可以在公开页面看到场地和容量。", "No spaces yet. Once added, the public page shows them with their capacity."))
            : Tables.table(caption: lang.t("已登记的场地", "Registered spaces"), headers: [
                lang.t("名称", "Name"), lang.t("类型", "Kind"), lang.t("容纳人数", "Capacity"), lang.t("可预约", "Bookable"), lang.t("操作", "Actions"),
            ], rows: spaces.map { s in
                [H.text(s.name), H.text(s.kind.label(lang)), H.text(String(s.capacity)), H.text(s.bookable ? lang.t("是", "Yes") : lang.t("否", "No")),
                 H.group(H.a(ctx.canEdit ? lang.t("编辑", "Edit") : lang.t("查看", "View"), href: SiteURL.venues(.staffSpace(.id(vid), .id(s.id!))).path), H.text(" "),
                         s.bookable ? H.a(lang.t("可预约时间", "Bookable hours"), href: SiteURL.venues(.staffSpaceHours(.id(vid), .id(s.id!))).path) : H.empty, H.text(" "),
                         ctx.canEdit ? Forms.actionButton(ctx, action: SiteURL.venues(.staffSpaceDelete(.id(vid), .id(s.id!))).path, title: lang.t("删除", "Delete"),
                                            danger: true, confirm: lang.t("确定删除场地“\(s.name)”吗？", "Delete \(s.name)?")) : H.empty)]
            })
        let formTitle = editing.map { lang.t("编辑场地：\($0.name)", "Edit space: \($0.name)") } ?? lang.t("添加场地", "Add a space")
        let action = editing.map { SiteURL.venues(.staffSpace(.id(vid), .id($0.id!))).path } ?? SiteURL.venues(.staffSpaces(.id(vid))).path
        let title = lang.t("活动场地：\(venue.name)", "Spaces: \(venue.name)")
        let html = StaffPage.formPage(
            ctx, title: title,
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(vid))).path), (lang.t("活动场地", "Spaces"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "spaces"), list] + (editing == nil ? [] : [H.h2(formTitle)]),
            formTitle: editing == nil ? formTitle : nil,
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存场地", "Save space")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
