import Fluent
import Foundation
import Plot
import Vapor

/// The workbench opens on what needs this account's action (DESIGN §7).
struct DashboardPage: Equatable {
    struct Task: Equatable {
        let count: Int
        let zh: String
        let en: String
        let url: String
    }

    let scopeName: String
    let role: Role
    let venueCount: Int
    let regionCount: Int
    let tasks: [Task]
    /// This year's gaps to the evaluation targets, for a township's or city venue's own staff (R8.2).
    var shortfall: [(unit: String, gap: String)] = []

    static func == (a: DashboardPage, b: DashboardPage) -> Bool {
        a.scopeName == b.scopeName && a.role == b.role && a.tasks == b.tasks && a.shortfall.map(\.gap) == b.shortfall.map(\.gap)
    }

    /// Every figure is one counting query within the account's scope.
    static func build(_ req: Request) async throws -> DashboardPage {
        let staff = try req.staff()
        let db = req.db
        let scope = staff.scope
        let today = req.displayTime.today
        let venues = { scope.filter(Venue.query(on: db)) }
        let warnUntil = req.displayTime.day(after: DisplayTime.noticeWarningDays)
        var tasks = [
            Task(count: try await venues().havingCurrentNotice(false, on: today).count(),
                 zh: "个场馆缺少现行免费开放公示", en: "venues lack a current free-opening notice",
                 url: SiteURL.venues(.staffIndex).with([("notice", "missing")])),
            Task(count: try await venues().havingOpeningHours(false).count(), zh: "个场馆未填写开放时间", en: "venues have no opening hours",
                 url: SiteURL.venues(.staffIndex).with([("hours", "missing")])),
            Task(count: try await venues().havingNoticeExpiring(from: today, until: warnUntil).count(),
                 zh: "个场馆的公示将在30天内到期，请及时发布新一期", en: "venues' notices expire within 30 days; publish the next one",
                 url: SiteURL.venues(.staffIndex).with([("notice", "expiring")])),
        ]
        let time = req.displayTime
        if let dayStart = time.instant(day: today, minute: 0), let dayEnd = time.instant(day: time.day(after: 1), minute: 0) {
            tasks.insert(Task(count: try await scope.filter(Activity.query(on: db)).filter(\.$status == .published)
                                .filter(\.$startsAt >= dayStart).filter(\.$startsAt < dayEnd).count(),
                              zh: "个活动今天举行：扫码签到或登记到场人数", en: "activities take place today: check people in or record the headcount",
                              url: SiteURL.activities(.staffIndex).path), at: 0)
        }
        tasks.insert(Task(count: try await scope.filter(SpaceBooking.query(on: db)).filter(\.$status == .pending).filter(\.$startsAt > req.now).count(),
                          zh: "个场地预约申请等待审核", en: "space booking requests await your decision", url: SiteURL.spaces(.staffBookings).path), at: 0)
        let complaints = { scope.filter(Complaint.query(on: db)).filter(\.$status ~~ [.submitted, .accepted]) }
        tasks.insert(Task(count: try await complaints().filter(\.$dueAt < req.now).count(),
                          zh: "件投诉建议已超过答复期限", en: "complaints are past their answer deadline",
                          url: SiteURL.feedback(.staffComplaints).with([("show", "overdue")])), at: 0)
        tasks.insert(Task(count: try await complaints().filter(\.$dueAt >= req.now).count(),
                          zh: "件投诉建议等待答复", en: "complaints and suggestions await an answer", url: SiteURL.feedback(.staffComplaints).path), at: 1)
        let venueOrders = { scope.filter(ServiceOrder.query(on: db), side: .venue).filter(\.$status == .pending) }
        tasks.insert(Task(count: try await venueOrders().filter(\.$decisionDue < req.now).count(),
                          zh: "份村（社区）点单已超过受理期限", en: "village orders are past their answer deadline",
                          url: SiteURL.orders(.staffIndex).with([("show", "overdue")])), at: 0)
        tasks.insert(Task(count: try await venueOrders().filter(\.$decisionDue >= req.now).count(),
                          zh: "份村（社区）点单等待受理", en: "village orders await your decision", url: SiteURL.orders(.staffIndex).path), at: 1)
        if case .region = scope {
            let villageOrders = { scope.filter(ServiceOrder.query(on: db), side: .village) }
            tasks.append(Task(count: try await villageOrders().filter(\.$status == .proposed).count(),
                              zh: "份点单场馆提议改期，等您确认", en: "orders have a new date proposed for you to confirm", url: SiteURL.orders(.staffIndex).path))
            tasks.append(Task(count: try await villageOrders().filter(\.$status == .accepted).filter(\.$scheduledEndsAt <= req.now).count(),
                              zh: "份点单的活动已结束，请确认送达并评价", en: "ordered activities have ended: confirm delivery and rate them", url: SiteURL.orders(.staffIndex).path))
            tasks.append(Task(count: try await scope.filter(Demand.query(on: db)).filter(\.$status == .open).count(),
                              zh: "条群众需求等待答复", en: "residents' demands await an answer", url: SiteURL.demands(.staffIndex).path))
        }
        let unreported = { scope.filter(Activity.query(on: db)).filter(\.$status == .published).filter(\.$endsAt <= req.now)
            .join(ActivityReport.self, on: \Activity.$id == \ActivityReport.$activity.$id, method: .left)
            .filter(.sql(unsafeRaw: "activity_reports.id IS NULL")) }
        tasks.insert(Task(count: try await unreported().filter(\.$reportDueAt < req.now).count(),
                          zh: "个活动已过上报截止时间仍未上报文旅云", en: "activities are past their report deadline and not reported",
                          url: SiteURL.reporting(.index).with([("show", "missing")])), at: 0)
        tasks.append(Task(count: try await unreported().filter(\.$reportDueAt >= req.now).count(),
                          zh: "个已结束的活动待上报文旅云", en: "finished activities are waiting to be reported", url: SiteURL.reporting(.index).path))
        tasks.append(Task(count: try await scope.filter(ActivityReport.query(on: db)).filter(\.$delivery == .failed).count(),
                          zh: "份活动报告推送失败，请重新推送", en: "reports failed to reach the cloud: send them again",
                          url: SiteURL.reporting(.index).with([("show", "failed")])))
        let circulating = { scope.filter(Circulation.query(on: db)).filter(\.$returnedOn == nil) }
        tasks.append(Task(count: try await circulating().filter(\.$dueBack < today).count(),
                          zh: "批流转的图书、展览或设备已过归还日期", en: "circulating batches are past their return date",
                          url: SiteURL.network(.staffCirculation).with([("show", "overdue")])))
        tasks.append(Task(count: try await scope.filter(VolunteerApplication.query(on: db)).filter(\.$status == .pending).count(),
                          zh: "份志愿者申请等待审核", en: "volunteer applications await review", url: SiteURL.volunteers(.staffIndex).path))
        tasks.append(Task(count: try await scope.filter(VolunteerShift.query(on: db)).filter(\.$hoursState == .pending).filter(\.$cancelled == false).count(),
                          zh: "段志愿服务时长等待确认", en: "volunteer hours await confirmation", url: SiteURL.volunteers(.staffHours).path))
        if staff.role.may(.editRegistry) {
            tasks.append(Task(count: try await scope.filterCovered(CreativeWork.query(on: db), \.$regionPath).filter(\.$listed == false).count(),
                              zh: "部群众原创作品等待审核", en: "citizens' works await review", url: SiteURL.works(.staffIndex).path))
        }
        let missingHeadcount = try await scope.filter(Activity.query(on: db)).filter(\.$status == .published).filter(\.$registration == .open)
            .filter(\.$endsAt < req.now).filter(\.$endsAt > req.now.addingTimeInterval(-30 * 86_400)).filter(\.$headcount == nil).count()
        tasks.append(Task(count: missingHeadcount, zh: "个已结束的免报名活动还没有登记到场人数", en: "finished open activities have no headcount yet",
                          url: SiteURL.activities(.staffIndex).with([("when", "past")])))
        var regionCount = 0
        if case .region = scope {
            let uncovered = try await scope.filter(Region.query(on: db)).filter(\.$level == .village).havingOperatingCentre(false).count()
            tasks.append(Task(count: uncovered, zh: "个村（社区）还没有正常开放的文化服务中心",
                              en: "villages have no operating culture centre", url: SiteURL.coverage.path))
            regionCount = try await scope.filter(Region.query(on: db)).count()
            if case .region(let path) = scope, staff.role != .villageStaff {
                let quarter = MobileCoverage.Period.containing(today, type: .quarter)
                let mobile = try await MobileCoverage.build(scopePath: path, period: quarter, time: time, on: db)
                tasks.append(Task(count: mobile.unserved.count, zh: "个村（社区）本季度还没有流动服务（偏远村、脱贫村在前）",
                                  en: "villages have had no mobile service this quarter (remote and poverty-relief first)",
                                  url: SiteURL.mobileServices(.index).with([("period", "quarter")])))
            }
        }
        if case .region = scope, staff.role != .villageStaff {
            let gaps = try await StaffingGaps.load(scope, rule: req.settings.staffingRule, today: today, on: db)
            tasks.append(Task(count: gaps.shortTownships.count, zh: "个乡镇综合文化站专职人员不足", en: "township stations are short of full-time staff",
                              url: SiteURL.workforce(.peopleGaps).path))
            let training = try await TrainingReport.load(scope, year: Int(today.prefix(4))!, today: today, rule: req.settings.trainingRule, on: db)
            tasks.append(Task(count: training.behind.count, zh: "名文化工作人员的年度培训进度落后", en: "culture staff are behind on this year's training",
                              url: SiteURL.workforce(.trainingCompliance).path))
        }
        tasks += try await EvaluationTasks.tasks(staff, today: today, on: db)
        if staff.role.may(.manageAccounts) {
            let locked = try await Account.query(on: db).filter(\.$lockedUntil > req.now).count()
            tasks.append(Task(count: locked, zh: "个账号因密码错误被锁定", en: "accounts are locked after wrong passwords",
                              url: SiteURL.accounts(.staffIndex).with([("locked", "1")])))
        }
        var scopeName = ""
        if let region = try await staff.account.$scopeRegion.get(on: db) { scopeName = region.name }
        if let venue = try await staff.account.$scopeVenue.get(on: db) { scopeName = venue.name }
        var page = DashboardPage(scopeName: scopeName, role: staff.role, venueCount: try await venues().count(),
                                 regionCount: regionCount, tasks: tasks)
        page.shortfall = try await EvaluationTasks.shortfall(staff, req: req)
        return page
    }
}

