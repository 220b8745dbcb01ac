import Fluent
import Plot
import Vapor

/// A venue's free-opening notices (R2.1): publish a new one, correct an existing one.
extension FreeOpeningNotice: VenueChild {
    static var parameter: String { "item" }
    static func list(_ venueID: UUID) -> SiteURL { .notices(.staffIndex(.id(venueID))) }
    /// A new notice starts today.
    static func blankInput(_ req: Request) -> NoticeInput {
        var input = NoticeInput()
        input.validFrom = req.displayTime.today
        return input
    }
    static func input(from record: FreeOpeningNotice) -> NoticeInput { NoticeInput(record) }
    static func save(_ record: FreeOpeningNotice, _ input: NoticeInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try await VenueDetailsEditor.saveNotice(record, input, venue: venue, by: staff, on: db, lang: lang)
    }
    func savedMessage() -> (zh: String, en: String) {
        ("公示“\(title)”已发布，公众可在“免费开放公示”页面查看。", "The notice “\(title)” is published on the public free-opening page.")
    }
    func deletedMessage() -> (zh: String, en: String) { ("已删除公示“\(title)”。", "Deleted the notice “\(title)”.") }

    static func render(_ req: Request, venue: Venue, input: NoticeInput, errors: FieldErrors, editing: FreeOpeningNotice?) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let vid = venue.id!
        let today = req.displayTime.today
        let notices = try await FreeOpeningNotice.query(on: req.db).filter(\.$venue.$id == vid).sort(\.$validFrom, .descending).all()
        let fields = [
            FormField(name: "title", label: lang.t("标题", "Title"), value: input.title ?? "", error: errors["title"],
                      hint: lang.t("例如：新密市图书馆2026年免费开放公示", "e.g. 2026 free-opening notice"), required: true, maxLength: 100),
            FormField(name: "freeItems", label: lang.t("免费开放项目", "Free services"), kind: .textarea, value: input.freeItems ?? "", error: errors["freeItems"],
                      hint: lang.t("例如：图书借阅、电子阅览、讲座、培训", "e.g. lending, e-reading, lectures, classes"), required: true, maxLength: 1000),
            FormField(name: "content", label: lang.t("服务内容与须知", "Details"), kind: .textarea, value: input.content ?? "", error: errors["content"], required: true, maxLength: 2000),
            FormField(name: "hoursText", label: lang.t("开放时间说明", "Hours"), value: input.hoursText ?? "", error: errors["hoursText"],
                      hint: lang.t("例如：周二至周日 9:00–17:30，周一闭馆", "e.g. Tue–Sun 9:00–17:30, closed Mondays"), required: true, maxLength: 200),
            FormField(name: "validFrom", label: lang.t("生效日期", "Valid from"), kind: .date, value: input.validFrom ?? "", error: errors["validFrom"],
                      hint: lang.t("格式 2026-01-01", "Format 2026-01-01"), required: true, maxLength: 10),
            FormField(name: "validUntil", label: lang.t("截止日期", "Valid until"), kind: .date, value: input.validUntil ?? "", error: errors["validUntil"],
                      hint: lang.t("长期有效可留空", "Leave empty if open-ended"), maxLength: 10),
        ]
        let list: HNode = notices.isEmpty
            ? Tables.empty(lang.t("该场馆还没有发布免费开放公示，在公开页面会被标为“无现行公示”。请在下方发布。",
                                  "No notice yet; the public board flags this venue. Publish one below."))
            : Tables.table(caption: lang.t("历次公示", "Notices"), headers: [
                lang.t("标题", "Title"), lang.t("有效期", "Valid"), lang.t("状态", "Status"), lang.t("操作", "Action"),
            ], rows: notices.map { n in
                [H.text(n.title), H.text(n.validFrom + " — " + (n.validUntil ?? lang.t("长期", "open-ended"))),
                 n.isCurrent(on: today) ? H.badge(lang.t("现行", "Current"), tone: "ok")
                    : H.badge(n.validFrom > today ? lang.t("未生效", "Upcoming") : lang.t("已过期", "Expired")),
                 H.a(ctx.canEdit ? lang.t("修改", "Edit") : lang.t("查看", "View"), href: SiteURL.notices(.staffItem(.id(vid), .id(n.id!))).path)]
            })
        let action = editing.map { SiteURL.notices(.staffItem(.id(vid), .id($0.id!))).path } ?? SiteURL.notices(.staffIndex(.id(vid))).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("免费开放公示：\(venue.name)", "Free-opening notices: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(vid))).path), (lang.t("免费开放公示", "Notices"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "notices"), list] + (editing == nil ? [] : [H.h2(lang.t("修改公示", "Edit notice"))]),
            formTitle: editing == nil ? lang.t("发布新公示", "Publish a notice") : nil,
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("发布", "Publish")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
