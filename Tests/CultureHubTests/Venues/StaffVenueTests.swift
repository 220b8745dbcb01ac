import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Keeping the registry from the staff pages: what a township manager does in a working day.
@Suite struct StaffVenueTests {
    @Test func townshipManagerRegistersAVillageAndItsCentre() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")

            // A village must extend the township's code and sit under a region in scope.
            try await browser.get(SiteURL.regions(.new).path)
            let outside = try await browser.post(SiteURL.regions(.new).path, [
                ("parent", f.micun.id!.uuidString), ("code", "410183101230"), ("name", "越界村"), ("kind", "village"), ("population", "900"),
            ])
            #expect(outside.status == .unprocessableEntity)
            #expect(outside.body.string.contains("不在您的管辖范围内"))
            let created = try await browser.post(SiteURL.regions(.new).path, [
                ("parent", f.chengguan.id!.uuidString), ("code", "410183100230"), ("name", "新建村"), ("kind", "village"),
                ("population", "1800"), ("remote", "1"),
            ])
            #expect(created.status == .seeOther)
            let village = try #require(try await Region.query(on: app.db).filter(\.$code == "410183100230").first())
            #expect(village.path == f.chengguan.path + "410183100230/")
            #expect(village.isRemote && !village.isPoor)

            // Its culture centre, with accessibility facilities.
            try await browser.get(SiteURL.venues(.staffNew).path)
            let venue = try await browser.post(SiteURL.venues(.staffNew).path, [
                ("name", "新建村综合文化服务中心"), ("type", "villageCentre"), ("region", village.id!.uuidString),
                ("networkRole", "servicePoint"), ("parentVenue", f.chengguanStation.id!.uuidString), ("status", "operating"),
                ("address", "新密市城关镇新建村"), ("latitude", "34.51"), ("longitude", "113.40"),
                ("facilities[]", "ramp"), ("facilities[]", "accessibleToilet"),
            ])
            #expect(venue.status == .seeOther)
            let stored = try #require(try await Venue.query(on: app.db).filter(\.$name == "新建村综合文化服务中心").first())
            #expect(venue.location == SiteURL.venues(.staffHours(.id(stored.id!))).path, "next step: opening hours")
            #expect(stored.regionPath == village.path)
            #expect(stored.facilities == [.ramp, .accessibleToilet])
            #expect(try await browser.get(venue.location!).body.string.contains("下一步请填写开放时间"))

