import Fluent
import Foundation
import Plot
import Vapor

extension StaffActivitiesController {
    /// The activity form, and for an existing activity its registrations, proxy
    /// registration, headcount and cancellation.
    static func form(_ req: Request, input: ActivityInput, errors: FieldErrors, editing: Activity?) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let lang = ctx.lang
        let time = req.displayTime
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$tier).sort(\.$name).limit(500).all()
        let venueIDs = venues.compactMap(\.id)
        let names = Dictionary(uniqueKeysWithValues: venues.map { ($0.id!, $0.name) })
        let items = try await ServiceItem.query(on: req.db).filter(\.$venue.$id ~~ venueIDs).filter(\.$active == true).sort(\.$title).limit(500).all()
        let spaces = try await Space.query(on: req.db).filter(\.$venue.$id ~~ venueIDs).sort(\.$name).limit(500).all()
        let villages = try await Region.query(on: req.db).filter(\.$level == .village).sort(\.$path).all()
        let townships = try await req.townships()
        let none = FormField.Option(value: "", label: lang.t("无", "None"))
        let choose = FormField.Option(value: "", label: lang.t("请选择", "Choose"))
        let fields = [
            FormField(name: "venue", label: lang.t("主办场馆", "Organising venue"), kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                      value: input.venue?.uppercased() ?? "", error: errors["venue"], required: true),
            FormField(name: "serviceItem", label: lang.t("对应的服务菜单项目", "Menu item"), kind: .select([none] + items.map { .init(value: $0.id!.uuidString, label: "\(names[$0.$venue.id] ?? "") · \($0.title)") }),
                      value: input.serviceItem?.uppercased() ?? "", error: errors["serviceItem"], hint: lang.t("临时安排的活动可以不选。", "Leave empty for an ad hoc activity.")),
            FormField(name: "kind", label: lang.t("活动类型", "Kind"), kind: .select([choose] + ServiceKind.options(lang)), value: input.kind ?? "", error: errors["kind"], required: true),
            FormField(name: "title", label: lang.t("活动名称", "Title"), value: input.title ?? "", error: errors["title"], required: true, maxLength: 60),
            FormField(name: "description", label: lang.t("活动介绍", "Description"), kind: .textarea, value: input.description ?? "", error: errors["description"], maxLength: 2000),
            FormField(name: "groups", label: lang.t("服务对象", "For"), kind: .checkboxes(TargetGroup.options(lang)), values: input.groups ?? [], error: errors["groups"]),
            FormField(name: "date", label: lang.t("日期", "Date"), kind: .date, value: input.date ?? "", error: errors["date"], hint: lang.t("格式：2026-12-05", "Format: 2026-12-05"), required: true),
            FormField(name: "starts", label: lang.t("开始时间", "Starts"), kind: .time, value: input.starts ?? "", error: errors["starts"], required: true),
            FormField(name: "ends", label: lang.t("结束时间", "Ends"), kind: .time, value: input.ends ?? "", error: errors["ends"], required: true),
            FormField(name: "space", label: lang.t("活动场地", "Space"), kind: .select([none] + spaces.map { .init(value: $0.id!.uuidString, label: "\(names[$0.$venue.id] ?? "") · \($0.name)（\($0.capacity)）") }),
                      value: input.space?.uppercased() ?? "", error: errors["space"], hint: lang.t("选了场地，系统会检查这个时间是否已被占用。", "With a space chosen, the time is checked against its bookings.")),
            FormField(name: "village", label: lang.t("流动服务：在哪个村（社区）举办", "Mobile service: held in village"), kind: .select([none] + townships.villageOptions(villages)),
                      value: input.village?.uppercased() ?? "", error: errors["village"]),
            FormField(name: "location", label: lang.t("具体地点", "Location"), value: input.location ?? "", error: errors["location"], maxLength: 100),
            FormField(name: "mode", label: lang.t("参与形式", "How people take part"), kind: .select(ActivityMode.options(lang)), value: input.mode ?? ActivityMode.inPerson.rawValue,
                      error: errors["mode"], hint: lang.t("线上、线上线下结合的活动要填直播链接；线上观看人数在上报时单独填写。", "Online and hybrid activities need a stream link; online viewers are reported separately.")),
            FormField(name: "streamURL", label: lang.t("直播链接", "Live-stream link"), value: input.streamURL ?? "", error: errors["streamURL"],
                      hint: lang.t("例如 https://live.example.cn/xinmi/123", "e.g. https://live.example.cn/xinmi/123"), maxLength: 500, inputmode: "url"),
            FormField(name: "registration", label: lang.t("报名方式", "Registration"), kind: .select(RegistrationMode.options(lang)), value: input.registration ?? "", error: errors["registration"], required: true),
            FormField(name: "capacity", label: lang.t("名额 / 预计人数", "Capacity"), kind: .number, value: input.capacity ?? "", error: errors["capacity"], required: true, maxLength: 6),
            FormField(name: "perAccount", label: lang.t("每个账号最多报名人数", "Places per account"), kind: .number, value: input.perAccount ?? "", error: errors["perAccount"],
                      hint: lang.t("防止抢占名额；最多 \(req.settings.maxPartySize) 人。", "Stops hoarding; at most \(req.settings.maxPartySize)."), required: true, maxLength: 2),
            FormField(name: "cancelHours", label: lang.t("开始前多少小时停止取消", "Cancellation closes (hours before start)"), kind: .number, value: input.cancelHours ?? "", error: errors["cancelHours"], maxLength: 3),
        ]
        let title = editing.map { $0.title } ?? lang.t("发布新活动", "New activity")
        let action = editing.map { SiteURL.activities(.staffShow(.id($0.id!))).path } ?? SiteURL.activities(.staffNew).path
        var below: [HNode] = []
        if let activity = editing { below = try await panels(req, ctx, activity, time: time) }
        let html = StaffPage.formPage(ctx, title: title, crumbs: [(lang.t("活动管理", "Activities"), SiteURL.activities(.staffIndex).path), (title, nil)],
                                      above: editing.map { [summary(ctx, $0)] } ?? [],
                                      form: Forms.form(ctx, action: action, fields: fields, submit: editing == nil ? lang.t("发布活动", "Publish") : lang.t("保存修改", "Save changes")),
                                      below: below)
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }

    private static func summary(_ ctx: PageContext, _ a: Activity) -> HNode {
        H.el("p", [("class", "actions")], [
            H.a(ctx.t("查看公开页面", "Public page"), href: SiteURL.activities(.show(.id(a.id!))).path, cls: "button"), H.text(" "),
            a.registration == .required ? H.a(ctx.t("扫码签到", "Check-in"), href: SiteURL.registrations(.staffCheckIn(.id(a.id!))).path, cls: "button primary") : H.empty, H.text(" "),
            H.a(ctx.t("上报文旅云", "Report to the cloud"), href: SiteURL.reporting(.activityReport(.id(a.id!))).path, cls: "button"),
        ])
    }

    private static func panels(_ req: Request, _ ctx: PageContext, _ a: Activity, time: DisplayTime) async throws -> [HNode] {
        let registrations = try await Registration.query(on: req.db).filter(\.$activity.$id == a.id!).sort(\.$createdAt).sort(\.$id).limit(1000).all()
        var nodes: [HNode] = []
        let key = try await req.checkInKey()
        if a.registration == .required {
            let rows: [[HNode]] = registrations.map { r in
                let checkIn: HNode = ctx.may(.runEvents) && r.status == .confirmed && r.checkedInAt == nil && !a.hasEnded(at: req.now.addingTimeInterval(-CheckInDesk.closesAfter))
                    ? H.el("form", [("method", "post"), ("action", SiteURL.registrations(.staffCheckIn(.id(a.id!))).path), ("class", "inline")], [
                        Forms.csrfField(ctx),
                        H.void("input", [("type", "hidden"), ("name", "code"), ("value", CheckInToken(registrationID: r.id!).encoded(key: key))]),
                        H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("签到", "Check in"))),
                    ]) : H.empty
                return [H.text(PersonalData.person(name: r.name, phone: r.phone) + (r.isProxy ? ctx.t("（代报名）", " (proxy)") : "")),
                 H.text(String(r.places)),
                 H.text(r.checkedInAt.map { ctx.t("已签到 ", "Checked in ") + DisplayTime.clock(time.minuteOfDay($0)) }
                        ?? MyRegistrationsController.displayStatus(r, activity: a, now: req.now, lang: ctx.lang)),
                 H.group(checkIn, H.text(" "),
                         ctx.canEdit && !r.phone.isEmpty
                            ? Forms.actionButton(ctx, action: SiteURL.activities(.staffRegistrationContact(.id(a.id!), .id(r.id!))).path, title: ctx.t("查看联系方式", "Contact details"))
                            : H.empty, H.text(" "),
                         r.status.isActive && ctx.canEdit && r.checkedInAt == nil
                    ? Forms.actionButton(ctx, action: SiteURL.activities(.staffRegistrationCancel(.id(a.id!), .id(r.id!))).path, title: ctx.t("取消", "Cancel"),
                                         danger: true, confirm: ctx.t("确定取消这条报名吗？", "Cancel this registration?")) : H.empty)]
            }
            nodes.append(H.section(labelledBy: "registrations", title: ctx.t("报名名单（已确认 \(a.confirmedPlaces)/\(a.capacity)，候补 \(a.waitingPlaces)）",
                                                                             "Registrations (\(a.confirmedPlaces)/\(a.capacity) confirmed, \(a.waitingPlaces) waiting)"), [
                rows.isEmpty ? Tables.empty(ctx.t("还没有人报名。", "No one has registered yet."))
                    : Tables.table(caption: ctx.t("报名名单（姓名和手机号已脱敏）", "Registrations (names and numbers masked)"),
                                   headers: [ctx.t("报名人", "Name"), ctx.t("人数", "Places"), ctx.t("状态", "Status"), ctx.t("操作", "Actions")], rows: rows),
            ]))
            if ctx.canEdit && !a.hasEnded(at: req.now) && a.status == .published {
                nodes.append(H.section(labelledBy: "proxy", title: ctx.t("代报名（为没有智能手机的群众报名）", "Proxy registration (for someone without a smartphone)"), [
                    Forms.form(ctx, action: SiteURL.activities(.staffProxy(.id(a.id!))).path, fields: [
                        FormField(name: "name", label: ctx.t("姓名", "Name"), required: true, maxLength: 20),
                        FormField(name: "phone", label: ctx.t("手机号（没有可不填）", "Mobile (optional)"), kind: .tel, maxLength: 13),
                        FormField(name: "places", label: ctx.t("人数", "Places"), kind: .number, value: "1", maxLength: 2),
                    ], submit: ctx.t("代为报名", "Register on their behalf")),
                ]))
            }
        } else if ctx.canEdit {
            nodes.append(H.section(labelledBy: "headcount", title: ctx.t("到场人数", "Headcount"), [
                a.headcountPhotoPath.map { H.el("p", [], H.a(ctx.t("查看现场照片", "View the photo"), href: SiteURL.staffUpload($0).path)) } ?? H.empty,
                H.p(a.headcount.map { ctx.t("已记录到场 \($0) 人。", "\($0) recorded.") } ?? ctx.t("活动结束后，请如实填写到场人数，可附现场照片（JPEG、PNG 或 WebP，不超过 5 MB）。",
                                                                                                    "After the activity, record how many came, with a photo if you have one (JPEG, PNG or WebP, up to 5 MB)."), cls: "hint"),
                H.el("form", [("method", "post"), ("action", SiteURL.activities(.staffHeadcount(.id(a.id!))).path), ("enctype", "multipart/form-data"), ("class", "stack")], [
                    Forms.csrfField(ctx),
                    Forms.field(FormField(name: "headcount", label: ctx.t("到场人数", "Attendance"), kind: .number, value: a.headcount.map(String.init) ?? "", required: true, maxLength: 7), ctx),
                    H.div("field", [H.el("label", [("for", "f-photo")], H.text(ctx.t("现场照片（可选）", "Photo (optional)"))),
                                    H.void("input", [("type", "file"), ("id", "f-photo"), ("name", "photo"), ("accept", "image/jpeg,image/png,image/webp")])]),
                    H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("保存到场人数", "Save headcount"))),
                ]),
            ]))
        }
        if ctx.canEdit && a.kind == .mobileLibrary && a.startsAt <= req.now {
            nodes.append(H.section(labelledBy: "books", title: ctx.t("借出图书", "Books lent"), [
                H.p(a.booksLent.map { ctx.t("已记录借出 \($0) 册。", "\($0) books recorded.") } ?? ctx.t("流动图书车这一站借出了多少册？", "How many books did this stop lend?"), cls: "hint"),
                Forms.form(ctx, action: SiteURL.activities(.staffBooks(.id(a.id!))).path, fields: [
                    FormField(name: "books", label: ctx.t("借出图书（册）", "Books lent"), kind: .number, value: a.booksLent.map(String.init) ?? "", required: true, maxLength: 6),
                ], submit: ctx.t("保存", "Save")),
            ]))
        }
        if ctx.canEdit { nodes.append(photoPanel(ctx, a)) }
        if ctx.canEdit && a.status == .published && !a.hasEnded(at: req.now) {
            nodes.append(H.section(labelledBy: "danger", title: ctx.t("取消活动", "Cancel the activity"), [
                Forms.actionButton(ctx, action: SiteURL.activities(.staffCancel(.id(a.id!))).path, title: ctx.t("取消这个活动", "Cancel this activity"),
                                   danger: true, confirm: ctx.t("确定取消活动吗？", "Cancel the activity?")),
            ]))
        }
        return nodes
    }

    private static func photoPanel(_ ctx: PageContext, _ a: Activity) -> HNode {
        let action = SiteURL.activities(.staffPhoto(.id(a.id!))).path
        return H.section(labelledBy: "photo", title: ctx.t("活动照片", "Photo"), [
            a.photoPath == nil
                ? H.p(ctx.t("还没有照片。上传海报或场地照片，群众在活动页面上能看到（JPEG、PNG 或 WebP，不超过 5 MB）。",
                            "No photo yet. Upload a poster or a picture of the place; it shows on the public page (JPEG, PNG or WebP, up to 5 MB)."), cls: "hint")
                : H.el("figure", [("class", "activity-photo")], H.void("img", [("src", SiteURL.activities(.photo(.id(a.id!))).path), ("alt", ctx.t("当前的活动照片", "The current photo"))])),
            H.el("form", [("method", "post"), ("action", action), ("enctype", "multipart/form-data"), ("class", "stack")], [
                Forms.csrfField(ctx),
                H.div("field", [H.el("label", [("for", "f-activity-photo")], H.text(a.photoPath == nil ? ctx.t("选择照片", "Choose a photo") : ctx.t("换一张照片", "Replace the photo"))),
                                H.void("input", [("type", "file"), ("id", "f-activity-photo"), ("name", "photo"), ("accept", "image/jpeg,image/png,image/webp")])]),
                H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("上传照片", "Upload photo"))),
            ]),
            a.photoPath == nil ? H.empty : H.el("form", [("method", "post"), ("action", action), ("enctype", "multipart/form-data")], [
                Forms.csrfField(ctx), H.void("input", [("type", "hidden"), ("name", "remove"), ("value", "1")]),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("删除照片", "Remove photo"))),
            ]),
        ])
    }
}
