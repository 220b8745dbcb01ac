import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Staff register, gaps, training and funding through `/api/v1` (R7.1–R7.3).
@Suite struct WorkforceAPITests {
    @Test func theRegisterTrainingAndFundingThroughTheAPI() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let citizen = APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))
            let station = f.chengguanStation.id!
            let added = try await staff.send(.POST, "/api/v1/staff-members", json: "{\"name\":\"王建华\",\"phone\":\"13712340001\",\"venueId\":\"\(station)\",\"postType\":\"fullTime\",\"position\":\"站长\",\"startsOn\":\"2020-01-01\",\"subsidyFen\":120050}")
            let negative = try await staff.send(.POST, "/api/v1/staff-members", json: "{\"name\":\"赵六\",\"phone\":\"13712340009\",\"venueId\":\"\(station)\",\"postType\":\"partTime\",\"position\":\"干事\",\"startsOn\":\"2020-01-01\",\"subsidyFen\":-1}")
            let list = try await staff.send(.GET, "/api/v1/manage/staff-members?current=true")
            let gaps = try await staff.send(.GET, "/api/v1/manage/staffing-gaps")
            let course = try await staff.send(.POST, "/api/v1/training-courses", json: "{\"title\":\"站长培训\",\"provider\":\"新密市文化馆\",\"kind\":\"centralised\",\"level\":\"county\",\"startsOn\":\"2026-03-16\",\"endsOn\":\"2026-03-18\",\"days\":3}")
            let courseID = try #require((try JSONSerialization.jsonObject(with: Data(course.body.string.utf8)) as? [String: Any])?["id"] as? String)
            let memberID = try #require(try await StaffMember.query(on: app.db).first()?.id)
            let attended = try await staff.send(.POST, "/api/v1/training-courses/\(courseID)/attendance", json: "{\"memberId\":\"\(memberID)\",\"days\":3}")
            let compliance = try await staff.send(.GET, "/api/v1/manage/training-compliance?year=2026")
            let budget = try await staff.send(.POST, "/api/v1/budget-lines", json: "{\"venueId\":\"\(station)\",\"year\":2026,\"category\":\"activities\",\"source\":\"cityMatching\",\"amountFen\":100000}")
            let over = try await staff.send(.POST, "/api/v1/expenditures", json: "{\"venueId\":\"\(station)\",\"spentOn\":\"2026-05-04\",\"category\":\"activities\",\"amountFen\":100001,\"voucher\":\"v1\"}")
            let spent = try await staff.send(.POST, "/api/v1/expenditures", json: "{\"venueId\":\"\(station)\",\"spentOn\":\"2026-05-04\",\"category\":\"activities\",\"amountFen\":99999,\"voucher\":\"v1\"}")
            let funding = try await staff.send(.GET, "/api/v1/manage/funding?year=2026")
            let forbidden = try await citizen.send(.GET, "/api/v1/manage/staff-members")

            #expect(added.status == .created && added.body.string.contains("137****0001") && negative.status == .unprocessableEntity)
            #expect(list.body.string.contains("\"total\":1") && gaps.body.string.contains("\"required\":2") && gaps.body.string.contains("\"inPost\":1"))
            #expect(course.status == .created && attended.status == .created && compliance.body.string.contains("\"compliant\":false"), "3 of 5 centralised days")
            #expect(budget.status == .created && over.status == .unprocessableEntity && over.body.string.contains("overrideReason") && spent.status == .created)
            #expect(funding.body.string.contains("\"activities\":99999") && funding.body.string.contains("\"executionRate\":0.99999"))
            #expect(forbidden.status == .forbidden)
        }
    }
}
