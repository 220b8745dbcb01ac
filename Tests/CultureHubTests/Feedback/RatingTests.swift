import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct RatingTests {
    /// A past activity the fixture citizen (张大爷) registered for and, if `checkedIn`, attended.
    private func attended(_ f: Fixtures, checkedIn: Bool, app: Application, now: Date) async throws -> Activity {
        let activity = try await Activity.mock(f.chengguanStation, title: "广场舞培训", startsIn: -3 * 3600, now: now, on: app.db)
        try await Visits.registration(of: "13800000001", at: activity,
                                      checkedInAt: checkedIn ? now.addingTimeInterval(-3 * 3600) : nil, now: now, on: app.db)
        return activity
    }

    @Test func attendeeRatesOnceEditsWithinSevenDaysAndThePageShowsTheDistribution() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await attended(f, checkedIn: true, app: app, now: clock.now())
            var citizen = try await Browser.signedIn(app, as: "13800000001")
            let rate = SiteURL.feedback(.activityRate(.id(activity.id!))).path

            let first = try await citizen.post(rate, [("score", "5"), ("comment", "老师教得很耐心")])
            let outOfRange = try await citizen.post(rate, [("score", "6"), ("comment", "")])
            let edited = try await citizen.post(rate, [("score", "4"), ("comment", "老师教得很耐心，场地有点小")])
            clock.advance(by: 8 * 86_400)
            citizen = try await Browser.signedIn(app, as: "13800000001")
            let late = try await citizen.post(rate, [("score", "1"), ("comment", "")])
            let page = try await Browser(app).get(SiteURL.activities(.show(.id(activity.id!))).path)

            #expect(first.status == .seeOther)
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.body.string.contains("应在 1 到 5 之间"))
            #expect(edited.status == .seeOther)
            #expect(late.status == .conflict && late.body.string.contains("7 天"))
            let saved = try await Rating.query(on: app.db).all()
            #expect(saved.count == 1 && saved[0].score == 4 && saved[0].comment.contains("场地有点小"))
            let html = page.body.string
            #expect(html.contains("平均 4.0 分") && html.contains("共 1 人评价") && html.contains("满意率 100.0%"))
            #expect(html.contains("张**") && !html.contains("张大爷"))
        }
    }

    @Test func refusalsSayWhyAndSaveNothing() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let notAttended = try await attended(f, checkedIn: false, app: app, now: clock.now())
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let staff = try await Browser.signedIn(app, as: "chengguan")

            let absent = try await citizen.post(SiteURL.feedback(.activityRate(.id(notAttended.id!))).path, [("score", "5")])
            let noScore = try await citizen.post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("comment", "很好")])
            let staffRating = try await staff.post(SiteURL.feedback(.venueRate(.id(f.chengguanStation.id!))).path, [("score", "5")])
            let anonymous = try await Browser(app).post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("score", "5")])

            #expect(absent.status == .conflict && absent.body.string.contains("签到参加过这个活动后才能评价"))
            #expect(noScore.status == .unprocessableEntity && noScore.body.string.contains("请填写此项"))
            #expect(staffRating.status == .conflict && staffRating.body.string.contains("工作人员账号不能给场馆评价"))
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location)?.hasPrefix(SiteURL.login.path) == true)
            #expect(try await Rating.query(on: app.db).count() == 0)
        }
    }

    @Test func concurrentFirstRatingsLeaveExactlyOne() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await RatingDesk.rate(.venue(f.library.id!), account: citizen, score: String(1 + i % 5), comment: "",
                                                          now: clock.now(), lang: .zh, on: app.db)
                            return true
                        } catch AppError.conflict { return false }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count == 12)
            #expect(try await Rating.query(on: app.db).count() == 1)
        }
    }

    @Test func staffHideAnAbusiveCommentTheScoreStillCountsAndOtherTownshipsCannot() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Visits.record("13800000001", at: f.chengguanStation, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            _ = try await citizen.post(SiteURL.feedback(.venueRate(.id(f.chengguanStation.id!))).path, [("score", "1"), ("comment", "骂人的话")])
            let rating = try await Rating.query(on: app.db).first()!
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let other = try await Browser.signedIn(app, as: "micun")

            let list = try await staff.get(SiteURL.feedback(.staffRatings).path)
            let noReason = try await staff.post(SiteURL.feedback(.staffRatingHide(.id(rating.id!))).path, [("reason", " ")])
            let stillVisible = try await Rating.find(rating.id, on: app.db)!.isHidden
            let refused = try await other.post(SiteURL.feedback(.staffRatingHide(.id(rating.id!))).path, [("reason", "不文明用语")])
            let hidden = try await staff.post(SiteURL.feedback(.staffRatingHide(.id(rating.id!))).path, [("reason", "不文明用语")])
            let page = try await Browser(app).get(SiteURL.venues(.show(.id(f.chengguanStation.id!))).path)
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "update").all()

            #expect(list.body.string.contains("骂人的话"))
            #expect(noReason.status == .seeOther && !stillVisible)
            #expect(refused.status == .forbidden)
            #expect(hidden.status == .seeOther)
            #expect(!page.body.string.contains("骂人的话") && page.body.string.contains("不文明用语"))
            #expect(page.body.string.contains("共 1 人评价") && page.body.string.contains("满意率 0.0%"))
            #expect(events.contains { $0.entity == "ratings" })
        }
    }

    @Test func venuePageShowsSatisfactionByMonthWithChannels() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizens = try await Citizens.make(4, on: app)
            _ = citizens
            let accounts = try await Account.query(on: app.db).filter(\.$role == .citizen).filter(\.$login != "13800000001").all()
            for (i, a) in accounts.enumerated() {
                try await Visits.record(a.login, at: f.micunStation, now: clock.now(), on: app.db)
                _ = try await RatingDesk.rate(.venue(f.micunStation.id!), account: a, score: ["5", "4", "3", "2"][i], comment: "", now: clock.now(), lang: .zh, on: app.db)
            }
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let model = try await SatisfactionPanel.load(.venue(f.micunStation.id!), year: Int(time.today.prefix(4))!, time: time, on: app.db)
            let township = try await SatisfactionPanel.load(.region(path: f.micun.path), year: Int(time.today.prefix(4))!, time: time, on: app.db)
            let elsewhere = try await SatisfactionPanel.load(.region(path: f.chengguan.path), year: Int(time.today.prefix(4))!, time: time, on: app.db)
            let all = try await SatisfactionPanel.byTownship(TownshipIndex.load(on: app.db).townships, year: Int(time.today.prefix(4))!, time: time, on: app.db)
            #expect(all[f.micun.id!] == township.total && all[f.chengguan.id!]?.rate == nil, "one grouped query agrees with the per-township count")
            let page = try await Browser(app).get(SiteURL.venues(.show(.id(f.micunStation.id!))).path)
            let cityPage = try await Browser(app).get(SiteURL.feedback(.satisfaction).path)

            #expect(model.total.rate == 0.5 && model.total.count(.onlineRating) == 4)
            #expect(model.months.count == 1 && model.months[0].month == Int(time.today.dropFirst(5).prefix(2)))
            #expect(township.total == model.total)
            #expect(elsewhere.total.rate == nil)
            #expect(page.body.string.contains("50.0%（4）"))
            #expect(cityPage.status == .ok && cityPage.body.string.contains("米村镇") && cityPage.body.string.contains("50.0%"))
        }
    }
}
