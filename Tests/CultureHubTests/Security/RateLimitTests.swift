import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct RateLimitTests {
    /// Two app processes on one database count against one limit (a second `Application` on the
    /// same PostgreSQL schema stands in for the second process; SQLite serves one process).
    @Test func signInAttemptsPerAddressAreLimitedAcrossAppInstances() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            var other: Application?
            if case .postgres = app.settings.database {
                let second = try await Application.make(.testing)
                try await configure(second, settings: app.settings, clock: clock, bcryptCost: 4)
                other = second
            }
            let instances = [app, other ?? app]
            var statuses: [HTTPStatus] = []
            for i in 0..<30 {
                // Different (unknown) names, so only the per-address limit applies.
                statuses.append(try await Browser(instances[i % 2]).login("nobody\(i)", "Wrong1234").status)
            }
            let blocked = try await Browser(instances[1]).login("chengguan")
            let otherLimit = try await Browser(instances[0]).login("nobody-again", "Wrong1234")
            clock.advance(by: 601)
            let later = try await Browser(instances[0]).login("chengguan")
            try await other?.asyncShutdown()

            #expect(statuses.allSatisfy { $0 == .unprocessableEntity })
            #expect(blocked.status == .tooManyRequests && blocked.body.string.contains("操作过于频繁"), "even the right password waits")
            #expect(otherLimit.status == .tooManyRequests)
            #expect(later.status == .seeOther, "a new window")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "rate limited").count() == 2)
        }
    }

    @Test func oneAccountCannotHoardActivitiesWithinAnHour() async throws {
        try await withTestApp(settings: { $0.registrationsPerHour = 3 }) { app, clock in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])
            var statuses: [HTTPStatus] = []
            var last = ""
            for i in 0..<4 {
                let a = try await Activity.mock(f.chengguanStation, title: "讲座\(i)", now: clock.now(), on: app.db)
                let r = try await api.send(.POST, "/api/v1/activities/\(a.id!)/registrations", json: #"{"places":1}"#)
                statuses.append(r.status)
                last = r.body.string
            }
            #expect(statuses == [.created, .created, .created, .tooManyRequests])
            #expect(last.contains("一小时内已报名 3 次"))
            clock.advance(by: 3601)
            let a = try await Activity.mock(f.chengguanStation, title: "一小时后", now: clock.now(), on: app.db)
            #expect(try await api.send(.POST, "/api/v1/activities/\(a.id!)/registrations", json: #"{"places":1}"#).status == .created)
        }
    }
}
