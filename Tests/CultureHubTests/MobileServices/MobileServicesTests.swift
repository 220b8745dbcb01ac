import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Mobile-service coverage, villages' busy days and the tour planner (R4.3). Clock: 2026-11-18.
@Suite struct MobileServicesTests {
    @Test func coverageByTownshipRemoteVillagesFirstAndOnlyInScope() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let visit = try await Activity.mock(f.chengguanStation, title: "东关村送戏", startsIn: -5 * 86_400, mode: .open, now: clock.now(), on: app.db)
            visit.$village.id = f.chengguanVillage.id
            visit.heldInPath = f.chengguanVillage.path
            try await visit.save(on: app.db)
            let lecture = try await Activity.mock(f.micunStation, title: "站内讲座", startsIn: -5 * 86_400, now: clock.now(), on: app.db)
            _ = lecture // held in the station, not a village: it does not count

            let bureau = try await Browser.signedIn(app, as: "admin")
            let month = try await bureau.get(SiteURL.mobileServices(.index).path).body.string
            let nextYear = try await bureau.get(SiteURL.mobileServices(.index).with([("period", "year"), ("at", "2027-03-01")])).body.string
            let township = try await Browser.signedIn(app, as: "micun").get(SiteURL.mobileServices(.index).path).body.string
            let venue = try await Browser.signedIn(app, as: "librarian").get(SiteURL.mobileServices(.index).path)
            let bad = try await bureau.get(SiteURL.mobileServices(.index).with([("at", "2026-13-01")]))

            #expect(month.contains("1/2（50.0%）") && month.contains("城关镇") && month.contains("1/1（100.0%）"))
            #expect(month.contains("拐峪村") && month.contains("偏远") && !month.contains(">东关村</label>"))
            #expect(month.contains("<svg") && month.contains("为选中的村规划巡回路线"))
            #expect(nextYear.contains("2027 年") && nextYear.contains("0/2（0.0%）"))
            #expect(township.contains("拐峪村") && !township.contains("城关镇"))
            // A venue plans its tours over the villages it serves: the city library, over the city's.
            #expect(venue.status == .ok && venue.body.string.contains("拐峪村") && bad.status == .unprocessableEntity)
        }
    }

    @Test func villagesMarkBusyDaysInTheirScope() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let village = try await Browser.signedIn(app, as: "cgvillage")
            let marked = try await village.post(SiteURL.mobileServices(.villageDays).path, [("village", f.chengguanVillage.id!.uuidString), ("day", "2026-12-05"), ("reason", "庙会")])
            let twice = try await village.post(SiteURL.mobileServices(.villageDays).path, [("village", f.chengguanVillage.id!.uuidString), ("day", "2026-12-05"), ("reason", "庙会")])
            let outside = try await village.post(SiteURL.mobileServices(.villageDays).path, [("village", f.micunVillage.id!.uuidString), ("day", "2026-12-06"), ("reason", "秋收")])
            let past = try await village.post(SiteURL.mobileServices(.villageDays).path, [("village", f.chengguanVillage.id!.uuidString), ("day", "2026-11-01"), ("reason", "秋收")])
            let list = try await village.get(SiteURL.mobileServices(.villageDays).path).body.string
            let busy = try #require(try await VillageBusyDay.query(on: app.db).first())
            let otherDelete = try await Browser.signedIn(app, as: "micun").post(SiteURL.mobileServices(.villageDayDelete(.id(busy.id!))).path, [])

            #expect(marked.status == .seeOther && list.contains("2026-12-05") && list.contains("庙会"))
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("已经标记过了"))
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("管辖范围内的村"))
            #expect(past.status == .unprocessableEntity && otherDelete.status == .forbidden)
            #expect(try await VillageBusyDay.query(on: app.db).count() == 1)
        }
    }

    @Test func theTourPlanAvoidsBusyDaysKeepsTheDayLimitAndPublishesTheVisits() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            for (venue, lat, lng) in [(f.library, 34.50, 113.39), (f.chengguanVillageCentre, 34.52, 113.40), (f.micunVillageCentre, 34.40, 113.50)] {
                venue.latitude = lat; venue.longitude = lng
                try await venue.save(on: app.db)
            }
            let item = try await ServiceItem.mock(f.library, title: "流动图书车进村", on: app.db)
            _ = try await Browser.signedIn(app, as: "cgvillage").post(SiteURL.mobileServices(.villageDays).path,
                                                                      [("village", f.chengguanVillage.id!.uuidString), ("day", "2026-11-25"), ("reason", "庙会")])
            let admin = try await Browser.signedIn(app, as: "admin")
            let villages = "\(f.chengguanVillage.id!),\(f.micunVillage.id!)"
            let form = try await admin.get(SiteURL.mobileServices(.tourNew).with([("villages[]", f.chengguanVillage.id!.uuidString), ("villages[]", f.micunVillage.id!.uuidString)])).body.string
            let fields: [(String, String)] = [("item", item.id!.uuidString), ("start", "2026-11-25"), ("perDay", "1"), ("firstStart", "09:00"),
                                              ("minutes", "120"), ("audience", "80"), ("villages", villages)]
            let plan = try await admin.post(SiteURL.mobileServices(.tourPlan).path, fields)
            let html = plan.body.string
            let badStart = try await admin.post(SiteURL.mobileServices(.tourPlan).path, fields.map { $0.0 == "start" ? ("start", "2026-11-01") : $0 })

            #expect(form.contains("东关村") && form.contains("拐峪村") && form.contains("生成建议路线"))
            #expect(plan.status == .ok && html.contains("共 2 天、2 个村"))
            // One a day from the 25th; 东关村 is busy on the 25th, so 拐峪村 goes first.
            #expect(html.contains("name=\"date-\(f.micunVillage.id!.uuidString)\" value=\"2026-11-25\""))
            #expect(html.contains("name=\"date-\(f.chengguanVillage.id!.uuidString)\" value=\"2026-11-26\""))
            #expect(badStart.status == .unprocessableEntity && badStart.body.string.contains("从明天或以后开始"))

            let cg = f.chengguanVillage.id!.uuidString, mc = f.micunVillage.id!.uuidString
            let onBusyDay = try await admin.post(SiteURL.mobileServices(.tourAccept).path, fields + [("include-\(cg)", "1"), ("date-\(cg)", "2026-11-25"), ("starts-\(cg)", "09:00"),
                                                                                         ("include-\(mc)", "1"), ("date-\(mc)", "2026-11-26"), ("starts-\(mc)", "09:00")])
            #expect(onBusyDay.status == .unprocessableEntity && onBusyDay.body.string.contains("东关村 在 2026-11-25 不方便（庙会）"))
            #expect(try await Activity.query(on: app.db).filter(\.$village.$id != nil).count() == 0, "nothing saved")

            let accepted = try await admin.post(SiteURL.mobileServices(.tourAccept).path, fields + [("include-\(cg)", "1"), ("date-\(cg)", "2026-11-26"), ("starts-\(cg)", "14:00"),
                                                                                        ("include-\(mc)", "1"), ("date-\(mc)", "2026-11-25"), ("starts-\(mc)", "09:00")])
            let visits = try await Activity.query(on: app.db).filter(\.$village.$id != nil).sort(\.$startsAt).all()
            #expect(accepted.status == .seeOther)
            #expect(visits.count == 2 && visits[0].$village.id == f.micunVillage.id && visits[1].location.contains("东关村综合文化服务中心"))
            #expect(visits.allSatisfy { $0.$serviceItem.id == item.id && $0.capacity == 80 && $0.registration == .open && $0.heldInPath.hasSuffix("201/") })
            _ = clock
        }
    }
}
