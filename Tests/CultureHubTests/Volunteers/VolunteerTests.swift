import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Volunteer organisations and applications (R6.1).
@Suite struct VolunteerTests {
    @Test func aCitizenAppliesOnceAndTheOrganisationAnswersWithinScope() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let orgForm: [(String, String)] = [("venue", f.chengguanStation.id!.uuidString), ("name", "城关镇文化站志愿服务队"), ("leaderName", "王站长"),
                                               ("leaderPhone", "13912345678"), ("scopeNote", "城关镇各村文艺辅导、活动组织")]
            let badPhone = try await chengguan.post(SiteURL.volunteers(.staffOrgs).path, orgForm.map { $0.0 == "leaderPhone" ? ("leaderPhone", "12345") : $0 })
            let outside = try await chengguan.post(SiteURL.volunteers(.staffOrgs).path, orgForm.map { $0.0 == "venue" ? ("venue", f.micunStation.id!.uuidString) : $0 })
            let created = try await chengguan.post(SiteURL.volunteers(.staffOrgs).path, orgForm)
            let twice = try await chengguan.post(SiteURL.volunteers(.staffOrgs).path, orgForm)
            let org = try #require(try await VolunteerOrg.query(on: app.db).first())

            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let noSkill = try await citizen.post(SiteURL.volunteers(.index).path, [("org", org.id!.uuidString), ("availability", "周末上午")])
            let applied = try await citizen.post(SiteURL.volunteers(.index).path, [("org", org.id!.uuidString), ("skills[]", "performance"), ("skills[]", "teaching"), ("availability", "周末上午")])
            let again = try await citizen.post(SiteURL.volunteers(.index).path, [("org", org.id!.uuidString), ("skills[]", "reading"), ("availability", "周三晚上")])
            let publicPage = try await Browser(app).get(SiteURL.volunteers(.index).path).body.string
            let application = try #require(try await VolunteerApplication.query(on: app.db).first())

            let micun = try await Browser.signedIn(app, as: "micun")
            let otherQueue = try await micun.get(SiteURL.volunteers(.staffIndex).path).body.string
            let otherDecision = try await micun.post(SiteURL.volunteers(.staffDecide(.id(application.id!))).path, [("decision", "approve")])
            let queue = try await chengguan.get(SiteURL.volunteers(.staffIndex).path).body.string
            let noReason = try await chengguan.post(SiteURL.volunteers(.staffDecide(.id(application.id!))).path, [("decision", "decline"), ("reason", "")])
            let stillPending = try await VolunteerApplication.find(application.id, on: app.db)?.status == .pending
            let approved = try await chengguan.post(SiteURL.volunteers(.staffDecide(.id(application.id!))).path, [("decision", "approve")])
            let mine = try await citizen.get(SiteURL.volunteers(.index).path).body.string

            #expect(badPhone.status == .unprocessableEntity && outside.status == .unprocessableEntity && outside.body.string.contains("管辖范围内的场馆"))
            #expect(created.status == .seeOther && twice.status == .unprocessableEntity && twice.body.string.contains("同名"))
            #expect(noSkill.status == .unprocessableEntity && noSkill.body.string.contains("请至少选择一项特长"))
            #expect(applied.status == .seeOther && again.status == .conflict && again.body.string.contains("已经向"))
            #expect(publicPage.contains("城关镇文化站志愿服务队") && publicPage.contains("139****5678") && !publicPage.contains("13912345678"))
            #expect(!otherQueue.contains("张*") && otherDecision.status == .forbidden)
            #expect(queue.contains("张*") && queue.contains("文艺表演、授课辅导") && stillPending && noReason.status == .seeOther)
            #expect(approved.status == .seeOther && mine.contains("已通过"))
            #expect(try await VolunteerApplication.query(on: app.db).count() == 1)
        }
    }
}
