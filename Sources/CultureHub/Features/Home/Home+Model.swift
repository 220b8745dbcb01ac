import Fluent
import Foundation
import KPIMetrics
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

    static func build(_ req: Request) async throws -> HomePage {
        let db = req.db
        let time = req.displayTime
        var counts: [TypeCount] = []
        for type in VenueType.allCases {
            counts.append(TypeCount(type: type, count: try await Venue.query(on: db).filter(\.$type == type).count()))
        }
        let openNow = try await Venue.query(on: db).open(weekday: time.weekday, minute: time.minuteOfDay)
            .filter(\.$status == .operating).count()
        let mains = try await Venue.query(on: db).filter(\.$tier == .city).sort(\.$name).limit(6).all()
        let coverage = try await CoveragePage.build(on: db)
        let total = try await Venue.query(on: db).count()
        let missing = try await Venue.query(on: db).havingCurrentNotice(false, on: time.today).count()
        return HomePage(
            venueCount: total, openNowCount: openNow, typeCounts: counts,
            mainVenues: try await VenueCard.load(mains, on: db, time: time),
            coverage: coverage.overall.rate, noticeMissing: missing
        )
    }
}
