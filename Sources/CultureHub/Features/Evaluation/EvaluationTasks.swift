import Fluent
import Foundation
import KPIMetrics
import Vapor

/// What evaluation puts on the workbench: rectification to do or to verify, runs to review,
/// and a township's or city venue's own gaps to this year's targets (R8.2, R8.3).
enum EvaluationTasks {
    static func tasks(_ staff: Staff, today: String, on db: any Database) async throws -> [DashboardPage.Task] {
        var out: [DashboardPage.Task] = []
        let tasks = { staff.scope.filter(RectificationTask.query(on: db)) }
        if staff.role.may(.editRegistry) {
            out.append(.init(count: try await tasks().filter(\.$status ~~ [.open, .reopened]).filter(\.$deadline < today).count(),
                             zh: "项督查整改已超过期限", en: "rectification tasks are past their deadline", url: SiteURL.evaluation(.rectifications).with([("show", "open")])))
            out.append(.init(count: try await tasks().filter(\.$status ~~ [.open, .reopened]).filter(\.$deadline >= today).count(),
                             zh: "项督查整改等待反馈", en: "rectification tasks await your response", url: SiteURL.evaluation(.rectifications).with([("show", "open")])))
        }
        if staff.role.may(.evaluate) {
            out.append(.init(count: try await tasks().filter(\.$status == .responded).count(),
                             zh: "项整改反馈等待核验", en: "rectification responses await verification", url: SiteURL.evaluation(.rectifications).with([("show", "responded")])))
            out.append(.init(count: try await EvaluationRun.query(on: db).filter(\.$status == .review).count(),
                             zh: "期考核结果等待审核发布", en: "evaluation runs await review", url: SiteURL.evaluation(.home).path))
        }
        return out
    }

    /// The three biggest gaps of the staff member's own unit this year; none for the bureau,
    /// whose overview is the shortfall page.
    static func shortfall(_ staff: Staff, req: Request) async throws -> [(unit: String, gap: String)] {
        guard staff.role == .townshipManager || staff.role == .venueManager else { return [] }
        let units = try await ShortfallReport.units(for: staff, on: req.db)
        guard units.count == 1 else { return [] }
        let entries = try await ShortfallReport.load(units, type: .year, time: req.displayTime, settings: req.settings, on: req.db)
        return entries.flatMap { e in
            e.gaps.filter { $0.action != .cannotReach }.prefix(3).map { (e.unit.name, $0.indicator.label(req.lang) + "，" + EvaluationFormat.gap($0, by: e.period.lastDay, req.lang)) }
        }
    }
}
