import Fluent
import Foundation
import KPIMetrics

/// A run with its results, read once for a page, an export or the public rankings.
struct EvaluationRunData {
    let run: EvaluationRun
    let scheme: Scheme
    let schemeVersion: Int
    let results: [EvaluationResult]

    var period: EvaluationPeriod { run.period! }
    func ranked(_ kind: UnitKind) -> [EvaluationResult] {
        results.filter { $0.unitKind == kind }.sorted { ($0.rank, $0.unitName) < ($1.rank, $1.unitName) }
    }

    static func load(_ id: UUID, on db: any Database) async throws -> EvaluationRunData {
        guard let run = try await EvaluationRun.query(on: db).filter(\.$id == id).with(\.$scheme).first() else { throw AppError.notFound }
        let results = try await EvaluationResult.query(on: db).filter(\.$run.$id == id).all()
        return EvaluationRunData(run: run, scheme: try run.scheme.scheme, schemeVersion: run.scheme.version, results: results)
    }

    /// Published runs only, for the public pages and for staff who only read results.
    static func loadPublished(_ id: UUID, on db: any Database) async throws -> EvaluationRunData {
        let data = try await load(id, on: db)
        guard data.run.status == .published else { throw AppError.notFound }
        return data
    }

    /// Whether this staff member may see this run: the bureau sees every run; others see
    /// published runs only (a draft is not theirs to read before it is signed off).
    static func visible(_ run: EvaluationRun, to staff: Staff) -> Bool {
        staff.role.may(.evaluate) || run.status == .published
    }

    /// The units this staff member may open a drill-down of.
    static func canOpen(_ result: EvaluationResult, staff: Staff) -> Bool {
        switch staff.scope {
        case .region(let path): RegionPath.isWithin(result.regionPath, path) || RegionPath.isWithin(path, result.regionPath) && staff.role.may(.evaluate)
        case .venue(let id, _): result.unitID == id
        }
    }
}
