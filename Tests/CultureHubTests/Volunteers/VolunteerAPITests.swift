import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Volunteers, teams, works and programmes through `/api/v1` (R6.1–R6.4).
@Suite struct CommunityAPITests {
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

    @Test func teamsWorksAndProgrammes() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let citizen = APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))
            let teamJSON = "{\"name\":\"东关村舞龙队\",\"kind\":\"folkPerformance\",\"placeId\":\"\(f.chengguanVillage.id!)\",\"leaderName\":\"张大爷\",\"leaderPhone\":\"13800000001\"}"
            let team = try await staff.send(.POST, "/api/v1/teams", json: teamJSON)
            let duplicate = try await staff.send(.POST, "/api/v1/teams", json: teamJSON)
            let teamID = try json(team)["id"] as! String
            let guidance = try await staff.send(.POST, "/api/v1/teams/\(teamID)/guidance", json: "{\"day\":\"2026-11-15\",\"hours\":2,\"topic\":\"舞龙套路\"}")
            let teams = try await APIClient(app: app).send(.GET, "/api/v1/teams?kind=folkPerformance")
            let badKind = try await APIClient(app: app).send(.GET, "/api/v1/teams?kind=rap")
            let work = try await citizen.send(.POST, "/api/v1/works", json: "{\"title\":\"龙腾新密\",\"kind\":\"dance\",\"creators\":\"东关村舞龙队\",\"createdOn\":\"2026-05-01\",\"teamId\":\"\(teamID)\",\"mediaLinks\":[\"https://example.org/v.mp4\"]}")
            let works = try await APIClient(app: app).send(.GET, "/api/v1/works")
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let campaign = try await admin.send(.POST, "/api/v1/campaigns", json: "{\"kind\":\"brand\",\"name\":\"书香新密\",\"startsOn\":\"2024-04-23\"}")
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let linked = try await admin.send(.POST, "/api/v1/campaigns/\(try json(campaign)["id"] as! String)/activities", json: "{\"activityId\":\"\(activity.id!)\"}")
            let campaigns = try await APIClient(app: app).send(.GET, "/api/v1/campaigns")

            #expect(team.status == .created && team.body.string.contains("\"bookingRate\":\"discounted\"") && duplicate.status == .unprocessableEntity)
            #expect(guidance.status == .created && teams.body.string.contains("东关村舞龙队") && badKind.status == .unprocessableEntity)
            #expect(work.status == .created && work.body.string.contains("\"listed\":false") && !works.body.string.contains("龙腾新密"))
            #expect(campaign.status == .created && linked.status == .ok && linked.body.string.contains("\"activities\":1"))
            #expect(campaigns.body.string.contains("书香新密"))
        }
    }
}
