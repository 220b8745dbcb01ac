import Fluent
import Plot
import Vapor

/// A venue's free-opening notices (R2.1): publish a new one, correct an existing one.
enum StaffNoticesController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        var input = NoticeInput()
        input.validFrom = req.displayTime.today
        return try await render(req, venue: try await req.scopedVenue(staff), input: input, errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        try await save(req, existing: nil)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        let notice = try await find(req, venue)
        return try await render(req, venue: venue, input: NoticeInput(notice), errors: [:], editing: notice)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        return try await save(req, existing: try await find(req, venue))
    }

    static func save(_ req: Request, existing: FreeOpeningNotice?) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        let input = try req.content.decode(NoticeInput.self)
        do {
            let notice = existing ?? FreeOpeningNotice()
            try await VenueDetailsEditor.saveNotice(notice, input, venue: venue, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "公示“\(notice.title)”已发布，公众可在“免费开放公示”页面查看。",
                      "The notice “\(notice.title)” is published on the public free-opening page.")
            return req.redirect(to: SiteURL.staffVenueNotices(.id(venue.id!)).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, venue: venue, input: input, errors: errors, editing: existing)
        }
    }

    static func find(_ req: Request, _ venue: Venue) async throws -> FreeOpeningNotice {
        guard let found = try await FreeOpeningNotice.query(on: req.db).filter(\.$id == req.id("item")).filter(\.$venue.$id == venue.requireID()).first() else {
            throw AppError.notFound
        }
        return found
    }

    static func render(_ req: Request, venue: Venue, input: NoticeInput, errors: FieldErrors, editing: FreeOpeningNotice? = nil) async throws -> Response {
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
                 H.a(lang.t("修改", "Edit"), href: SiteURL.staffVenueNotice(.id(vid), .id(n.id!)).path)]
            })
        let action = editing.map { SiteURL.staffVenueNotice(.id(vid), .id($0.id!)).path } ?? SiteURL.staffVenueNotices(.id(vid)).path
        let html = StaffPage.formPage(
            ctx, title: lang.t("免费开放公示：\(venue.name)", "Free-opening notices: \(venue.name)"),
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.staffVenues.path), (venue.name, SiteURL.staffVenue(.id(vid)).path), (lang.t("免费开放公示", "Notices"), nil)],
            above: [StaffPage.venueTabs(ctx, venueID: vid, current: "notices"), list,
                    H.h2(editing == nil ? lang.t("发布新公示", "Publish a notice") : lang.t("修改公示", "Edit notice"))],
            form: Forms.form(ctx, action: action, fields: fields, submit: lang.t("发布", "Publish")))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
