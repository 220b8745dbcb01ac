import Fluent
import Foundation
import KPIMetrics
import SQLKit

/// Which villages have had a mobile service (流动服务: performance, film, mobile library,
/// training, coaching held in the village) in a month, quarter or year (R4.3).
struct MobileCoverage: Equatable {
    static let kinds: [ServiceKind] = [.performance, .film, .mobileLibrary, .training, .coaching]

    enum PeriodType: String, CaseIterable {
        case month, quarter, year
        func label(_ lang: Lang) -> String {
            switch self { case .month: lang.t("本月", "This month"); case .quarter: lang.t("本季度", "This quarter"); case .year: lang.t("本年", "This year") }
        }
    }

    struct Period: Equatable {
        let type: PeriodType
        /// "2026-11", "2026-Q4" or "2026".
        let key: String
        let firstDay: String
        /// The day after the period.
        let endDay: String

        /// The period of `type` that holds `day` (yyyy-MM-dd).
        static func containing(_ day: String, type: PeriodType) -> Period {
            let parts = day.split(separator: "-").compactMap { Int($0) }
            let (y, m) = (parts[0], parts[1])
            switch type {
            case .month:
                let next = m == 12 ? String(format: "%04d-01-01", y + 1) : String(format: "%04d-%02d-01", y, m + 1)
                return Period(type: type, key: String(format: "%04d-%02d", y, m), firstDay: String(format: "%04d-%02d-01", y, m), endDay: next)
            case .quarter:
                let q = (m - 1) / 3
                let next = q == 3 ? String(format: "%04d-01-01", y + 1) : String(format: "%04d-%02d-01", y, q * 3 + 4)
                return Period(type: type, key: String(format: "%04d-Q%d", y, q + 1), firstDay: String(format: "%04d-%02d-01", y, q * 3 + 1), endDay: next)
            case .year:
                return Period(type: type, key: String(format: "%04d", y), firstDay: String(format: "%04d-01-01", y), endDay: String(format: "%04d-01-01", y + 1))
            }
        }

        func name(_ lang: Lang) -> String { PeriodName.text(key, lang) }
    }

    struct Village: Equatable {
        let id: UUID
        let name: String
        let township: String
        let population: Int
        let isRemote: Bool
        let isPoor: Bool
        let served: Int
        /// Remote and poor villages first: they are the ones mobile services exist for.
        var priority: Int { (isRemote ? 0 : 2) + (isPoor ? 0 : 1) }
    }

    struct Row: Equatable {
        let township: String
        let all: CoverageRow
        let remote: CoverageRow
        let poor: CoverageRow
    }

    let period: Period
    let rows: [Row]
    let overall: Row
    /// Villages without a mobile service in the period, remote and poor first.
    let unserved: [Village]
    /// Mobile services held in villages in the period, and books their mobile-library stops lent.
    var visits = 0
    var booksLent = 0

    /// Two reads: the villages in scope, and the services held in them in the period.
    static func build(scopePath: String, period: Period, time: DisplayTime, on db: any Database) async throws -> MobileCoverage {
        let sql = db as! any SQLDatabase
        let townships = try await TownshipIndex.load(on: db)
        struct VillageRow: Decodable { let id: UUID; let name: String; let path: String; let population: Int; let is_remote: Bool; let is_poor: Bool }
        let villages = try await sql.select().columns("id", "name", "path", "population", "is_remote", "is_poor").from(Region.schema)
            .where("level", .equal, RegionLevel.village.rawValue).where("path", .like, scopePath + "%").orderBy("code").all(decoding: VillageRow.self)
        let start = time.instant(day: period.firstDay, minute: 0) ?? time.now
        let end = min(time.instant(day: period.endDay, minute: 0) ?? time.now, time.now)
        struct Served: Decodable { let village_id: UUID; let n: Int }
        let served = try await sql.select().column("village_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Activity.schema)
            .where("village_id", .isNot, SQLLiteral.null).where("status", .equal, ActivityStatus.published.rawValue)
            .where("kind", .in, SQLBind.group(kinds.map(\.rawValue))).where("held_in_path", .like, scopePath + "%")
            .where("starts_at", .greaterThanOrEqual, SQLBind(start)).where("starts_at", .lessThan, SQLBind(end))
            .groupBy("village_id").all(decoding: Served.self)
        let counts = Dictionary(served.map { ($0.village_id, $0.n) }, uniquingKeysWith: +)
        let servedIDs = Set(counts.keys)
        let township = { (path: String) in townships.township(containing: path) }
        let grouped = { (filter: (VillageRow) -> Bool) in
            Coverage.byGroup(villages: villages.filter(filter).map { (group: township($0.path)?.path ?? "", id: $0.id) }, covered: servedIDs)
        }
        let all = grouped { _ in true }, remote = grouped(\.is_remote), poor = grouped(\.is_poor)
        let byKey = { (rows: [CoverageRow], key: String) in rows.first { $0.groupKey == key } ?? CoverageRow(groupKey: key, total: 0, covered: 0) }
        let order = Dictionary(townships.townships.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(townships.townships.map { ($0.path, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = all.sorted { (order[$0.groupKey] ?? .max) < (order[$1.groupKey] ?? .max) }.map {
            Row(township: names[$0.groupKey] ?? "—", all: $0, remote: byKey(remote, $0.groupKey), poor: byKey(poor, $0.groupKey))
        }
        let unserved = villages.filter { !servedIDs.contains($0.id) }.map {
            Village(id: $0.id, name: $0.name, township: township($0.path)?.name ?? "", population: $0.population, isRemote: $0.is_remote, isPoor: $0.is_poor, served: 0)
        }.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
        struct Books: Decodable { let n: Int }
        let books = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(books_lent), 0) AS BIGINT) AS n FROM activities
            WHERE village_id IS NOT NULL AND status = \(bind: ActivityStatus.published.rawValue) AND kind = \(bind: ServiceKind.mobileLibrary.rawValue)
              AND \(RegionPath.sql("held_in_path", within: scopePath)) AND starts_at >= \(bind: start) AND starts_at < \(bind: end)
            """).first(decoding: Books.self)?.n ?? 0
        var coverage = MobileCoverage(period: period, rows: rows,
                                      overall: Row(township: "", all: Coverage.overall(all), remote: Coverage.overall(remote), poor: Coverage.overall(poor)),
                                      unserved: unserved)
        coverage.visits = served.reduce(0) { $0 + $1.n }
        coverage.booksLent = books
        return coverage
    }
}
