import Fluent
import Plot
import Vapor

struct ServiceItemInput: Content, Equatable {
    var kind: String?
    var title: String?
    var content: String?
    var quantity: String?
    var period: String?
    var unit: String?
    var groups: [String]?
    var fee: String?
    var feeNote: String?
    var orderable: String?
    var active: String?

    init() { period = QuantityPeriod.year.rawValue; unit = "场"; active = "1"; fee = "0" }
    init(_ i: ServiceItem) {
        kind = i.kind.rawValue; title = i.title; content = i.content; quantity = String(i.quantity); period = i.period.rawValue
        unit = i.unit; groups = i.targetGroups.map(\.rawValue); fee = String(format: "%d.%02d", i.feeFen / 100, i.feeFen % 100)
        feeNote = i.feeNote; orderable = i.orderable ? "1" : ""; active = i.active ? "1" : ""
    }
}

/// A venue's service menu (R3.1): list with an add form, edit, delete.
extension ServiceItem: VenueChild {
    static var parameter: String { "item" }
    static func list(_ venueID: UUID) -> SiteURL { .menu(.staffIndex(.id(venueID))) }
    static func blankInput(_ req: Request) -> ServiceItemInput { ServiceItemInput() }
    static func input(from record: ServiceItem) -> ServiceItemInput { ServiceItemInput(record) }
    func savedMessage() -> (zh: String, en: String) { ("已保存服务项目“\(title)”。群众可以在服务菜单中看到它。", "Saved “\(title)”. Citizens see it on the service menu.") }
    func deletedMessage() -> (zh: String, en: String) { ("已删除服务项目“\(title)”。", "Deleted “\(title)”.") }

    static func save(_ item: ServiceItem, _ input: ServiceItemInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try VenueDetailsEditor.authorize(venue, staff)
        var check = FormCheck(lang)
        let kind: ServiceKind? = check.choice("kind", input.kind)
        let title = check.text("title", input.title, max: 60)
        let content = check.text("content", input.content, max: 1000)
        let quantity = check.int("quantity", input.quantity, min: 1, max: 10_000)
        let period: QuantityPeriod? = check.choice("period", input.period)
        let unit = check.text("unit", input.unit, max: 6)
        let groups = (input.groups ?? []).compactMap(TargetGroup.init(rawValue:))
        if groups.isEmpty { check.fail("groups", "请至少选择一类服务对象。", "Choose at least one group.") }
        let fee = Money.fen(fromYuan: input.fee ?? "0")
        if fee == nil { check.fail("fee", "请填写金额（元），例如 0 或 15.50。", "Enter an amount in yuan, e.g. 0 or 15.50.") }
        let feeNote = check.text("feeNote", input.feeNote, required: false, max: 100)
        try check.throwIfInvalid()
        item.$venue.id = try venue.requireID()
        item.regionPath = venue.regionPath
        item.kind = kind!
        item.title = title
        item.content = content
        item.quantity = quantity!
        item.period = period!
        item.unit = unit
        item.targetGroupCodes = TargetGroup.encode(groups)
        item.feeFen = fee!
        item.feeNote = feeNote
        item.orderable = FormCheck.flag(input.orderable)
        item.active = FormCheck.flag(input.active)
        try await item.save(on: db)
    }

