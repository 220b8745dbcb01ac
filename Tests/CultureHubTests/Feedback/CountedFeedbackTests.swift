import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Only real, identifiable voices move the figures townships are ranked on (issue #20 point 5):
/// a venue is rated only after a visit within a year; unconfirmed accounts' ratings and anonymous
/// survey answers are kept but not counted; paper questionnaires count as before.
@Suite struct CountedFeedbackTests {
    @Test func aVenueIsRatedOnlyAfterAVisitWithinAYear() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let path = SiteURL.feedback(.venueRate(.id(f.library.id!))).path
            let unvisited = try await citizen.post(path, [("score", "5")])
            #expect(unvisited.status == .conflict && unvisited.body.string.contains("才能评价这个场馆"))
            let token = try await Fixtures.token(for: "13800000001", on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            headers.contentType = .json
            let api = try await app.testing().sendRequest(.POST, "/api/v1/venues/\(f.library.id!)/ratings", headers: headers,
                                                          body: ByteBuffer(string: #"{"score":5}"#))
            #expect(api.status == .conflict)
            #expect(try await Rating.query(on: app.db).count() == 0)

            // A visit more than a year ago no longer counts.
            try await Visits.record("13800000001", at: f.library, now: clock.now().addingTimeInterval(-400 * 86_400), on: app.db)
            #expect(try await citizen.post(path, [("score", "5")]).status == .conflict)
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            #expect(try await citizen.post(path, [("score", "5")]).status == .seeOther)
            #expect(try await Rating.query(on: app.db).count() == 1)
        }
    }

    @Test func anUnconfirmedAccountsRatingCountsOnlyOnceItConfirms() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let fresh = Account(login: "13700000009", displayName: "新用户", passwordHash: "x", role: .citizen)
            try await fresh.create(on: app.db)
            try await Visits.record("13700000009", at: f.library, now: clock.now(), on: app.db)
            _ = try await RatingDesk.rate(.venue(f.library.id!), account: fresh, score: "1", comment: "", now: clock.now(),
                                          lang: .zh, on: app.db)
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let year = Int(time.today.prefix(4))!
            #expect(try await Rating.query(on: app.db).count() == 1, "kept")
            #expect(try await SatisfactionPanel.load(.venue(f.library.id!), year: year, time: time, on: app.db).total.total.valid == 0)
            #expect(try await RatingSummary.ofVenue(f.library.id!, on: app.db).histogram.valid == 0)

            fresh.phoneVerifiedAt = clock.now()
            try await fresh.update(on: app.db)
            #expect(try await SatisfactionPanel.load(.venue(f.library.id!), year: year, time: time, on: app.db).total.total.valid == 1)
            #expect(try await RatingSummary.ofVenue(f.library.id!, on: app.db).histogram.valid == 1)
        }
    }

    @Test func anonymousSurveyAnswersAreKeptButNotCounted() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let (admin, survey, q) = try await SurveyTests.build(app, f)
            let path = SiteURL.surveys(.show(.id(survey.id!))).path
            for _ in 0..<5 {
                let stranger = Browser(app)
                _ = try await stranger.get(path)
                _ = try await stranger.post(path, [(SurveyTests.key(q[0]), "5"), (SurveyTests.key(q[1]), "1")])
            }
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            _ = try await citizen.post(path, [(SurveyTests.key(q[0]), "2"), (SurveyTests.key(q[1]), "1")])
            #expect(try await SurveyResponse.query(on: app.db).count() == 6, "every answer is kept")
            let results = try await admin.get(SiteURL.surveys(.staffResults(.id(survey.id!))).path).body.string
            #expect(results.contains("共收回 6 份答卷") && results.contains("其中匿名线上答卷 5 份"), "shown apart")
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let result = try await SatisfactionPanel.load(.venue(f.micunStation.id!), year: Int(time.today.prefix(4))!,
                                                          time: time, on: app.db).total
            #expect(result.count(.onlineSurvey) == 1 && result.rate == 0, "only the signed-in, confirmed answer counts")

            // A scheme may count them; the bureau decides, not the unit being ranked.
            let units = try await EvaluationUnit.all(under: "/", on: app.db)
            clock.advance(by: 60)
            let later = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let month = EvaluationPeriod(type: .month, key: String(later.today.prefix(7)))!
            let plain = try await EvaluationInputs.load(units, period: month, time: later, settings: app.settings, on: app.db)
            let counting = try await EvaluationInputs.load(units, period: month, time: later, settings: app.settings,
                                                           countingAnonymousSurveys: true, on: app.db)
            #expect(plain[f.micun.id!]?.ratings == 1 && counting[f.micun.id!]?.ratings == 6)
            let legacy = #"{"periodType":"month","total":100,"items":[],"deductions":[]}"#
            #expect(try JSONDecoder().decode(Scheme.self, from: Data(legacy.utf8)).countsAnonymousSurveys == false,
                    "a scheme saved before the switch existed does not count them")
        }
    }
}