            // The public directory finds it by facility.
            let directory = try await Browser(app).get(SiteURL.venues(.index).with([("facility", "accessibleToilet"), ("q", "新建村")])).body.string
            #expect(directory.contains("新建村综合文化服务中心"))
        }
    }

    @Test func aVillageCentreMustBeInAVillage() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.venues(.staffNew).path)
            let response = try await browser.post(SiteURL.venues(.staffNew).path, [
                ("name", "错位中心"), ("type", "villageCentre"), ("region", f.chengguan.id!.uuidString),
                ("networkRole", "servicePoint"), ("status", "operating"), ("address", "城关镇"),
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains("村级文化服务中心应设在村（社区）"))
            #expect(try await Venue.query(on: app.db).filter(\.$name == "错位中心").count() == 0)
        }
    }

    @Test func publishedNoticeReachesThePublicBoard() async throws {
        try await withTestApp(clock: ManualClock(ISO8601DateFormatter().date(from: "2026-03-10T02:00:00Z")!)) { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "cgstation")
            let url = SiteURL.notices(.staffIndex(.id(f.chengguanStation.id!))).path
            let form = try await browser.get(url).body.string
            #expect(form.contains("value=\"2026-03-10\""), "starts today by default")
            let published = try await browser.post(url, [
                ("title", "城关镇综合文化站2026年免费开放公示"), ("freeItems", "图书阅览、培训教室、文化广场"),
                ("content", "全部免费"), ("hoursText", "周一至周六 8:30–17:30"), ("validFrom", "2026-01-01"), ("validUntil", "2026-12-31"),
            ])
            #expect(published.status == .seeOther)
            let board = try await Browser(app).get(SiteURL.notices(.index).with([("show", "current")])).body.string
            #expect(board.contains("图书阅览、培训教室、文化广场"))
            let venuePage = try await Browser(app).get(SiteURL.venues(.show(.id(f.chengguanStation.id!))).path).body.string
            #expect(venuePage.contains("城关镇综合文化站2026年免费开放公示"))
            #expect(venuePage.contains("2026-01-01 至 2026-12-31"))

            // The venue manager's dashboard no longer lists it as missing; the library still is not theirs.
            let dashboard = try await browser.get(SiteURL.staff.path).body.string
            #expect(!dashboard.contains("个场馆缺少现行免费开放公示"))
            #expect(!dashboard.contains("30天内到期"))
            #expect(try await browser.get(SiteURL.notices(.staffIndex(.id(f.library.id!))).path).status == .notFound)
        }
    }

    @Test func noticesRunningOutSoonAreOnTheWorkbench() async throws {
        try await withTestApp(clock: ManualClock(ISO8601DateFormatter().date(from: "2026-12-10T02:00:00Z")!)) { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            _ = try await browser.post(SiteURL.notices(.staffIndex(.id(f.chengguanStation.id!))).path, [
                ("title", "2026年公示"), ("freeItems", "阅览"), ("content", "免费"), ("hoursText", "每天"),
                ("validFrom", "2026-01-01"), ("validUntil", "2026-12-31"),
            ])
            let dashboard = try await browser.get(SiteURL.staff.path).body.string
            #expect(dashboard.contains("个场馆的公示将在30天内到期"))
            let list = try await browser.get(SiteURL.venues(.staffIndex).with([("notice", "expiring")])).body.string
            #expect(list.contains("城关镇综合文化站"))
            #expect(!list.contains("东关村综合文化服务中心"))
        }
    }

    @Test func specialGroupResourcesAreKeptAndShown() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "librarian")
            let url = SiteURL.venues(.staffResources(.id(f.library.id!))).path
            try await browser.get(url)
            #expect(try await browser.post(url, [("kind", "brailleCollection"), ("quantity", "1260"), ("note", "一楼视障阅览室")]).status == .seeOther)
            let bad = try await browser.post(url, [("kind", "comics"), ("quantity", "abc")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("请填写整数"))
            let resource = try #require(try await SpecialResource.query(on: app.db).first())
            #expect(try await browser.post(SiteURL.venues(.staffResource(.id(f.library.id!), .id(resource.id!))).path,
                                          [("kind", "brailleCollection"), ("quantity", "1300"), ("note", "一楼视障阅览室")]).status == .seeOther)
            let page = try await Browser(app).get(SiteURL.venues(.show(.id(f.library.id!))).path).body.string
            #expect(page.contains("盲文图书") && page.contains("1300"))
            #expect(try await browser.post(SiteURL.venues(.staffResourceDelete(.id(f.library.id!), .id(resource.id!))).path, []).status == .seeOther)
            #expect(try await SpecialResource.query(on: app.db).count() == 0)
        }
    }

    @Test func directoryPaginatesAndKeepsFilters() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            for n in 1...25 {
                _ = try await Fixtures.venue("城关书屋\(n)号", .cityBookRoom, .branch, f.chengguan, [.ramp], on: app.db)
            }
            let first = try await Browser(app).get(SiteURL.venues(.index).with([("facility", "ramp")])).body.string
            #expect(first.contains("找到 28 个场馆"))
            #expect(first.contains("第 1/2 页"))
            #expect(first.contains("href=\"/venues?facility=ramp&amp;page=2\""))
            let second = try await Browser(app).get("/venues?facility=ramp&page=2").body.string
            #expect(second.contains("第 2/2 页"))
            #expect(second.matches(of: #/<article class="card">/#).count == 8)
        }
    }
}
