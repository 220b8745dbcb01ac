import Fluent
import Foundation
import KPIMetrics
import SQLKit
import Vapor

struct HomePage: Equatable {
    struct TypeCount: Equatable {
        let type: VenueType
        let count: Int
    }

    let venueCount: Int
    let openNowCount: Int
    let typeCounts: [TypeCount]
    let mainVenues: [VenueCard]
    let coverage: Double?
    let noticeMissing: Int

    private struct TypeRow: Decodable {
        let type: String
        let n: Int
    }

    /// Venues per type in one GROUP BY, in the order of `VenueType`.
    static func typeCounts(on db: any Database) async throws -> [TypeCount] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = try await sql.select().column("type")
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(Venue.schema).groupBy("type").all(decoding: TypeRow.self)
        let byType = Dictionary(rows.map { ($0.type, $0.n) }, uniquingKeysWith: +)
        return VenueType.allCases.map { TypeCount(type: $0, count: byType[$0.rawValue] ?? 0) }
    }

    static func build(_ req: Request) async throws -> HomePage {
        let db = req.db
        let time = req.displayTime
        let counts = try await typeCounts(on: db)
        let openNow = try await Venue.query(on: db).open(weekday: time.weekday, minute: time.minuteOfDay)
            .filter(\.$status == .operating).count()
        let mains = try await Venue.query(on: db).filter(\.$tier == .city).sort(\.$name).limit(6).all()
        let coverage = try await CoveragePage.build(on: db)
        let total = try await Venue.query(on: db).count()
        let missing = try await Venue.query(on: db).havingCurrentNotice(false, on: time.today).count()
        return HomePage(
            venueCount: total, openNowCount: openNow, typeCounts: counts,
            mainVenues: try await VenueCard.load(mains, townships: req.townships(), on: db, time: time, lang: req.lang),
            coverage: coverage.overall.rate, noticeMissing: missing
        )
    }
}
