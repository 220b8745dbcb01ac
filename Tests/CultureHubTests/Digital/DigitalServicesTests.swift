import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Digital services (R4.6): online and hybrid activities with their stream, attendance reported
/// apart, and venues' digital catalogues whose views count.
@Suite struct DigitalServicesTests {
    static func activityForm(_ f: Fixtures, mode: String, stream: String) -> [(String, String)] {
        [("venue", f.library.id!.uuidString), ("kind", "lecture"), ("title", "线上读书会"), ("groups[]", "everyone"), ("date", "2026-12-02"),
         ("starts", "19:30"), ("ends", "21:00"), ("registration", "open"), ("capacity", "200"), ("perAccount", "1"), ("cancelHours", "0"),
         ("mode", mode), ("streamURL", stream)]
    }

    @Test func onlineAndHybridActivitiesNeedAStreamAndShowIt() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "librarian")
            let missing = try await staff.post(SiteURL.activities(.staffNew).path, Self.activityForm(f, mode: "hybrid", stream: ""))
            let notHTTPS = try await staff.post(SiteURL.activities(.staffNew).path, Self.activityForm(f, mode: "online", stream: "ftp://x.cn/1"))
            let created = try await staff.post(SiteURL.activities(.staffNew).path, Self.activityForm(f, mode: "hybrid", stream: "https://live.example.cn/xinmi/7"))
            let activity = try #require(try await Activity.query(on: app.db).first())
            let page = try await Browser(app).get(SiteURL.activities(.show(.id(activity.id!))).path).body.string
            let digital = try await Browser(app).get(SiteURL.digital(.index).path).body.string

            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("请填写直播链接"))
            #expect(notHTTPS.status == .unprocessableEntity && notHTTPS.body.string.contains("https://"))
            #expect(created.status == .seeOther && activity.mode == .hybrid && activity.streamURL == "https://live.example.cn/xinmi/7")
            #expect(page.contains("线下 + 线上直播") && page.contains("href=\"https://live.example.cn/xinmi/7\""))
            #expect(digital.contains("即将直播") && digital.contains("线上读书会"))
        }
    }

    @Test func onlineViewersAreReportedApartAndOnlyWhereThereIsAStream() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let inPerson = try await ReportingTests.endedActivity(f, title: "线下讲座", now: clock.now(), on: app.db)
            let hybrid = try await ReportingTests.endedActivity(f, title: "线上线下读书会", now: clock.now(), on: app.db)
            hybrid.storedMode = .hybrid
            hybrid.streamURL = "https://live.example.cn/1"
            try await hybrid.save(on: app.db)
            let staff = try await Browser.signedIn(app, as: "librarian")
            let refused = try await staff.post(SiteURL.reporting(.activityReport(.id(inPerson.id!))).path, [("attendance", "40"), ("online", "300"), ("summary", "好")])
            let filed = try await staff.post(SiteURL.reporting(.activityReport(.id(hybrid.id!))).path, [("attendance", "40"), ("online", "300"), ("summary", "好")])
            let report = try #require(try await ActivityReport.query(on: app.db).first())

            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("这是线下活动"))
            #expect(filed.status == .seeOther && report.attendance == 40 && report.onlineAttendance == 300 && !report.flagged)
            #expect(try await ActivityReport.query(on: app.db).count() == 1, "one report for a hybrid activity: it counts once")
        }
    }

    @Test func theCatalogueCountsEveryOpening() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "librarian")
            let bad = try await staff.post(SiteURL.digital(.staffIndex(.id(f.library.id!))).path, [("kind", "onlineCourse"), ("title", "书法慕课"), ("url", "javascript:alert(1)")])
            let added = try await staff.post(SiteURL.digital(.staffIndex(.id(f.library.id!))).path,
                                             [("kind", "onlineCourse"), ("title", "书法慕课"), ("url", "https://mooc.example.cn/shufa"), ("active", "1")])
            let other = try await Browser.signedIn(app, as: "cgstation").post(SiteURL.digital(.staffIndex(.id(f.library.id!))).path,
                                                                               [("kind", "eReading"), ("title", "x"), ("url", "https://x.cn")])
            let resource = try #require(try await DigitalResource.query(on: app.db).first())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<25 { group.addTask { _ = try await Browser(app).get(SiteURL.digital(.open(.id(resource.id!))).path) } }
                try await group.waitForAll()
            }
            let open = try await Browser(app).get(SiteURL.digital(.open(.id(resource.id!))).path)
            let list = try await Browser(app).get(SiteURL.digital(.index).with([("kind", "onlineCourse")])).body.string
            let none = try await Browser(app).get(SiteURL.digital(.index).with([("kind", "eReading")])).body.string

            #expect(bad.status == .unprocessableEntity && added.status == .seeOther && other.status == .forbidden)
            #expect(open.status == .seeOther && open.headers.first(name: .location) == "https://mooc.example.cn/shufa")
            #expect(try await DigitalResource.find(resource.id, on: app.db)?.views == 26)
            #expect(list.contains("书法慕课") && list.contains("已浏览 26 次") && list.contains("累计浏览 26 次"))
            #expect(none.contains("没有符合条件的数字资源"))
        }
    }
}
