import Fluent
import Foundation
import TourPlanning
import Vapor

enum TourView {
    static let title = ("规划巡回路线", "Plan a tour")

    /// The programme, the start, visits a day and times, for the chosen villages.
    static func step1(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let ids = (form["villages"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        let villages = ids.isEmpty ? [] : try await Region.query(on: req.db).filter(\.$id ~~ ids).sort(\.$code).all()
        let items = try await staff.scope.filter(ServiceItem.query(on: req.db)).filter(\.$active == true)
            .filter(\.$kind ~~ MobileCoverage.kinds).with(\.$venue).sort(\.$title).limit(500).all()
        let programmes = try await staff.scope.filter(Programme.query(on: req.db)).filter(\.$year >= (Int(req.displayTime.today.prefix(4)) ?? 2026))
            .sort(\.$year).sort(\.$title).all().filter { $0.showsAssigned < $0.showsPlanned }
        let title = ctx.t(title.0, title.1)
        let fields = [
            FormField(name: "item", label: ctx.t("送什么（服务项目）", "What (menu item)"),
                      kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + items.map { .init(value: $0.id!.uuidString, label: "\($0.venue.name) · \($0.title)") }),
                      value: form["item"] ?? "", error: errors["item"], hint: ctx.t("路线从这个项目所属场馆出发。", "The route starts from the item's venue."), required: true),
            FormField(name: "programme", label: ctx.t("属于哪个采购项目（选填）", "Procured programme (optional)"),
                      kind: .select([.init(value: "", label: ctx.t("不属于采购项目", "None"))] + programmes.map {
                          .init(value: $0.id!.uuidString, label: ctx.t("\($0.title)（还可安排 \($0.showsPlanned - $0.showsAssigned) 场）", "\($0.title) (\($0.showsPlanned - $0.showsAssigned) shows left)")) }),
                      value: form["programme"] ?? "", error: errors["programme"]),
            FormField(name: "start", label: ctx.t("从哪天开始", "First day"), kind: .date, value: form["start"] ?? "", error: errors["start"], required: true),
            FormField(name: "perDay", label: ctx.t("每天最多去几个村", "Villages a day at most"), kind: .number, value: form["perDay"] ?? "", error: errors["perDay"], required: true),
            FormField(name: "firstStart", label: ctx.t("每天第一场开始时间", "First visit starts at"), kind: .time, value: form["firstStart"] ?? "", error: errors["firstStart"], required: true),
            FormField(name: "minutes", label: ctx.t("每场时长（分钟）", "Each visit (minutes)"), kind: .number, value: form["minutes"] ?? "", error: errors["minutes"], required: true),
            FormField(name: "audience", label: ctx.t("每场预计观众（人）", "Expected audience each"), kind: .number, value: form["audience"] ?? "", error: errors["audience"], required: true),
            FormField(name: "skipWeekends", label: ctx.t("周末不安排", "Not on weekends"), kind: .checkbox, value: FormCheck.flag(form["skipWeekends"]) ? "1" : ""),
        ]
        let body: HNode = villages.isEmpty
            ? H.group(errors["villages"].map { Forms.problem($0) } ?? H.empty,
                      H.p(ctx.t("请先在“流动服务覆盖”页面勾选还没有服务过的村，再来规划。", "First tick the villages not yet reached on the mobile-coverage page."), cls: "hint"),
                      H.a(ctx.t("去选择村（社区）", "Choose villages"), href: SiteURL.mobileServices(.index).path, cls: "button primary"))
            : H.group(
                H.p(ctx.t("要去的村（\(villages.count) 个）：", "Villages (\(villages.count)): ") + villages.map(\.name).joined(separator: ctx.t("、", ", "))),
                Forms.form(ctx, action: SiteURL.mobileServices(.tourPlan).path, fields: fields, submit: ctx.t("生成建议路线", "Propose a route"),
                           extra: [H.void("input", [("type", "hidden"), ("name", "villages"), ("value", villages.compactMap { $0.id?.uuidString }.joined(separator: ","))])]))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("流动服务覆盖", "Mobile coverage"), SiteURL.mobileServices(.index).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("系统按各村文化服务中心的位置，从场馆出发排出路程较短的先后顺序（最近邻加 2-opt 优化），每天不超过设定的村数，并避开村里标记不方便的日子。生成后可以逐个调整日期和时间，确认后一次发布全部活动。",
                      "The planner orders the visits from the venue to keep travel short (nearest neighbour, then 2-opt), at most K a day, avoiding days villages marked as busy. Adjust any date or time, then accept to publish them all."), cls: "lead"),
            body,
        ])
        return Layout.response(html, status: status)
    }

    /// The proposed schedule as an editable table, with what it saves.
    static func step2(_ req: Request, _ r: TourController.Request, _ d: TourDraft, form: [String: String], errors: FieldErrors,
                      status: HTTPResponseStatus = .ok) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t(title.0, title.1)
        var rows: [[HNode]] = []
        var notes: [HNode] = []
        if d.venueHasNoLocation {
            notes.append(Forms.problem(ctx.t("\(r.venue.name) 没有填写坐标，无法计算路线。请先在场馆信息中补上经纬度，或直接按下表填写日期。",
                                             "\(r.venue.name) has no coordinates, so no route can be computed. Add them to the venue, or fill in the dates below.")))
        }
        var scheduled: [(TourStop, String, Int)] = []
        if let plan = d.plan {
            for day in plan.days {
                for (i, stop) in day.stops.enumerated() { scheduled.append((stop, day.day, i)) }
            }
            let chain = String(format: "%.1f", d.proposedDistance), ticked = String(format: "%.1f", d.inputDistance)
            let total = String(format: "%.1f", plan.totalDistance)
            notes.append(H.p(ctx.t("共 \(plan.days.count) 天、\(scheduled.count) 个村，每天从场馆出发并返回，合计约 \(total) 公里。把各村连成一条线：建议顺序约 \(chain) 公里，按勾选顺序约 \(ticked) 公里。",
                                   "\(plan.days.count) days, \(scheduled.count) villages, about \(total) km in daily round trips. As one chain the proposed order is about \(chain) km, against \(ticked) km in the order ticked."), cls: "lead"))
            if !plan.unscheduled.isEmpty {
                notes.append(H.p(ctx.t("以下村在 120 天内都排不进去（不方便的日子太多），请手动填写日期：", "These villages could not be placed within 120 days (too many busy days); fill in a date by hand: ")
                                 + plan.unscheduled.compactMap { d.villagesByID[$0.id]?.name }.joined(separator: ctx.t("、", ", ")), cls: "warning"))
            }
        }
        let placed = Set(scheduled.map(\.0.id))
        let manual = r.villages.filter { !placed.contains($0.id!.uuidString) }
        if !d.noLocation.isEmpty {
            notes.append(H.p(ctx.t("以下村的文化服务中心没有坐标，未参与路线计算，请手动填写日期：", "These villages' centres have no coordinates and are not on the route; fill in a date by hand: ")
                             + d.noLocation.map(\.name).joined(separator: ctx.t("、", ", ")), cls: "hint"))
        }
        let line = { (village: Region, day: String, slot: Int) -> [HNode] in
            let key = village.id!.uuidString
            let startText = r.startTime(slot: slot)
            let busy = d.busy[village.id!].map { $0.map { "\($0.key)（\($0.value)）" }.sorted().joined(separator: "、") } ?? ""
            let error = errors["date-\(key)"]
            return [
                H.group(H.void("input", [("type", "checkbox"), ("name", "include-\(key)"), ("value", "1"), ("id", "inc-\(key)"),
                                         ("checked", form.isEmpty || form["include-\(key)"] == "1" || form["include-\(key)"] == nil ? "checked" : nil),
                                         ("aria-label", ctx.t("安排 \(village.name)", "Schedule \(village.name)"))])),
                H.group(H.el("label", [("for", "inc-\(key)")], H.text(village.name)), error.map { H.p($0, cls: "field-error") } ?? H.empty),
                H.void("input", [("type", "date"), ("name", "date-\(key)"), ("value", form["date-\(key)"] ?? day), ("aria-label", ctx.t("\(village.name) 的日期", "Date for \(village.name)")),
                                 ("aria-invalid", error == nil ? nil : "true")]),
                H.void("input", [("type", "time"), ("name", "starts-\(key)"), ("value", form["starts-\(key)"] ?? startText), ("aria-label", ctx.t("\(village.name) 的开始时间", "Start time for \(village.name)"))]),
                H.text(busy.isEmpty ? "—" : busy),
            ]
        }
        for (stop, day, slot) in scheduled {
            if let village = d.villagesByID[stop.id] { rows.append(line(village, day, slot)) }
        }
        for village in manual { rows.append(line(village, "", 0)) }
        let hidden = ["item", "programme", "start", "perDay", "firstStart", "minutes", "audience", "skipWeekends", "villages"].map { name in
            H.void("input", [("type", "hidden"), ("name", name), ("value", name == "item" ? r.item.id!.uuidString : form[name] ?? "")])
        }
        let summary = errors.isEmpty ? H.empty : H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
            H.h2(ctx.t("请修改以下 \(errors.count) 处后再确认：", "Please correct \(errors.count) item(s):")), H.ul(errors.values.sorted().map { H.text($0) }),
        ])
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("流动服务覆盖", "Mobile coverage"), SiteURL.mobileServices(.index).path), (title, nil)]), [
            H.h1(title + " · " + r.item.title),
            summary,
        ] + notes + [
            H.el("form", [("method", "post"), ("action", SiteURL.mobileServices(.tourAccept).path), ("class", "stack")], [Forms.csrfField(ctx)] + hidden + [
                Tables.table(caption: ctx.t("建议日程（可修改日期和时间，取消勾选则不安排）", "Proposed schedule (change any date or time; untick to leave a village out)"),
                             headers: [ctx.t("安排", "Include"), ctx.t("村（社区）", "Village"), ctx.t("日期", "Date"), ctx.t("开始", "Starts"), ctx.t("村里不方便的日子", "Busy days")],
                             rows: rows),
                H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("确认并发布这些活动", "Accept and publish these visits"))),
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
