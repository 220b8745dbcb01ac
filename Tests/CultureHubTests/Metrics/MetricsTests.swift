import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct MetricsTests {
    @Test func metricsCountRequestsByRouteRegistrationsAndCheckIns() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, capacity: 1, startsIn: 3600, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(2, on: app)
            let first = try await APIClient(app: app, token: tokens[0]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            _ = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            _ = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let code = try #require(first.body.string.firstMatch(of: /"checkInToken":"([^"]+)"/)?.1)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            _ = try await staff.send(.POST, "/api/v1/activities/\(activity.id!)/checkins", json: #"{"token":"\#(code)"}"#)
            _ = try await staff.send(.POST, "/api/v1/activities/\(activity.id!)/checkins", json: #"{"token":"\#(code)"}"#)
            for _ in 0..<3 { _ = try await app.testing().sendRequest(.GET, "/venues/\(UUID())") }

            // Closed by default, even to the machine itself (a reverse proxy on the host is "the machine").
            let closed = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(closed.status == .forbidden && closed.body.string.contains("METRICS_TOKEN"))
            app.settings.metricsPublic = true
            let scrape = try await app.testing().sendRequest(.GET, "/metrics")
            app.settings.metricsPublic = false
            let text = scrape.body.string
            #expect(scrape.status == .ok && scrape.headers.contentType?.description.hasPrefix("text/plain") == true)
            #expect(text.contains(#"registrations_total{result="confirmed"} 1"#))
            #expect(text.contains(#"registrations_total{result="waitlisted"} 1"#))
            #expect(text.contains(#"registrations_total{result="refused"} 1"#))
            #expect(text.contains(#"checkins_total{outcome="checkedIn"} 1"#) && text.contains(#"checkins_total{outcome="duplicate"} 1"#))
            #expect(text.contains(#"http_requests_total{method="GET",route="/venues/:id",status="404"} 3"#), "one series per route, not per id")
            #expect(text.contains("http_request_duration_seconds_bucket") && text.contains("audit_events "))
            #expect(text.contains("db_probe_seconds ") && text.contains("complaints_overdue 0"))
            #expect(text.firstMatch(of: /db_pool_capacity ([0-9]+)/).map { Int($0.1)! > 0 } == true)
            if case .postgres = app.settings.database {} else { #expect(text.contains("db_write_waiting ")) } // the writer queue is per process, shared by parallel tests

            var outside = HTTPHeaders()
            outside.add(name: .authorization, value: "Bearer wrong")
            app.settings.metricsToken = "s3cret"
            #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: outside).status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "/metrics").status == .unauthorized)
            outside.replaceOrAdd(name: .authorization, value: "Bearer s3cre")
            #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: outside).status == .unauthorized)
            var right = HTTPHeaders()
            right.bearerAuthorization = BearerAuthorization(token: "s3cret")
            #expect(try await app.testing().sendRequest(.GET, "/metrics", headers: right).status == .ok)
        }
    }
}
