import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Volunteers through `/api/v1` (R6.1).
@Suite struct VolunteerAPITests {
    func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func aVolunteerSignsUpAndStaffConfirmTheHours() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let org = try await VolunteerServiceTests.org(f.chengguanStation, on: app.db)
            let citizen = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            try await VolunteerServiceTests.member(citizen, of: org, on: app.db)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let volunteer = APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))

            let badSlots = try await staff.send(.POST, "/api/v1/volunteer-posts", json: "{\"orgId\":\"\(org.id!)\",\"title\":\"引导员\",\"duties\":\"引导\",\"date\":\"2026-11-20\",\"starts\":\"09:00\",\"ends\":\"12:00\",\"slots\":0}")
            let created = try await staff.send(.POST, "/api/v1/volunteer-posts", json: "{\"orgId\":\"\(org.id!)\",\"title\":\"引导员\",\"duties\":\"引导\",\"date\":\"2026-11-20\",\"starts\":\"09:00\",\"ends\":\"12:00\",\"slots\":2}")
            let postID = try json(created)["id"] as! String
            let citizenPosts = try await volunteer.send(.POST, "/api/v1/volunteer-posts", json: "{}")
            let list = try await APIClient(app: app).send(.GET, "/api/v1/volunteer-posts")
            let signed = try await volunteer.send(.POST, "/api/v1/volunteer-posts/\(postID)/signups")
            let twice = try await volunteer.send(.POST, "/api/v1/volunteer-posts/\(postID)/signups")
            let shiftID = try json(signed)["id"] as! String
            clock.advance(by: VolunteerServiceTests.toPostStart)
            let checkin = try await staff.send(.POST, "/api/v1/volunteer-shifts/\(shiftID)/checkin")
            clock.advance(by: 2 * 3_600)
            let checkout = try await staff.send(.POST, "/api/v1/volunteer-shifts/\(shiftID)/checkout")
            let tooMany = try await staff.send(.POST, "/api/v1/volunteer-shifts/\(shiftID)/confirm", json: "{\"hours\":3}")
            let confirm = try await staff.send(.POST, "/api/v1/volunteer-shifts/\(shiftID)/confirm", json: "{\"hours\":1.5}")
            let rate = try await staff.send(.POST, "/api/v1/volunteer-shifts/\(shiftID)/rate", json: "{\"rating\":4,\"note\":\"准时\"}")
            let hours = try await volunteer.send(.POST, "/api/v1/me/volunteer-hours", json: "{\"orgId\":\"\(org.id!)\",\"date\":\"2026-11-20\",\"starts\":\"08:00\",\"hours\":2,\"note\":\"补登\"}")
            let record = try json(try await volunteer.send(.GET, "/api/v1/me/volunteering"))

            #expect(badSlots.status == .unprocessableEntity && created.status == .created && citizenPosts.status == .forbidden)
            #expect(list.status == .ok && list.body.string.contains("\"slotsLeft\":2"))
            #expect(signed.status == .created && twice.status == .conflict)
            #expect(checkin.status == .ok && checkout.status == .ok && checkout.body.string.contains("\"hoursState\":\"pending\""))
            #expect(tooMany.status == .unprocessableEntity && confirm.status == .ok && rate.status == .ok)
            #expect(hours.status == .conflict, "08:00–10:00 overlaps the shift served 09:00–11:00")
            #expect(record["confirmedHours"] as? Double == 1.5 && record["stars"] as? Int == 0 && record["hoursToNextStar"] as? Double == 98.5)
        }
    }
}
