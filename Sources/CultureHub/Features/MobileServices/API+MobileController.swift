import Fluent
import Foundation
import KPIMetrics
import Vapor

struct CoverageCountDTO: Content { let villages: Int; let reached: Int; let rate: Double? }
struct MobileCoverageRowDTO: Content { let township: String; let all: CoverageCountDTO; let remote: CoverageCountDTO; let poor: CoverageCountDTO }
struct UnservedVillageDTO: Content { let id: UUID; let name: String; let township: String; let population: Int; let isRemote: Bool; let isPoor: Bool }
struct MobileCoverageDTO: Content {
    let period: String
    let visits: Int
    let booksLent: Int
    let total: MobileCoverageRowDTO
    let townships: [MobileCoverageRowDTO]
    let unserved: [UnservedVillageDTO]
}

/// Mobile-service coverage in `/api/v1` (R4.3), for the bureau and townships.
enum APIMobileController {
    @Sendable static func coverage(req: Request) async throws -> MobileCoverageDTO {
        let staff = try req.staff()
        let path = staff.scope.readablePath
        var check = FormCheck(req.lang)
        let raw = req.query[String.self, at: "period"] ?? "month"
        let type: MobileCoverage.PeriodType? = check.choice("period", raw)
        let at = req.query[String.self, at: "at"].map { check.date("at", $0) } ?? req.displayTime.today
        try check.throwIfInvalid()
        let m = try await MobileCoverage.build(scopePath: path, period: .containing(at!, type: type!), time: req.displayTime, on: req.db)
        let count = { (r: CoverageRow) in CoverageCountDTO(villages: r.total, reached: r.covered, rate: r.rate) }
        let row = { (r: MobileCoverage.Row) in MobileCoverageRowDTO(township: r.township, all: count(r.all), remote: count(r.remote), poor: count(r.poor)) }
        return MobileCoverageDTO(period: m.period.key, visits: m.visits, booksLent: m.booksLent, total: row(m.overall), townships: m.rows.map(row),
                                 unserved: m.unserved.map { UnservedVillageDTO(id: $0.id, name: $0.name, township: $0.township, population: $0.population, isRemote: $0.isRemote, isPoor: $0.isPoor) })
    }
}
