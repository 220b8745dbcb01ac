import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct SpaceBookingTests {
    /// 10:00–12:00 local time, `days` ahead, as API JSON.
    private func slot(_ clock: ManualClock, app: Application, days: Int, from: Int = 600, to: Int = 720) -> String {
        let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
        let day = time.day(after: days)
        let f = ISO8601DateFormatter()
        return "\"startsAt\":\"\(f.string(from: time.instant(day: day, minute: from)!))\",\"endsAt\":\"\(f.string(from: time.instant(day: day, minute: to)!))\""
    }

    private func openAllWeek(_ venue: Venue, on db: any Database) async throws {
        for day in 1...7 { try await OpeningHours(venueID: venue.id!, weekday: day, opensAt: 8 * 60, closesAt: 21 * 60).create(on: db) }
    }

    @Test func anOverlappingRequestNamesTheApprovedBooking() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await openAllWeek(f.chengguanStation, on: app.db)
            let tokens = try await Citizens.make(2, on: app)
            let first = try await APIClient(app: app, token: tokens[0]).send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                json: "{\"team\":\"东关村广场舞队\",\"phone\":\"13912345678\",\"purpose\":\"排练\",\"attendees\":20,\(slot(clock, app: app, days: 3))}")
            let id = try #require((try JSONSerialization.jsonObject(with: Data(first.body.string.utf8)) as? [String: Any])?["id"] as? String)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            #expect(try await staff.send(.POST, "/api/v1/bookings/\(id)/approve").status == .ok)

            let clash = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                json: "{\"phone\":\"13912345679\",\"purpose\":\"合唱\",\"attendees\":10,\(slot(clock, app: app, days: 3, from: 660, to: 780))}")
            let outside = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                json: "{\"phone\":\"13912345679\",\"purpose\":\"合唱\",\"attendees\":10,\(slot(clock, app: app, days: 3, from: 1230, to: 1290))}")

            #expect(clash.status == .conflict && clash.body.string.contains("东关村广场舞队"))
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("开放时间"))
        }
    }

    @Test func ofManyOverlappingRequestsApprovedAtOnceExactlyOneWins() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await openAllWeek(f.chengguanStation, on: app.db)
            let start = clock.now().addingTimeInterval(2 * 86_400)
            let ids: [String] = try await app.db.transaction { db in
                var ids: [String] = []
                for i in 0..<300 {
                    let b = SpaceBooking()
                    b.$space.id = f.chengguanSpace.id!
                    b.$venue.id = f.chengguanStation.id!
                    b.regionPath = f.chengguanStation.regionPath
                    b.teamName = "队伍\(i)"; b.contactPhone = "13912345678"; b.purpose = "排练"; b.attendees = 5
                    b.startsAt = start.addingTimeInterval(Double(i % 5) * 600); b.endsAt = b.startsAt.addingTimeInterval(3600)
                    b.rate = .free; b.feeFen = 0; b.status = .pending; b.decisionReason = ""; b.createdAt = clock.now()
                    try await b.create(on: db)
                    ids.append(b.id!.uuidString)
                }
                return ids
            }
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))

            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for id in ids { group.addTask { try await staff.send(.POST, "/api/v1/bookings/\(id)/approve").status } }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }

            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 299, "no 5xx: \(Set(statuses.map(\.code)))")
            #expect(try await SpaceBooking.query(on: app.db).filter(\.$status == .approved).count() == 1)
        }
    }
}
