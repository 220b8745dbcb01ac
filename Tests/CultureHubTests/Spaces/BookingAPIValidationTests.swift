import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// The API books through the same rules as the page (issue #20: a 1 MB purpose and −1 attendees
/// were saved through `/api/v1`).
@Suite struct BookingAPIValidationTests {
    @Test func anOversizedPurposeAndNegativeAttendeesAreRefusedAndNothingSaved() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])
            let start = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(3 * 86_400))
            let end = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(3 * 86_400 + 3600))
            let purpose = String(repeating: "排", count: 5_000)

            let r = try await citizen.send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings", json: """
                {"phone":"13800000009","purpose":"\(purpose)","attendees":-1,"team":"\(String(repeating: "队", count: 41))",
                 "startsAt":"\(start)","endsAt":"\(end)"}
                """)

            #expect(r.status == .unprocessableEntity)
            #expect(r.errorFields["purpose"] != nil && r.errorFields["attendees"] != nil && r.errorFields["team"] != nil)
            #expect(try await SpaceBooking.query(on: app.db).count() == 0)
        }
    }
}
