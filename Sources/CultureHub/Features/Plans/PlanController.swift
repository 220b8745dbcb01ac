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
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(PlanInput.self)
        do {
            let plan = try await PlanDesk.file(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已制定 \(plan.year) 年效能提升办法。请逐条添加措施，写明责任人、完成时限和针对的考核指标。", "Plan created; now add its measures.")
            return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(plan.year))]))
        } catch AppError.invalid(let errors) {
            return try await render(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func addMeasure(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let plan = try await ImprovementPlan.find(req.id(), on: req.db) else { throw AppError.notFound }
        struct Input: Content { var measure: String?; var owner: String?; var deadline: String?; var indicators: [String]? }
        let input = try req.content.decode(Input.self)
        do {
            let m = try await PlanDesk.addMeasure(to: plan, measure: input.measure, owner: input.owner, deadline: input.deadline, indicators: input.indicators ?? [],
                                                  by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已添加措施“\(m.measure)”，完成时限 \(m.deadline)。", "Measure added.")
            return req.redirect(to: SiteURL.evaluation(.plans).with([("year", String(plan.year))]))
        } catch AppError.invalid(let errors) {
            let raw = ["measure": input.measure ?? "", "owner": input.owner ?? "", "deadline": input.deadline ?? "", "indicators": (input.indicators ?? []).joined(separator: ",")]
            return try await render(req, form: raw, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func progress(req: Request) async throws -> Response {
        let staff = try req.staff()
        guard let m = try await ImprovementMeasure.query(on: req.db).filter(\.$id == req.id()).with(\.$plan).first() else { throw AppError.notFound }
        let raw = try req.content.decode([String: String].self)
        let back = SiteURL.evaluation(.plans).with([("year", String(m.plan.year))])
        do {
            try await PlanDesk.progress(m, plan: m.plan, progress: raw["progress"], note: raw["note"], by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已更新进度：\(m.progress)%。", "Progress updated: \(m.progress)%.")
        } catch AppError.invalid(let errors) {
            Flash.set(req, "进度没有更新：" + errors.values.sorted().joined(separator: " "), "Progress not updated: " + errors.values.sorted().joined(separator: " "))
        }
        return req.redirect(to: back)
    }
}
