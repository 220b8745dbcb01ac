import Fluent
import Foundation
import KPIMetrics
import SQLKit
import Vapor

/// Village-centre coverage by township (R1.4).
struct CoveragePage: Equatable {
    struct Row: Equatable {
        let township: String
        let total: Int
        let covered: Int
        let rate: Double?
        let uncoveredVillages: [String]
    }

    let rows: [Row]
    let overall: CoverageRow

    private struct VillageRow: Decodable {
        let id: UUID
        let name: String
        let path: String
    }

    private struct CentreRow: Decodable {
        let regionID: UUID
        enum CodingKeys: String, CodingKey { case regionID = "region_id" }
    }

    /// Two plain SQL reads (villages, operating centres), grouped in `KPIMetrics.Coverage`.
    static func build(on db: any Database) async throws -> CoveragePage {
        guard let sql = db as? any SQLDatabase else { throw AppError.notFound }
        let townships = try await TownshipIndex.load(on: db)
        let villages = try await sql.select().columns("id", "name", "path").from(Region.schema)
            .where("level", .equal, RegionLevel.village.rawValue).orderBy("code").all(decoding: VillageRow.self)
        let covered = Set(try await sql.select().column("region_id").from(Venue.schema)
            .where("type", .equal, VenueType.villageCentre.rawValue).where("status", .equal, VenueStatus.operating.rawValue)
            .all(decoding: CentreRow.self).map(\.regionID))
        let grouped = villages.map { village in
            (group: townships.township(containing: village.path)?.path ?? "", id: village.id)
        }
        let rows = Coverage.byGroup(villages: grouped, covered: covered)
        let names = Dictionary(villages.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let uncoveredByGroup = Dictionary(grouping: grouped.filter { !covered.contains($0.id) }, by: \.group)
        let pathName = Dictionary(townships.townships.map { ($0.path, $0.name) }, uniquingKeysWith: { a, _ in a })
        let order = Dictionary(townships.townships.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        return CoveragePage(
            rows: rows.sorted { (order[$0.groupKey] ?? .max) < (order[$1.groupKey] ?? .max) }.map { row in
                Row(township: pathName[row.groupKey] ?? "—", total: row.total, covered: row.covered, rate: row.rate,
                    uncoveredVillages: (uncoveredByGroup[row.groupKey] ?? []).compactMap { names[$0.id] })
            },
            overall: Coverage.overall(rows)
        )
    }
}
