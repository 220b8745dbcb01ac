import Fluent
import Foundation
import KPIMetrics
import Vapor

/// `/staff/evaluation/plans`: each unit files its yearly plan with measures linked to the
/// indicators they target and keeps their progress; the bureau sees who has filed (R8.3).
enum PlanController {
    static func year(_ req: Request) -> Int {
        let this = Int(req.displayTime.today.prefix(4))!
        return min(max(req.query[Int.self, at: "year"] ?? this, 2000), this + 1)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        try await render(req, form: [:], errors: [:])
    }

    /// Creates this year's plan for the staff member's own unit (once), or adds a measure to it.
    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(staff.role.canEditRegistry)
        let form = try req.content.decode([String: String].self)
        let units = try await ShortfallReport.units(for: staff, on: req.db)
        guard units.count == 1, let unit = units.first else { throw AppError.forbidden }
        var check = FormCheck(req.lang)
        let summary = check.text("summary", form["summary"], max: 1000)
        let year = check.int("year", form["year"], min: 2000, max: 2100) ?? 0
        guard check.isValid else { return try await render(req, form: form, errors: check.errors, status: .unprocessableEntity) }
        if try await ImprovementPlan.query(on: req.db).filter(\.$unitID == unit.id).filter(\.$year == year).count() > 0 {
            return try await render(req, form: form, errors: ["summary": req.lang.t("\(unit.name) \(year) 年的效能提升办法已经制定，请在下方添加或更新措施。", "\(unit.name) already has a plan for \(year).")], status: .unprocessableEntity)
        }
        let plan = ImprovementPlan()
        plan.unitKind = unit.kind; plan.unitID = unit.id; plan.unitName = unit.name; plan.regionPath = unit.path
        plan.year = year; plan.summary = summary; plan.$createdBy.id = staff.account.id; plan.createdAt = req.now
        try await plan.create(on: req.db)
        Flash.set(req, "已制定 \(year) 年效能提升办法。请逐条添加措施，写明责任人、完成时限和针对的考核指标。", "Plan created; now add its measures.")
        return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(year))]))
    }

    @Sendable static func addMeasure(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(staff.role.canEditRegistry)
        guard let plan = try await ImprovementPlan.find(req.id(), on: req.db), staff.scope.covers(regionPath: plan.regionPath) || ownsVenue(staff, plan) else { throw AppError.notFound }
        struct Input: Content { var measure: String?; var owner: String?; var deadline: String?; var indicators: [String]? }
        let input = try req.content.decode(Input.self)
        let raw = ["measure": input.measure ?? "", "owner": input.owner ?? "", "deadline": input.deadline ?? "", "indicators": (input.indicators ?? []).joined(separator: ",")]
        var check = FormCheck(req.lang)
        let measure = check.text("measure", raw["measure"], max: 300)
        let owner = check.text("owner", raw["owner"], max: 60)
        let deadline = check.date("deadline", raw["deadline"])
        let chosen = input.indicators ?? []
        let indicators = chosen.compactMap(Indicator.init(rawValue:))
        if indicators.isEmpty || indicators.count != chosen.count { check.fail("indicators", "请选择这条措施针对的考核指标（至少一项）。", "Choose the indicators this measure targets.") }
        guard check.isValid, let deadline else { return try await render(req, form: raw, errors: check.errors, status: .unprocessableEntity) }
        let m = ImprovementMeasure()
        m.$plan.id = plan.id!; m.regionPath = plan.regionPath; m.measure = measure; m.owner = owner; m.deadline = deadline
        m.indicatorCodes = indicators.map(\.rawValue).joined(separator: ","); m.progress = 0; m.progressNote = ""; m.updatedAt = req.now
        try await m.create(on: req.db)
        Flash.set(req, "已添加措施“\(measure)”，完成时限 \(deadline)。", "Measure added.")
        return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(plan.year))]))
    }

    @Sendable static func progress(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(staff.role.canEditRegistry)
        guard let m = try await ImprovementMeasure.query(on: req.db).filter(\.$id == req.id()).with(\.$plan).first(),
              staff.scope.covers(regionPath: m.regionPath) || ownsVenue(staff, m.plan) else { throw AppError.notFound }
        let raw = try req.content.decode([String: String].self)
        var check = FormCheck(req.lang)
        let progress = check.int("progress_\(m.id!.uuidString.prefix(8))", raw["progress"], min: 0, max: 100)
        let note = check.text("note", raw["note"], required: false, max: 300)
        guard let progress, check.isValid else {
            Flash.set(req, "进度应为 0 到 100 的整数。", "Progress must be a whole number from 0 to 100.")
            return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(m.plan.year))]))
        }
        m.progress = progress; m.progressNote = note; m.updatedAt = req.now
        try await m.save(on: req.db)
        Flash.set(req, "已更新进度：\(progress)%。", "Progress updated: \(progress)%.")
        return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(m.plan.year))]))
    }

    static func ownsVenue(_ staff: Staff, _ plan: ImprovementPlan) -> Bool {
        if case .venue(let id, _) = staff.scope { return plan.unitID == id }
        return false
    }
}