    static func render(_ req: Request, venue: Venue, input: ServiceItemInput, errors: FieldErrors, editing: ServiceItem?) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let vid = venue.id!
        let items = try await ServiceItem.query(on: req.db).filter(\.$venue.$id == vid).sort(\.$kind).sort(\.$title).all()
        let fields = [
            FormField(name: "kind", label: lang.t("服务类型", "Kind"), kind: .select([.init(value: "", label: lang.t("请选择", "Choose"))] + ServiceKind.options(lang)),
                      value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "title", label: lang.t("项目名称", "Title"), value: input.title ?? "", error: errors["title"], required: true, maxLength: 60),
            FormField(name: "content", label: lang.t("服务内容", "Content"), kind: .textarea, value: input.content ?? "", error: errors["content"], required: true, maxLength: 1000),
            FormField(name: "quantity", label: lang.t("数量", "Quantity"), kind: .number, value: input.quantity ?? "", error: errors["quantity"], required: true, maxLength: 5),
            FormField(name: "unit", label: lang.t("单位（场、期、次）", "Unit (shows, courses…)"), value: input.unit ?? "", error: errors["unit"], required: true, maxLength: 6),
            FormField(name: "period", label: lang.t("周期", "Per"), kind: .select(QuantityPeriod.options(lang)), value: input.period ?? "", error: errors["period"], required: true),
            FormField(name: "groups", label: lang.t("服务对象", "For"), kind: .checkboxes(TargetGroup.options(lang)), values: input.groups ?? [], error: errors["groups"]),
            FormField(name: "fee", label: lang.t("收费（元/人，免费填 0）", "Fee (yuan per person, 0 if free)"), value: input.fee ?? "", error: errors["fee"], maxLength: 10, inputmode: "decimal"),
            FormField(name: "feeNote", label: lang.t("收费说明", "Fee note"), value: input.feeNote ?? "", error: errors["feeNote"], maxLength: 100),
            FormField(name: "orderable", label: lang.t("村（社区）可点单", "Villages may order it"), kind: .checkbox, value: FormCheck.flag(input.orderable) ? "1" : ""),
            FormField(name: "active", label: lang.t("在服务菜单中公开", "Show on the public menu"), kind: .checkbox, value: FormCheck.flag(input.active) ? "1" : ""),
        ]
        let list: HNode = items.isEmpty
            ? Tables.empty(lang.t("还没有服务项目。把全年能提供的演出、培训、讲座等列出来，群众和村（社区）就能看到并参与。",
                                  "No menu items yet. List the shows, classes and talks you offer over the year so citizens and villages can find them."))
            : Tables.table(caption: lang.t("服务菜单", "Service menu"), headers: [
                lang.t("项目", "Item"), lang.t("类型", "Kind"), lang.t("数量", "Quantity"), lang.t("收费", "Fee"), lang.t("可点单", "Orderable"), lang.t("公开", "Public"), lang.t("操作", "Actions"),
            ], rows: items.map { i in
                [H.text(i.title), H.text(i.kind.label(lang)), H.text("\(i.period.label(lang)) \(i.quantity) \(i.unit)"), H.text(Money.text(fen: i.feeFen, lang)),
                 H.text(i.orderable ? lang.t("是", "Yes") : lang.t("否", "No")), H.text(i.active ? lang.t("是", "Yes") : lang.t("否", "No")),
                 H.group(H.a(ctx.canEdit ? lang.t("编辑", "Edit") : lang.t("查看", "View"), href: SiteURL.menu(.staffItem(.id(vid), .id(i.id!))).path), H.text(" "),
                         ctx.canEdit ? Forms.actionButton(ctx, action: SiteURL.menu(.staffItemDelete(.id(vid), .id(i.id!))).path, title: lang.t("删除", "Delete"),
                                                          danger: true, confirm: lang.t("确定删除“\(i.title)”吗？", "Delete \(i.title)?")) : H.empty)]
            })
        let formTitle = editing.map { lang.t("编辑服务项目：\($0.title)", "Edit: \($0.title)") } ?? lang.t("添加服务项目", "Add a menu item")
        let action = editing.map { SiteURL.menu(.staffItem(.id(vid), .id($0.id!))).path } ?? SiteURL.menu(.staffIndex(.id(vid))).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("服务菜单：\(venue.name)", "Service menu: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(vid))).path), (lang.t("服务菜单", "Service menu"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "menu"), list] + (editing == nil ? [] : [H.h2(formTitle)]),
            formTitle: editing == nil ? formTitle : nil,
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存服务项目", "Save item")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
