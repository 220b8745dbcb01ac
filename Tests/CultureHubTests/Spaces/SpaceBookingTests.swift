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
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("可预约时间"))
        }
    }

    @Test func aSpaceWithItsOwnHoursIsBookableOnlyThenAndOnlyItsVenueEditsThem() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await openAllWeek(f.chengguanStation, on: app.db)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let hoursPath = SiteURL.venues(.staffSpaceHours(.id(f.chengguanStation.id!), .id(f.chengguanSpace.id!))).path
            var week: [(String, String)] = []
            for day in 1...7 { week += [("opens_\(day)", "18:00"), ("closes_\(day)", "21:00")] }
            let token = try await Citizens.make(1, on: app)[0]
            func book(from: Int, to: Int) async throws -> TestingHTTPResponse {
                try await APIClient(app: app, token: token).send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                    json: "{\"phone\":\"13912345679\",\"purpose\":\"合唱排练\",\"attendees\":10,\(slot(clock, app: app, days: 3, from: from, to: to))}")
            }

            let backwards = try await staff.post(hoursPath, [("opens_1", "21:00"), ("closes_1", "18:00")])
            let nothingSaved = try await SpaceHours.query(on: app.db).count()
            let saved = try await staff.post(hoursPath, week)
            let morning = try await book(from: 600, to: 720)
            let evening = try await book(from: 1110, to: 1230)
            let publicPage = try await Browser(app).get(SiteURL.spaces(.show(.id(f.chengguanSpace.id!))).path).body.string
            let intruder = try await Browser.signedIn(app, as: "micun").post(hoursPath, [])
            let cleared = try await staff.post(hoursPath, [])
            let morningAgain = try await book(from: 540, to: 600)

            #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("闭馆时间必须晚于开门时间") && nothingSaved == 0)
            #expect(saved.status == .seeOther && morning.status == .unprocessableEntity && morning.body.string.contains("18:00–21:00"))
            #expect(evening.status == .created, "within the space's own hours")
            #expect(publicPage.contains("周一 18:00–21:00") && !publicPage.contains("与场馆开放时间相同"))
            #expect(intruder.status == .forbidden || intruder.status == .notFound)
            #expect(cleared.status == .seeOther && morningAgain.status == .created, "with no own hours the venue's opening hours apply again")
        }
    }

    @Test func staffOfAnotherTownshipCannotDecideABooking() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await openAllWeek(f.chengguanStation, on: app.db)
            let token = try await Citizens.make(1, on: app)[0]
            let request = try await APIClient(app: app, token: token).send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                json: "{\"phone\":\"13912345678\",\"purpose\":\"排练\",\"attendees\":20,\(slot(clock, app: app, days: 3))}")
            let id = try #require((try JSONSerialization.jsonObject(with: Data(request.body.string.utf8)) as? [String: Any])?["id"] as? String)
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let micunBrowser = try await Browser.signedIn(app, as: "micun")

            let apiApprove = try await micun.send(.POST, "/api/v1/bookings/\(id)/approve")
            let apiDecline = try await micun.send(.POST, "/api/v1/bookings/\(id)/decline", json: #"{"reason":"不行"}"#)
            let pageApprove = try await micunBrowser.post(SiteURL.spaces(.staffBookingApprove(.id(UUID(uuidString: id)!))).path, [])
            let list = try await micunBrowser.get(SiteURL.spaces(.staffBookings).path).body.string

            let chengguan = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let noReason = try await chengguan.send(.POST, "/api/v1/bookings/\(id)/decline", json: #"{"reason":"  "}"#)
            let stillPending = try await SpaceBooking.find(UUID(uuidString: id), on: app.db)?.status

            for response in [apiApprove, apiDecline, pageApprove] { #expect(response.status == .forbidden || response.status == .notFound) }
            #expect(stillPending == .pending)
            #expect(!list.contains("13912345678") && !list.contains("排练"), "another township's requests are not listed")
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("原因"))
            let declined = try await chengguan.send(.POST, "/api/v1/bookings/\(id)/decline", json: #"{"reason":"当天场馆检修"}"#)
            #expect(declined.status == .ok && declined.body.string.contains("declined"))
            #expect(try await SpaceBooking.find(UUID(uuidString: id), on: app.db)?.decisionReason == "当天场馆检修")
        }
    }

    @Test func ofManyOverlappingRequestsApprovedAtOnceExactlyOneWins() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await openAllWeek(f.chengguanStation, on: app.db)
            let start = clock.now().addingTimeInterval(2 * 86_400)
            let ids: [String] = try await app.db.writeTransaction { db in
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
