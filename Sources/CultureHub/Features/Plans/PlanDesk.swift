import Fluent
import Foundation
import KPIMetrics
import Vapor

/// A unit's plan for a year; its measures are added one by one afterwards.
struct PlanInput: Content, Equatable {
    var year: String?
    var summary: String?
}

/// Efficiency-improvement plans: every write from the pages and the API goes through here, so
/// both check the same things and refuse with the same words (R8.3).
enum PlanDesk {
    /// The one unit this staff member files for (a township manager's township, a city venue's
    /// manager's venue); the bureau reads plans but files none.
    static func ownUnit(_ staff: Staff, on db: any Database) async throws -> EvaluationUnit {
        try staff.require(.editRegistry)
        let units = try await ShortfallReport.units(for: staff, on: db)
        // A village's staff see their township's reminders but do not file its plan.
        guard units.count == 1, let unit = units.first, unit.kind == .venue || staff.scope.covers(regionPath: unit.path) else {
            throw AppError.forbidden
        }
        return unit
    }

    /// Files the year's plan for the staff member's own unit, once a year.
    static func file(_ input: PlanInput, by staff: Staff, now: Date, lang: Lang,
                     on db: any Database) async throws -> ImprovementPlan {
        let unit = try await ownUnit(staff, on: db)
        var check = FormCheck(lang)
        let summary = check.text("summary", input.summary, max: 1000)
        let year = check.int("year", input.year, min: 2000, max: 2100) ?? 0
        try check.throwIfInvalid()
        let already = AppError.invalid(["summary": lang.t("\(unit.name) \(year) 年的效能提升办法已经制定，请在下方添加或更新措施。",
                                                          "\(unit.name) already has a plan for \(year); add or update its measures.")])
        if try await ImprovementPlan.query(on: db).filter(\.$unitID == unit.id).filter(\.$year == year).count() > 0 { throw already }
        let plan = ImprovementPlan()
        plan.unitKind = unit.kind; plan.unitID = unit.id; plan.unitName = unit.name; plan.regionPath = unit.path
        plan.year = year; plan.summary = summary; plan.$createdBy.id = staff.account.id; plan.createdAt = now
        do {
            try await plan.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw already // filed by a colleague at the same moment
        }
        return plan
    }

    /// The units this staff member answers for, and the plan each has filed for `year` (with its
    /// measures), for the page, its export and the API alike.
    static func filings(for staff: Staff, year: Int, on db: any Database) async throws -> (units: [EvaluationUnit], plans: [UUID: ImprovementPlan]) {
        let units = try await ShortfallReport.units(for: staff, on: db)
        let plans = try await ImprovementPlan.query(on: db).filter(\.$unitID ~~ units.map(\.id)).filter(\.$year == year).with(\.$measures).all()
        return (units, Dictionary(plans.map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Whether this staff member keeps this plan: within their region, or their own venue's.
    static func keeps(_ plan: ImprovementPlan, staff: Staff) -> Bool {
        // A venue's plan is held by the venue; a township's by the region that covers it.
        staff.scope.contains(Party(regionPath: plan.regionPath, venueID: plan.unitKind == .venue ? plan.unitID : nil))
    }

    /// Adds a measure; `indicators` are `Indicator` raw values that apply to the plan's unit.
    static func addMeasure(to plan: ImprovementPlan, measure rawMeasure: String?, owner rawOwner: String?, deadline rawDeadline: String?, indicators chosen: [String],
                           by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws -> ImprovementMeasure {
        try staff.require(.editRegistry)
        guard keeps(plan, staff: staff) else { throw AppError.forbidden }
        var check = FormCheck(lang)
        let text = check.text("measure", rawMeasure, max: 300)
        let owner = check.text("owner", rawOwner, max: 60)
        let deadline = check.date("deadline", rawDeadline)
        let indicators = chosen.compactMap(Indicator.init(rawValue:)).filter { $0.applies(to: plan.unitKind) }
        if indicators.isEmpty || indicators.count != chosen.count {
            check.fail("indicators", "请选择这条措施针对的考核指标（至少一项，且适用于本单位）。", "Choose the indicators this measure targets (at least one that applies to this unit).")
        }
        try check.throwIfInvalid()
        let m = ImprovementMeasure()
        m.$plan.id = plan.id!; m.regionPath = plan.regionPath; m.measure = text; m.owner = owner; m.deadline = deadline ?? ""
        m.indicatorCodes = indicators.map(\.rawValue).joined(separator: ","); m.progress = 0; m.progressNote = ""; m.updatedAt = now
        try await m.create(on: db)
        m.$plan.value = plan
        return m
    }

    /// Records a measure's progress (0–100 %) with an optional note.
    static func progress(_ m: ImprovementMeasure, plan: ImprovementPlan, progress raw: String?, note rawNote: String?, field: String = "progress",
                         by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.editRegistry)
        guard keeps(plan, staff: staff) else { throw AppError.forbidden }
        var check = FormCheck(lang)
        let progress = check.int(field, raw, min: 0, max: 100)
        let note = check.text("note", rawNote, required: false, max: 300)
        try check.throwIfInvalid()
        m.progress = progress ?? 0; m.progressNote = note; m.updatedAt = now
        try await m.save(on: db)
    }
}
