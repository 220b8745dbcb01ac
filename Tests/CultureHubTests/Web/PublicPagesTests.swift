import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct PublicPagesTests {
    @Test func directoryFiltersByFacilityAndTownship() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = Browser(app)
            let html = try await browser.get(SiteURL.venues(.index).with([("facility", "ramp"), ("township", f.chengguan.id!.uuidString)])).body.string
            #expect(html.contains("城关镇综合文化站"))
            #expect(!html.contains("米村镇综合文化站"), "other township")
            #expect(!html.contains("东关村综合文化服务中心"), "no ramp")
            #expect(html.contains("找到 1 个场馆"))

            let none = try await browser.get(SiteURL.venues(.index).with([("facility", "hearingLoop")])).body.string
            #expect(none.contains("没有符合条件的场馆"))
            let bad = try await browser.get(SiteURL.venues(.index).with([("type", "castle")])).body.string
            #expect(bad.contains("不认识的取值"))
        }
    }

    @Test func openNowUsesTheDisplayTimeZone() async throws {
        // 2026-11-23 is a Monday; 02:00 UTC is 10:00 in Xinmi.
        let clock = ManualClock(ISO8601DateFormatter().date(from: "2026-11-23T02:00:00Z")!)
        try await withTestApp(clock: clock) { app, _ in
            let f = try await Fixtures.make(on: app)
            try await OpeningHours(venueID: f.chengguanStation.id!, weekday: 1, opensAt: 9 * 60, closesAt: 17 * 60).create(on: app.db)
            try await OpeningHours(venueID: f.micunStation.id!, weekday: 1, opensAt: 15 * 60, closesAt: 21 * 60).create(on: app.db)
            let html = try await Browser(app).get(SiteURL.venues(.index).with([("open", "1")])).body.string
            #expect(html.contains("城关镇综合文化站"))
            #expect(!html.contains("米村镇综合文化站"))
            #expect(html.contains("开放中"))
        }
    }

    @Test func venuePageShowsHoursAccessibilityNoticeAndNetwork() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            f.chengguanStation.$parentVenue.id = f.library.id
            f.chengguanStation.latitude = 34.515
            f.chengguanStation.longitude = 113.395
            try await f.chengguanStation.save(on: app.db)
            try await OpeningHours(venueID: f.chengguanStation.id!, weekday: 2, opensAt: 510, closesAt: 1050).create(on: app.db)
            let html = try await Browser(app).get(SiteURL.venues(.show(.id(f.chengguanStation.id!))).path).body.string
            #expect(html.contains("<h1 id=\"page-title\">城关镇综合文化站</h1>"))
            #expect(html.contains("08:30–17:30"))
            #expect(html.contains("无障碍坡道") && html.contains("无障碍卫生间"))
            #expect(html.contains("没有有效的免费开放公示"))
            #expect(html.contains("新密市图书馆"), "parent venue")
            #expect(html.contains("uri.amap.com/marker?position=113.395000,34.515000"))
            #expect(html.contains("多功能活动厅"))
        }
    }

    @Test func noticeBoardFlagsVenuesWithoutACurrentNotice() async throws {
        try await withTestApp(clock: ManualClock(ISO8601DateFormatter().date(from: "2026-06-01T02:00:00Z")!)) { app, _ in
            let f = try await Fixtures.make(on: app)
            let notice = FreeOpeningNotice()
            notice.$venue.id = f.library.id!
            notice.regionPath = f.library.regionPath
            notice.title = "新密市图书馆2026年免费开放公示"
            notice.freeItems = "图书借阅、电子阅览"
            notice.content = "免费"
            notice.hoursText = "周二至周日"
            notice.validFrom = "2026-01-01"
            notice.validUntil = "2026-12-31"
            try await notice.create(on: app.db)
            let html = try await Browser(app).get(SiteURL.notices(.index).path).body.string
            #expect(html.contains("共 5 个场馆"))
            #expect(html.contains("4 个缺少现行公示"))
            #expect(html.contains("图书借阅、电子阅览"))
            let missing = try await Browser(app).get(SiteURL.notices(.index).with([("show", "missing")])).body.string
            #expect(!missing.contains("图书借阅、电子阅览"))
            #expect(missing.contains("无现行公示"))
        }
    }

    @Test func coverageShowsTableAndAccessibleChart() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let empty = Region(id: UUID(), code: "410183100202", name: "西关村", kind: .village, parent: f.chengguan, population: 1000)
            try await empty.create(on: app.db)
            let html = try await Browser(app).get(SiteURL.coverage.path).body.string
            #expect(html.contains("<svg"))
            #expect(html.contains("role=\"img\""))
            #expect(html.contains("<title id=\"coverage-chart-t\">"))
            #expect(html.contains("50.0%"), "城关镇: one of two villages")
            #expect(html.contains("100.0%"), "米村镇")
            #expect(html.contains("西关村"), "uncovered village listed")
            #expect(html.contains("66.7%"), "city: two of three")
        }
    }

    @Test func networkTreeNestsBranchesAndServicePoints() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            f.chengguanStation.$parentVenue.id = f.library.id
            try await f.chengguanStation.save(on: app.db)
            f.chengguanVillageCentre.$parentVenue.id = f.chengguanStation.id
            try await f.chengguanVillageCentre.save(on: app.db)
            let page = try await Browser(app).get(SiteURL.network(.index).path).body.string
            let library = try #require(page.range(of: "新密市图书馆"))
            let station = try #require(page.range(of: "城关镇综合文化站"))
            let village = try #require(page.range(of: "东关村综合文化服务中心"))
            #expect(library.lowerBound < station.lowerBound && station.lowerBound < village.lowerBound)
            #expect(page.contains("分馆 1 个，服务点 1 个"))
        }
    }

    @Test func languageSwitchAndLargeTypeAreRemembered() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let zh = try await browser.get("/").body.string
            #expect(zh.contains("<html lang=\"zh-CN\">"))
            #expect(zh.contains("跳到主要内容"))
            let switched = try await browser.get(SiteURL.preference("lang").with([("value", "en"), ("next", "/venues")]))
            #expect(switched.status == .seeOther)
            #expect(switched.location == "/venues")
            let en = try await browser.get("/venues").body.string
            #expect(en.contains("<html lang=\"en\">"))
            #expect(en.contains("Find a venue"))
            _ = try await browser.get(SiteURL.preference("large").with([("value", "1"), ("next", "//evil.example")]))
            let large = try await browser.get("/").body.string
            #expect(large.contains("<body class=\"large-type\">"))
            #expect(try await browser.get(SiteURL.preference("lang").with([("value", "fr")])).status == .notFound)

            let english = Browser(app)
            english.acceptLanguage = "en-GB,en;q=0.8"
            #expect(try await english.get("/").body.string.contains("lang=\"en\""))
        }
    }

    @Test func userTextIsEscapedInTextAndAttributes() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            f.chengguanStation.name = #"<script>alert("x")</script> & '站'"#
            try await f.chengguanStation.save(on: app.db)
            let browser = Browser(app)
            let page = try await browser.get(SiteURL.venues(.show(.id(f.chengguanStation.id!))).path).body.string
            #expect(!page.contains("<script>alert"))
            #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;站&#39;"))
            _ = try await browser.login("chengguan")
            let form = try await browser.get(SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path).body.string
            #expect(form.contains(#"value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;站&#39;""#))
            let search = try await Browser(app).get(SiteURL.venues(.index).with([("q", #""><img src=x onerror=alert(1)>"#)])).body.string
            #expect(!search.contains("<img src=x"))
        }
    }

    @Test func everyFormControlHasALabel() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "admin")
            let pages = ["/", SiteURL.venues(.index).path, SiteURL.register.path, SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path,
                         SiteURL.venues(.staffHours(.id(f.chengguanStation.id!))).path, SiteURL.regions(.new).path, SiteURL.accounts(.staffNew).path]
            for path in pages {
                let html = try await browser.get(path).body.string
                let ids = html.matches(of: #/<(?:input|select|textarea) [^>]*id="([^"]+)"/#).map { String($0.1) }
                for id in ids {
                    #expect(html.contains("for=\"\(id)\""), "\(path): control \(id) has a label")
                }
                #expect(html.contains("<main id=\"main\""), "\(path): main landmark")
            }
        }
    }
}
