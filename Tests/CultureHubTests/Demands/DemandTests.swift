import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct DemandTests {
    @Test func postSupportOnceRankAndAnswer() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let empty = try await citizen.post(SiteURL.demands(.new).path, [("township", f.chengguan.id!.uuidString), ("village", f.chengguanVillage.id!.uuidString), ("kind", "film")])
            let notVillage = try await citizen.post(SiteURL.demands(.new).path, [("village", f.chengguan.id!.uuidString), ("kind", "film"), ("details", "放电影")])
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("请填写此项"))
            #expect(notVillage.status == .unprocessableEntity && notVillage.body.string.contains("请从列表中选择村"))
            _ = try await citizen.post(SiteURL.demands(.new).path, [("village", f.chengguanVillage.id!.uuidString), ("kind", "film"), ("details", "希望每月放一场电影")])
            _ = try await citizen.post(SiteURL.demands(.new).path, [("village", f.micunVillage.id!.uuidString), ("kind", "training"), ("details", "想学广场舞")])
            let film = try await Demand.query(on: app.db).filter(\.$kind == .film).first()!

            let twice = try await citizen.post(SiteURL.demands(.support(.id(film.id!))).path, [])
            let tokens = try await Citizens.make(3, on: app)
            _ = tokens
            let others = try await Account.query(on: app.db).filter(\.$login ~~ ["13900000000", "13900000001", "13900000002"]).all()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for account in others + others { // each twice, at once
                    group.addTask { try? await DemandDesk.support(film, account: account, now: clock.now(), on: app.db) }
                }
                try await group.waitForAll()
            }
            let list = try await Browser(app).get(SiteURL.demands(.index).path)
            #expect(twice.status == .seeOther)
            let supportRows = try await DemandSupport.query(on: app.db).filter(\.$demand.$id == film.id!).count()
            #expect(try await Demand.find(film.id, on: app.db)?.supports == 4 && supportRows == 4)
            let html = list.body.string
            #expect(html.range(of: "希望每月放一场电影")!.lowerBound < html.range(of: "想学广场舞")!.lowerBound, "most supported first")

            let staff = try await Browser.signedIn(app, as: "chengguan")
            let queue = try await staff.get(SiteURL.demands(.staffIndex).path)
            let other = try await Browser.signedIn(app, as: "micun").post(SiteURL.demands(.staffAnswer(.id(film.id!))).path, [("decision", "decline"), ("reason-\(film.id!.uuidString)", "不行")])
            let noLink = try await staff.post(SiteURL.demands(.staffAnswer(.id(film.id!))).path, [("decision", "adopt")])
            let stillOpen = try await Demand.find(film.id, on: app.db)?.status == .open
            let activity = try await Activity.mock(f.chengguanStation, title: "东关村露天电影", now: clock.now(), on: app.db)
            let adopted = try await staff.post(SiteURL.demands(.staffAnswer(.id(film.id!))).path, [("decision", "adopt"), ("activity-\(film.id!.uuidString)", activity.id!.uuidString)])
            let after = try await Browser(app).get(SiteURL.demands(.index).with([("status", "adopted")]))

            #expect(queue.body.string.contains("希望每月放一场电影") && !queue.body.string.contains("想学广场舞"))
            #expect(other.status == .forbidden)
            #expect(noLink.status == .seeOther && stillOpen)
            #expect(adopted.status == .seeOther && after.body.string.contains("东关村露天电影") && after.body.string.contains("已采纳"))
            let late = try await Browser.signedIn(app, as: "13800000001").post(SiteURL.demands(.support(.id(film.id!))).path, [])
            #expect(late.status == .seeOther)
            #expect(try await Demand.find(film.id, on: app.db)?.supports == 4)
        }
    }
}