enum DashboardView {
    static func render(_ ctx: PageContext, _ m: DashboardPage) -> String {
        let title = ctx.t("工作台", "Workbench")
        let open = m.tasks.filter { $0.count > 0 }
        var links: [HNode] = [H.a(ctx.t("活动管理", "Activities"), href: SiteURL.activities(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("场地预约审核", "Space bookings"), href: SiteURL.spaces(.staffBookings).path, cls: "button"),
                              H.a(ctx.t("场馆管理", "Venues"), href: SiteURL.venues(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("投诉与建议", "Complaints"), href: SiteURL.feedback(.staffComplaints).path, cls: "button"),
                              H.a(ctx.t("群众评价", "Ratings"), href: SiteURL.feedback(.staffRatings).path, cls: "button"),
                              H.a(ctx.t("点单", "Village orders"), href: SiteURL.orders(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("活动上报", "Activity reports"), href: SiteURL.reporting(.index).path, cls: "button"),
                              H.a(ctx.t("流动服务覆盖", "Mobile coverage"), href: SiteURL.mobileServices(.index).path, cls: "button"),
                              H.a(ctx.t("送戏下乡等采购项目", "Procured programmes"), href: SiteURL.mobileServices(.programmes).path, cls: "button"),
                              H.a(ctx.t("资源流转", "Resource circulation"), href: SiteURL.network(.staffCirculation).path, cls: "button"),
                              H.a(ctx.t("志愿者管理", "Volunteers"), href: SiteURL.volunteers(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("群众文艺团队", "Folk art teams"), href: SiteURL.teams(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("原创作品", "Original works"), href: SiteURL.works(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("惠民活动与服务品牌", "Programmes and brands"), href: SiteURL.campaigns(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("文化工作人员", "Culture staff"), href: SiteURL.workforce(.people).path, cls: "button"),
                              H.a(ctx.t("业务培训", "Training"), href: SiteURL.workforce(.training).path, cls: "button"),
                              H.a(ctx.t("经费", "Funding"), href: SiteURL.workforce(.funding).path, cls: "button"),
                              H.a(ctx.t("村里不方便的日子", "Villages' busy days"), href: SiteURL.mobileServices(.villageDays).path, cls: "button"),
                              H.a(ctx.t("群众需求", "Demands"), href: SiteURL.demands(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("满意度调查问卷", "Surveys"), href: SiteURL.surveys(.staffIndex).path, cls: "button"),
                              H.a(ctx.t("满意度", "Satisfaction"), href: SiteURL.feedback(.satisfaction).path, cls: "button"),
                              H.a(ctx.t("绩效考核", "Performance evaluation"), href: SiteURL.evaluation(.home).path, cls: "button"),
                              H.a(ctx.t("督查与整改", "Inspections"), href: SiteURL.evaluation(.inspections).path, cls: "button")]
        if m.regionCount > 0 { links.append(H.a(ctx.t("区域与人口", "Regions and population"), href: SiteURL.regions(.index).path, cls: "button")) }
        if m.role.may(.manageAccounts) { links.append(H.a(ctx.t("工作人员账号", "Staff accounts"), href: SiteURL.accounts(.staffIndex).path, cls: "button")) }
        if m.role.may(.readAudit) { links.append(H.a(ctx.t("审计日志", "Audit log"), href: SiteURL.audit(.index).path, cls: "button")) }
        links.append(H.a(ctx.t("我的账号与接口令牌", "My account and API tokens"), href: SiteURL.accounts(.home).path, cls: "button"))
        return Layout.page(ctx, title: title, area: .staff, crumbs: [], [
            H.h1(title),
            H.p(ctx.t("\(m.role.zh) · 管辖范围：\(m.scopeName)。范围内共 \(m.venueCount) 个场馆。",
                      "\(m.role.en) · scope: \(m.scopeName). \(m.venueCount) venues in scope."), cls: "lead"),
            H.section(labelledBy: "todo", title: ctx.t("待办事项", "Needs your action"), [
                open.isEmpty
                    ? H.p(ctx.t("暂无待办事项，管辖范围内的场馆信息都已齐全。", "Nothing needs your action: every venue in your scope is complete."), cls: "ok-state")
                    : H.el("ul", [("class", "todo")], open.map { task in
                        H.el("li", [], H.el("a", [("href", task.url)], [
                            H.span(String(task.count), cls: "todo-count"), H.text(" " + ctx.t(task.zh, task.en)),
                        ]))
                    }),
            ]),
            m.shortfall.isEmpty ? H.empty : H.section(labelledBy: "shortfall", title: ctx.t("年度考核目标还差", "This year's targets: still to do"), [
                H.el("ul", [("class", "todo")], m.shortfall.map { H.el("li", [], H.text($0.unit + "：" + $0.gap)) }),
                H.a(ctx.t("查看全部指标和差距", "See every indicator and gap"), href: SiteURL.evaluation(.shortfall).path),
            ]),
            H.section(labelledBy: "shortcuts", title: ctx.t("常用功能", "Shortcuts"), [H.div("button-row", links)]),
        ])
    }
}
