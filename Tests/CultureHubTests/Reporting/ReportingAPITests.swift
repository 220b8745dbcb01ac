import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Activity reports through `/api/v1`.
@Suite struct ReportingAPITests {
    @Test func reportsAreListedAndFiledWithinScope() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let ended = try await ReportingTests.endedActivity(f, now: clock.now(), on: app.db)
            let library = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let due = try await library.send(.GET, "/api/v1/manage/reports?state=due")
            let badState = try await library.send(.GET, "/api/v1/manage/reports?state=soon")
            let outside = try await micun.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":40,"summary":"好"}"#)
            let tooMany = try await library.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":400,"summary":"好"}"#)
            let filed = try await library.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":40,"summary":"顺利举行"}"#)
            let list = try await library.send(.GET, "/api/v1/manage/reports")

            #expect(due.status == .ok && due.body.string.contains(ended.id!.uuidString.uppercased()) && due.body.string.contains("notDue"))
            #expect(badState.status == .unprocessableEntity && outside.status == .forbidden, "a write outside the scope answers 403")
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("excessReason"))
            #expect(filed.status == .created && filed.body.string.contains("\"delivery\":\"queued\"") && filed.body.string.contains("\"timeliness\":\"onTime\""))
            #expect(list.body.string.contains("\"total\":1"))
        }
    }
}