/// The front desk's daily rating code lets a walk-in reader rate; yesterday's photo does not.
@Suite struct RatingPosterTests {
    @Test func todaysPosterCodeLetsAWalkInRateAndYesterdaysDoesNot() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let librarian = try await Browser.signedIn(app, as: "librarian")
            let poster = try await librarian.get(SiteURL.feedback(.staffRatingPoster(.id(f.library.id!))).path)
            #expect(poster.status == .ok && poster.body.string.contains("<svg"))
            let code = try #require(poster.body.string.firstMatch(of: /评价码：([A-Z0-9]{8})/).map { String($0.1) })
            let outsider = try await Browser.signedIn(app, as: "micun")
            #expect(try await outsider.get(SiteURL.feedback(.staffRatingPoster(.id(f.library.id!))).path).status == .notFound)

            let visitPath = SiteURL.feedback(.venueVisit(.id(f.library.id!))).with([("code", code)])
            let visitor = try await Browser(app).get(visitPath)
            #expect(visitor.status == .seeOther && visitor.location?.hasPrefix(SiteURL.login.path) == true)

            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let rate = SiteURL.feedback(.venueRate(.id(f.library.id!))).path
            #expect(try await citizen.post(rate, [("score", "4")]).status == .conflict)
            let wrong = try await citizen.get(SiteURL.feedback(.venueVisit(.id(f.library.id!))).with([("code", "ABCDEFGH")]))
            #expect(wrong.status == .conflict && wrong.body.string.contains("二维码已经过期"))
            // Another venue's code is not this venue's.
            let other = try await citizen.get(SiteURL.feedback(.venueVisit(.id(f.chengguanStation.id!))).with([("code", code)]))
            #expect(other.status == .conflict)

            clock.advance(by: 86_400)
            let tomorrow = try await Browser.signedIn(app, as: "13800000001")
            #expect(try await tomorrow.get(visitPath).status == .conflict, "yesterday's code no longer works")
            clock.advance(by: -86_400)
            let scanned = try await citizen.get(visitPath)
            #expect(scanned.status == .seeOther)
            #expect(try await citizen.get(visitPath).status == .seeOther, "a second scan the same day is harmless")
            #expect(try await citizen.post(rate, [("score", "4")]).status == .seeOther)
        }
    }
}

/// What an outsider tried against the counted figures (issue #20 review).
@Suite struct CountedFeedbackAbuseTests {
    /// The home village is self-declared: changing it must not open venues that served it.
    @Test func aSelfDeclaredHomeVillageIsNotAVisit() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try #require(try await Account.query(on: app.db).filter(\.$login == "13800000001").first())
            let profile = CitizenProfile()
            profile.$account.id = try citizen.requireID()
            profile.homeVillageID = f.chengguanVillage.id
            profile.updatedAt = clock.now()
            try await profile.create(on: app.db)
            // The library delivered a service to that village last week.
            let now = clock.now(), item = try await ServiceItem.mock(f.library, on: app.db)
            let o = ServiceOrder()
            o.$serviceItem.id = item.id!; o.$venue.id = f.library.id!; o.venueRegionPath = f.library.regionPath
            o.$village.id = f.chengguanVillage.id!; o.regionPath = f.chengguanVillage.path; o.quantity = 1; o.periodKey = "2026"
            o.windowStart = "2026-11-01"; o.windowEnd = "2026-11-30"; o.expectedAudience = 80; o.notes = ""; o.contact = "王主任"
            o.status = .delivered; o.decisionDue = now; o.orderedAt = now.addingTimeInterval(-30 * 86_400)
            o.deliveredAt = now.addingTimeInterval(-7 * 86_400); o.reason = ""; o.proposalNote = ""; o.deliveryNote = ""
            try await o.create(on: app.db)
            #expect(!(try await VenueVisits.hasVisited(f.library.id!, account: citizen, now: clock.now(), on: app.db)))
            let rate = try await Browser.signedIn(app, as: "13800000001")
                .post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("score", "5")])
            #expect(rate.status == .conflict)
        }
    }

    /// A closed account's number is free again; its old ratings must not give the same person a
    /// second voice through a new account.
    @Test func aClosedAccountNoLongerCounts() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            _ = try await citizen.post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("score", "5")])
            #expect(try await RatingSummary.ofVenue(f.library.id!, on: app.db).histogram.valid == 1)
            _ = try await citizen.post(SiteURL.accounts(.delete).path, [("deletePassword", Fixtures.password),
                                                                       ("deleteConfirm", "1")])
            #expect(try await RatingSummary.ofVenue(f.library.id!, on: app.db).histogram.valid == 0)
            let closed = try #require(try await Account.query(on: app.db).filter(\.$isActive == false).first())
            #expect(closed.phoneVerifiedAt == nil)
        }
    }

    /// A fresh device cookie per anonymous answer does not escape the per-address limit.
    @Test func anonymousAnswersAreLimitedPerAddress() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let (_, survey, q) = try await SurveyTests.build(app, f)
            let path = SiteURL.surveys(.show(.id(survey.id!))).path
            var statuses: [HTTPStatus] = []
            for _ in 0...RateLimit.feedbackPerIP.limit {
                let stranger = Browser(app)
                _ = try await stranger.get(path)
                statuses.append(try await stranger.post(path, [(SurveyTests.key(q[0]), "5"), (SurveyTests.key(q[1]), "1")]).status)
            }
            #expect(statuses.last == .tooManyRequests)
            #expect(try await SurveyResponse.query(on: app.db).count() == RateLimit.feedbackPerIP.limit)
        }
    }
}

