import Fluent
import Foundation
import Plot
import Scheduling
import Vapor

struct BookingInput: Content, Equatable {
    /// A folk art team the signed-in account leads, booking at the team rate.
    var teamId: String?
    var team: String?
    var phone: String?
    var purpose: String?
    var attendees: String?
    var date: String?
    var starts: String?
    var ends: String?
}

/// A space's public page: what occupies it over the next two weeks, and a booking form (R4.4).
enum SpaceController {
    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, input: BookingInput(), errors: [:], problem: nil)
    }

    @Sendable static func book(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else {
            return req.redirect(to: SiteURL.login.with([("next", SiteURL.spaces(.show(.id(try req.id()))).path)]))
        }
        try account.requireCitizen()
        let (space, venue) = try await load(req)
        let input = try req.content.decode(BookingInput.self)
        let time = req.displayTime
        var check = FormCheck(req.lang)
        let team = check.text("team", input.team, required: false, max: 40)
        let phone = MobileNumber.normalize(input.phone ?? "")
        if phone == nil { check.fail("phone", "请填写 11 位手机号，方便场馆联系您。", "Enter an 11-digit mobile number so the venue can reach you.") }
        let purpose = check.text("purpose", input.purpose, max: 200)
        var ledTeam: FolkTeam?
        if let raw = input.teamId, !raw.isEmpty {
            ledTeam = try await UUID(uuidString: raw).asyncMap { try await FolkTeam.find($0, on: req.db) } ?? nil
            if ledTeam == nil || ledTeam?.$leader.id != account.id {
                return try await render(req, input: input, errors: [:], problem: req.lang.t("只有团队的队长可以以团队名义预约。", "Only the team's leader can book for the team."))
            }
        }
        let attendees = check.int("attendees", input.attendees, min: 1, max: 100_000)
        let day = check.date("date", input.date)
        let start = DisplayTime.minutes(input.starts ?? ""), end = DisplayTime.minutes(input.ends ?? "")
        if start == nil { check.fail("starts", "请按 14:00 的格式填写开始时间。", "Enter a start time like 14:00.") }
        if end == nil { check.fail("ends", "请按 16:00 的格式填写结束时间。", "Enter an end time like 16:00.") }
        if let start, let end, end <= start { check.fail("ends", "结束时间要晚于开始时间。", "The end must be after the start.") }
        guard check.isValid, let day, let start, let end, let from = time.instant(day: day, minute: start), let to = time.instant(day: day, minute: end) else {
            return try await render(req, input: input, errors: check.errors, problem: nil)
        }
        do {
            _ = try await BookingDesk.request(.init(space: space, venue: venue, account: account, teamName: ledTeam?.name ?? team, contactPhone: phone!,
                                                    purpose: purpose, attendees: attendees!, slot: TimeSlot(start: from, end: to), team: ledTeam),
                                              now: req.now, time: time, lang: req.lang, on: req.db)
        } catch AppError.invalid(let errors) {
            return try await render(req, input: input, errors: errors, problem: nil)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, input: input, errors: [:], problem: error.message(req.lang))
        }
        let rateNote = ledTeam.map { "（团队价：\($0.bookingRate.zh)）" } ?? ""
        Flash.set(req, "预约申请已提交\(rateNote)，等待\(venue.name)审核。审核结果会显示在“我的报名与预约”中。",
                  "Booking request sent to \(venue.name) for approval\(ledTeam.map { " (team rate: \($0.bookingRate.en))" } ?? ""). The decision will appear under My registrations and bookings.")
        return req.redirect(to: SiteURL.registrations(.index).path)
    }

    private static func load(_ req: Request) async throws -> (Space, Venue) {
        guard let space = try await Space.find(req.id(), on: req.db), let venue = try await Venue.find(space.$venue.id, on: req.db) else { throw AppError.notFound }
        return (space, venue)
    }

    private static func render(_ req: Request, input: BookingInput, errors: FieldErrors, problem: String?) async throws -> Response {
        let (space, venue) = try await load(req)
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let week = try await BookableWeek.load(spaceID: space.id!, venueID: venue.id!, on: req.db)
        let occupants = try await SpaceCalendar.occupants(spaceID: space.id!, from: req.now, to: req.now.addingTimeInterval(14 * 86_400), on: req.db)
        let rows: [[HNode]] = occupants.map { o in
            [H.text(time.span(o.slot.start, o.slot.end)), H.text(o.kind == .activity ? ctx.t("活动", "Activity") : ctx.t("预约", "Booking")),
             o.kind == .activity ? H.a(o.title, href: SiteURL.activities(.show(.id(o.id))).path) : H.text(o.title)]
        }
        var content: [HNode] = [
            H.h1(space.name),
            H.facts([(ctx.t("所属场馆", "Venue"), H.a(venue.name, href: SiteURL.venues(.show(.id(venue.id!))).path)),
                     (ctx.t("类型", "Kind"), H.text(space.kind.label(ctx.lang))),
                     (ctx.t("容纳人数", "Capacity"), H.text(String(space.capacity))),
                     (ctx.t("可预约时间", "Bookable"), H.text(week.text(ctx.lang) + (week.isOwn ? "" : ctx.t("（与场馆开放时间相同）", " (the venue's opening hours)"))))]),
            H.section(labelledBy: "occupied", title: ctx.t("未来两周已占用的时间", "Taken in the next two weeks"), [
                rows.isEmpty ? Tables.empty(ctx.t("未来两周都还空着。", "Free for the next two weeks."))
                    : Tables.table(caption: ctx.t("已占用时间", "Taken"), headers: [ctx.t("时间", "When"), ctx.t("类型", "Kind"), ctx.t("内容", "What")], rows: rows),
            ]),
        ]
        var form: [HNode] = []
        if !space.bookable {
            form = [H.p(ctx.t("这个场地不对外预约。", "This space is not open for booking."))]
        } else if req.auth.get(Account.self) == nil {
            form = [H.p(ctx.t("预约场地需要先登录。", "Sign in to book.")),
                    H.a(ctx.t("登录后预约", "Sign in to book"), href: SiteURL.login.with([("next", SiteURL.spaces(.show(.id(space.id!))).path)]), cls: "button primary")]
        } else {
            let led = try await FolkTeam.query(on: req.db).filter(\.$leader.$id == req.auth.get(Account.self)!.requireID()).sort(\.$name).all()
            let teamChoice: [FormField] = led.isEmpty ? [] : [
                FormField(name: "teamId", label: ctx.t("以团队名义预约（团队价）", "Book for your team (team rate)"),
                          kind: .select([.init(value: "", label: ctx.t("不用，个人预约", "No, for myself"))] + led.map { .init(value: $0.id!.uuidString, label: $0.name + "（" + $0.bookingRate.label(ctx.lang) + "）") }),
                          value: input.teamId ?? "", error: errors["teamId"],
                          hint: ctx.t("已正式登记注册的团队免费使用，未登记的团队享受优惠价", "Registered teams use spaces free, others at a discount")),
            ]
            form = [
                problem.map { Forms.problem($0) } ?? H.empty,
                H.p(ctx.t("文艺团队和群众可免费或优惠使用场地。提交后由场馆审核，结果会显示在“我的报名与预约”中。",
                          "Folk art teams and citizens use spaces free or at a discount. The venue reviews each request."), cls: "hint"),
                Forms.form(ctx, action: SiteURL.spaces(.book(.id(space.id!))).path, fields: teamChoice + [
                    FormField(name: "team", label: ctx.t("团队名称（个人预约可不填）", "Team (leave empty if just you)"), value: input.team ?? "", error: errors["team"], maxLength: 40),
                    FormField(name: "phone", label: ctx.t("联系电话", "Contact mobile"), kind: .tel, value: input.phone ?? "", error: errors["phone"], required: true, maxLength: 13, autocomplete: "tel"),
                    FormField(name: "purpose", label: ctx.t("用途", "Purpose"), value: input.purpose ?? "", error: errors["purpose"], hint: ctx.t("例如：广场舞排练", "e.g. dance rehearsal"), required: true, maxLength: 200),
                    FormField(name: "attendees", label: ctx.t("人数", "People"), kind: .number, value: input.attendees ?? "", error: errors["attendees"], required: true, maxLength: 6),
                    FormField(name: "date", label: ctx.t("日期", "Date"), kind: .date, value: input.date ?? "", error: errors["date"], required: true),
                    FormField(name: "starts", label: ctx.t("开始时间", "Starts"), kind: .time, value: input.starts ?? "", error: errors["starts"], required: true),
                    FormField(name: "ends", label: ctx.t("结束时间", "Ends"), kind: .time, value: input.ends ?? "", error: errors["ends"], required: true),
                ], submit: ctx.t("提交预约申请", "Request booking")),
            ]
        }
        content.append(H.section(labelledBy: "book", title: ctx.t("预约这个场地", "Book this space"), form))
        let crumbs: [Layout.Crumb] = [.init(title: ctx.t("场馆", "Venues"), url: SiteURL.venues(.index).path), .init(title: venue.name, url: SiteURL.venues(.show(.id(venue.id!))).path), .init(title: space.name, url: nil)]
        let status: HTTPResponseStatus = problem != nil ? .conflict : errors.isEmpty ? .ok : .unprocessableEntity
        return Layout.response(Layout.page(ctx, title: space.name, crumbs: crumbs, content), status: status)
    }
}
