import Fluent
import Foundation
import Vapor

public final class VillageBusyDay: Model, @unchecked Sendable {
    public static let schema = "village_busy_days"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "village_id") public var village: Region
    @Field(key: "region_path") public var regionPath: String
    /// A local day, yyyy-MM-dd.
    @Field(key: "day") public var day: String
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension VillageBusyDay: ScopedModel {
    public static var regionPathKey: KeyPath<VillageBusyDay, FieldProperty<VillageBusyDay, String>> { \.$regionPath }
    public var owningVenueID: UUID? { nil }
    public static func restrict(_ query: QueryBuilder<VillageBusyDay>, toVenue venueID: UUID) -> QueryBuilder<VillageBusyDay> {
        query.filter(\.$id == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }
}

/// A day a village asks not to be visited.
struct BusyDayInput: Content, Equatable {
    var village: String?
    var day: String?
    var reason: String?
}

enum VillageDaysDesk {
    /// Marks a busy day for a village in scope; field errors for a past day, a village outside
    /// the scope or a day already marked.
    static func mark(_ input: BusyDayInput, by staff: Staff, today: String, now: Date, lang: Lang,
                     on db: any Database) async throws -> VillageBusyDay {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let villageID = check.uuid("village", input.village)
        let day = check.date("day", input.day)
        let reason = check.text("reason", input.reason, max: 60)
        if let day, day < today { check.fail("day", "请选择今天或以后的日子。", "Choose today or a later day.") }
        var village: Region?
        if let villageID {
            village = try await staff.scope.filter(Region.query(on: db)).filter(\.$id == villageID).filter(\.$level == .village).first()
            if village == nil { check.fail("village", "请选择您管辖范围内的村（社区）。", "Choose a village in your scope.") }
        }
        try check.throwIfInvalid()
        let busy = VillageBusyDay()
        busy.$village.id = village!.id!
        busy.regionPath = village!.path
        busy.day = day!
        busy.reason = reason
        busy.createdBy = staff.account.id
        busy.createdAt = now
        do {
            try await db.writeTransaction { tx in try await busy.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["day": lang.t("\(village!.name) 的 \(day!) 已经标记过了。", "\(day!) is already marked for \(village!.name).")])
        }
        return busy
    }
}

/// `/staff/village-days`: village staff (or their township) mark the days a village cannot host
/// a mobile service; tour plans go round them.
enum VillageDaysController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(BusyDayInput.self)
        do {
            let busy = try await VillageDaysDesk.mark(input, by: req.staff(), today: req.displayTime.today,
                                                      now: req.now, lang: req.lang, on: req.db)
            let name = try await busy.$village.get(on: req.db).name
            Flash.set(req, "已标记：\(name) \(busy.day) 不方便接待流动服务。规划巡回路线时会避开这一天。",
                      "Marked: \(name) cannot host on \(busy.day). Tour plans will avoid it.")
            return req.redirect(to: SiteURL.mobileServices(.villageDays).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.editRegistry)
        guard let busy = try await VillageBusyDay.find(req.id(), on: req.db) else { throw AppError.notFound }
        try staff.scope.authorize(busy)
        try await req.db.writeTransaction { tx in try await busy.delete(on: tx) }
        Flash.set(req, "已取消这一天的标记。", "The day is no longer marked.")
        return req.redirect(to: SiteURL.mobileServices(.villageDays).path)
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let villages = try await staff.scope.filter(Region.query(on: req.db)).filter(\.$level == .village).sort(\.$code).limit(2000).all()
        let page = try await staff.scope.filter(VillageBusyDay.query(on: req.db)).filter(\.$day >= req.displayTime.today).with(\.$village)
            .sort(\.$day).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 30))
        let title = ctx.t("村里不方便的日子", "Days villages cannot host")
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("逢庙会、农忙、换届选举等村里接待不了流动演出或图书车的日子，请在这里标记，场馆规划巡回路线时会自动避开。",
                      "Mark the days a village cannot host a mobile service (a fair, the harvest, an election); tour plans skip them."), cls: "lead"),
            villages.isEmpty || !staff.role.may(.editRegistry) ? H.empty : Forms.form(ctx, action: SiteURL.mobileServices(.villageDays).path, fields: [
                FormField(name: "village", label: ctx.t("村（社区）", "Village"), kind: .select((villages.count == 1 ? [] : [choose]) + villages.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                          value: form["village"] ?? "", error: errors["village"], required: true),
                FormField(name: "day", label: ctx.t("日期", "Day"), kind: .date, value: form["day"] ?? "", error: errors["day"], required: true),
                FormField(name: "reason", label: ctx.t("原因", "Why"), value: form["reason"] ?? "", error: errors["reason"],
                          hint: ctx.t("例如：庙会、秋收、换届选举。", "E.g. a fair, the harvest, an election."), required: true, maxLength: 60),
            ], submit: ctx.t("标记这一天", "Mark the day")),
            page.items.isEmpty ? Tables.empty(ctx.t("还没有标记以后的日子。", "No days are marked ahead."))
                : Tables.table(caption: title, headers: [ctx.t("日期", "Day"), ctx.t("村（社区）", "Village"), ctx.t("原因", "Why"), ctx.t("操作", "Action")],
                               rows: page.items.map { b in
                                   [H.text(b.day), H.text(b.village.name), H.text(b.reason),
                                    staff.role.may(.editRegistry) ? Forms.actionButton(ctx, action: SiteURL.mobileServices(.villageDayDelete(.id(b.id!))).path, title: ctx.t("取消标记", "Unmark")) : H.empty]
                               }),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.mobileServices(.villageDays).with([("page", String($0))]) },
        ])
        return Layout.response(html, status: status)
    }
}
