import Fluent
import Foundation
import KPIMetrics
import Vapor

struct MeasureDTO: Content {
    let id: UUID; let planId: UUID; let measure: String; let owner: String; let deadline: String; let indicators: [Indicator]
    let progress: Int; let progressNote: String; let updatedAt: Date

    init(_ m: ImprovementMeasure) {
        id = m.id!; planId = m.$plan.id; measure = m.measure; owner = m.owner; deadline = m.deadline; indicators = m.indicators
        progress = m.progress; progressNote = m.progressNote; updatedAt = m.updatedAt
    }
}
struct PlanDTO: Content {
    let id: UUID; let unitKind: UnitKind; let unitId: UUID; let unitName: String; let year: Int; let summary: String; let createdAt: Date; let measures: [MeasureDTO]

    init(_ p: ImprovementPlan, measures: [ImprovementMeasure]) {
        id = p.id!; unitKind = p.unitKind; unitId = p.unitID; unitName = p.unitName; year = p.year; summary = p.summary; createdAt = p.createdAt
        self.measures = measures.sorted { ($0.deadline, $0.measure) < ($1.deadline, $1.measure) }.map(MeasureDTO.init)
    }
}
struct PlanFilingDTO: Content { let unitKind: UnitKind; let unitId: UUID; let unitName: String; let plan: PlanDTO? }

struct PlanAPIInput: Decodable {
    /// The body uses the form's field names.
    static let jsonFields: [String: String] = [:]

    var year: Int?; var summary: String?

    var input: PlanInput { PlanInput(year: year.map(String.init), summary: summary) }
}

/// Efficiency-improvement plans in `/api/v1` (R8.3), through the same desk as the page.
enum APIPlanController {
    /// Every unit this staff member answers for in a year, with its plan or null (not filed).
    @Sendable static func index(req: Request) async throws -> [PlanFilingDTO] {
        let staff = try req.staff()
        let this = Int(req.displayTime.today.prefix(4))!
        let year = req.query[String.self, at: "year"].map { Int($0) } ?? this
        guard let year, (2000...(this + 1)).contains(year) else {
            throw AppError.invalid(["year": req.lang.t("年份应在 2000 到 \(this + 1) 之间。", "The year must be between 2000 and \(this + 1).")])
        }
        let (units, byUnit) = try await PlanDesk.filings(for: staff, year: year, on: req.db)
        return units.map { u in PlanFilingDTO(unitKind: u.kind, unitId: u.id, unitName: u.name, plan: byUnit[u.id].map { PlanDTO($0, measures: $0.measures) }) }
    }

    /// `{"year":2026,"summary":"…"}` for the staff member's own unit.
    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.json(PlanAPIInput.self).input
        let plan = try await req.desk(fields: PlanAPIInput.jsonFields) {
            try await PlanDesk.file(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(PlanDTO(plan, measures: []), for: req)
    }

    /// `{"measure","owner","deadline","indicators":["satisfaction"]}`
    @Sendable static func addMeasure(req: Request) async throws -> Response {
        struct Body: Decodable { var measure: String?; var owner: String?; var deadline: String?; var indicators: [String]? }
        let staff = try req.staff()
        // PlanDesk checks who keeps the plan (403); a missing one is 404.
        let plan = try await req.recordForDesk(ImprovementPlan.self)
        let body = try req.json(Body.self)
        let m = try await PlanDesk.addMeasure(to: plan, measure: body.measure, owner: body.owner, deadline: body.deadline, indicators: body.indicators ?? [],
                                              by: staff, now: req.now, lang: req.lang, on: req.db)
        return try await created(MeasureDTO(m), for: req)
    }

    /// `{"progress":60,"note":"…"}`
    @Sendable static func progress(req: Request) async throws -> MeasureDTO {
        struct Body: Decodable { var progress: Int?; var note: String? }
        let staff = try req.staff()
        guard let m = try await ImprovementMeasure.query(on: req.db).filter(\.$id == req.id()).with(\.$plan).first() else { throw AppError.notFound }
        let body = try req.json(Body.self)
        try await PlanDesk.progress(m, plan: m.plan, progress: body.progress.map(String.init), note: body.note, by: staff, now: req.now, lang: req.lang, on: req.db)
        return MeasureDTO(m)
    }
}
