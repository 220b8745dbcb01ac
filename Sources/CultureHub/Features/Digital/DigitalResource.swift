import Fluent
import Foundation
import Plot
import SQLKit
import Vapor

public enum DigitalKind: String, Codable, Sendable, CaseIterable, Labeled {
    case recordedPerformance, onlineCourse, eReading, onlineExhibition
    public var zh: String {
        switch self { case .recordedPerformance: "演出录像"; case .onlineCourse: "线上课程（慕课）"; case .eReading: "数字阅读"; case .onlineExhibition: "线上展览" }
    }
    public var en: String {
        switch self { case .recordedPerformance: "Recorded performance"; case .onlineCourse: "Online course (MOOC)"; case .eReading: "E-reading"; case .onlineExhibition: "Online exhibition" }
    }
}

/// One item of a venue's digital catalogue (R4.6). Every opening through the platform counts as
/// a view, and views count as digital participation.
public final class DigitalResource: Model, @unchecked Sendable {
    public static let schema = "digital_resources"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "kind") public var kind: DigitalKind
    @Field(key: "title") public var title: String
    @Field(key: "description") public var details: String
    @Field(key: "url") public var url: String
    /// Moved only by `UPDATE … SET views = views + 1`, so concurrent openings all count.
    @Field(key: "views") public var views: Int
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension DigitalResource: ScopedModel {
    public static var regionPathKey: KeyPath<DigitalResource, FieldProperty<DigitalResource, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<DigitalResource>, toVenue venueID: UUID) -> QueryBuilder<DigitalResource> {
        query.filter(\.$venue.$id == venueID)
    }
}

struct DigitalResourceInput: Content, Equatable {
    var kind: String?
    var title: String?
    var description: String?
    var url: String?
    var active: String?

    init() { active = "1" }
    init(_ r: DigitalResource) { kind = r.kind.rawValue; title = r.title; description = r.details; url = r.url; active = r.active ? "1" : "" }
}

/// A venue's digital catalogue on the staff pages: list with an add form, edit, delete.
extension DigitalResource: VenueChild {
    static var parameter: String { "item" }
    static func list(_ venueID: UUID) -> SiteURL { .digital(.staffIndex(.id(venueID))) }
    static func blankInput(_ req: Request) -> DigitalResourceInput { DigitalResourceInput() }
    static func input(from record: DigitalResource) -> DigitalResourceInput { DigitalResourceInput(record) }
    func savedMessage() -> (zh: String, en: String) { ("已保存“\(title)”，群众可以在“数字文化”页面看到它。", "Saved “\(title)”; it is on the digital culture page.") }
    func deletedMessage() -> (zh: String, en: String) { ("已删除“\(title)”。", "Deleted “\(title)”.") }

    static func save(_ r: DigitalResource, _ input: DigitalResourceInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try VenueDetailsEditor.authorize(venue, staff)
        var check = FormCheck(lang)
        let kind: DigitalKind? = check.choice("kind", input.kind)
        let title = check.text("title", input.title, max: 80)
        let details = check.text("description", input.description, required: false, max: 500)
        let url = (input.url ?? "").trimmingCharacters(in: .whitespaces)
        if URL(string: url).map({ ($0.scheme == "https" || $0.scheme == "http") && $0.host != nil }) != true || url.count > 500 {
            check.fail("url", "请填写以 https:// 开头的完整链接。", "Enter a full link starting with https://.")
        }
        try check.throwIfInvalid()
        r.$venue.id = try venue.requireID()
        r.regionPath = venue.regionPath
        r.kind = kind!
        r.title = title
        r.details = details
        r.url = url
        if r.id == nil {
            r.views = 0
            r.createdAt = Date()
        }
        r.active = FormCheck.flag(input.active)
        try await r.save(on: db)
    }

    static func render(_ req: Request, venue: Venue, input: DigitalResourceInput, errors: FieldErrors, editing: DigitalResource?) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let vid = venue.id!
        let items = try await DigitalResource.query(on: req.db).filter(\.$venue.$id == vid).sort(\.$kind).sort(\.$title).all()
        let fields = [
            FormField(name: "kind", label: lang.t("类型", "Kind"), kind: .select([.init(value: "", label: lang.t("请选择", "Choose"))] + DigitalKind.options(lang)),
                      value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "title", label: lang.t("名称", "Title"), value: input.title ?? "", error: errors["title"], required: true, maxLength: 80),
            FormField(name: "description", label: lang.t("简介", "Description"), kind: .textarea, value: input.description ?? "", error: errors["description"], maxLength: 500),
            FormField(name: "url", label: lang.t("链接", "Link"), value: input.url ?? "", error: errors["url"],
                      hint: lang.t("观看或阅读的网址；群众通过本平台打开时计入浏览量。", "Where to watch or read it; openings through this site count as views."), required: true, maxLength: 500, inputmode: "url"),
            FormField(name: "active", label: lang.t("公开", "Public"), kind: .checkbox, value: FormCheck.flag(input.active) ? "1" : ""),
        ]
        let list: HNode = items.isEmpty
            ? Tables.empty(lang.t("还没有数字资源。把演出录像、慕课、数字阅读和线上展览的链接加进来，群众在家也能参与。",
                                  "No digital resources yet. Add recorded shows, online courses, e-reading and online exhibitions so people can take part from home."))
            : Tables.table(caption: lang.t("数字资源", "Digital resources"), headers: [lang.t("名称", "Title"), lang.t("类型", "Kind"), lang.t("浏览量", "Views"), lang.t("公开", "Public"), lang.t("操作", "Actions")],
                           rows: items.map { r in
                               [H.text(r.title), H.text(r.kind.label(lang)), H.text(String(r.views)), H.text(r.active ? lang.t("是", "Yes") : lang.t("否", "No")),
                                H.group(H.a(ctx.canEdit ? lang.t("编辑", "Edit") : lang.t("查看", "View"), href: SiteURL.digital(.staffItem(.id(vid), .id(r.id!))).path), H.text(" "),
                                        ctx.canEdit ? Forms.actionButton(ctx, action: SiteURL.digital(.staffItemDelete(.id(vid), .id(r.id!))).path, title: lang.t("删除", "Delete"),
                                                                         danger: true, confirm: lang.t("确定删除“\(r.title)”吗？", "Delete \(r.title)?")) : H.empty)]
                           })
        let formTitle = editing.map { lang.t("编辑：\($0.title)", "Edit: \($0.title)") } ?? lang.t("添加数字资源", "Add a digital resource")
        let action = editing.map { SiteURL.digital(.staffItem(.id(vid), .id($0.id!))).path } ?? SiteURL.digital(.staffIndex(.id(vid))).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("数字资源：\(venue.name)", "Digital resources: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(vid))).path), (lang.t("数字资源", "Digital resources"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "digital"), list] + (editing == nil ? [] : [H.h2(formTitle)]),
            formTitle: editing == nil ? formTitle : nil,
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("保存", "Save")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
