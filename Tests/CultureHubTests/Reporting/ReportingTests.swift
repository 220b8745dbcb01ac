import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Reporting to the culture cloud (R4.5): deadlines, filing, and the push through the job
/// table to a local receiver that the test starts. The clock starts on 2026-11-18 (Beijing).
@Suite struct ReportingTests {
    /// Starts a receiver on a free port, runs `body` with its URL, and stops it.
    static func withReceiver(_ behaviour: CloudReceiver.Behaviour = .init(), _ body: (CloudReceiver, String) async throws -> Void) async throws {
        let receiver = CloudReceiver(behaviour)
        try await withStandInServer(path: "reports", register: receiver.register(on:)) { try await body(receiver, $0) }
    }

    /// An activity in the library that ended yesterday with 40 people counted at the door.
    static func endedActivity(_ f: Fixtures, title: String = "周末豫剧折子戏专场", now: Date, on db: any Database) async throws -> Activity {
        let a = try await Activity.mock(f.library, title: title, startsIn: -30 * 3600, mode: .open, now: now, on: db)
        a.headcount = 40
        try await a.save(on: db)
        return a
    }

    static func file(_ a: Activity, app: Application, now: Date, attendance: String = "40") async throws -> ActivityReport {
        let staff = Staff(account: try await Account.query(on: app.db).filter(\.$login == "librarian").first()!, scope: .venue(id: a.$venue.id, regionPath: a.regionPath))
        return try await ReportDesk.file(a, ReportInput(attendance: attendance, online: "0", summary: "演出顺利，观众反响热烈。", excessReason: ""), photo: nil,
                                         by: staff, settings: app.settings, now: now, lang: .zh, on: app.db)
    }

    @Test func everyActivityGetsItsDeadlineByTheRule() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            // Ends 2026-11-20 evening (Beijing): due by the end of 11-23.
            let a = try await Activity.mock(f.library, startsIn: 2 * 86_400, now: clock.now(), on: app.db)
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            #expect(a.reportDueAt == time.instant(day: "2026-11-24", minute: 0))
            // Moved to the 24th: the monthly close on the 25th comes first.
            a.endsAt = time.instant(day: "2026-11-24", minute: 20 * 60)!
            a.startsAt = a.endsAt.addingTimeInterval(-7200)
            try await a.save(on: app.db)
            #expect(try await Activity.find(a.id, on: app.db)?.reportDueAt == time.instant(day: "2026-11-26", minute: 0))
        }
    }

    @Test func fileOnceWithAReasonForAHigherFigureAndOnlyInScope() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let upcoming = try await Activity.mock(f.library, title: "下周讲座", now: clock.now(), on: app.db)
            let ended = try await Self.endedActivity(f, now: clock.now(), on: app.db)
            let librarian = try await Browser.signedIn(app, as: "librarian")
            let early = try await librarian.post(SiteURL.reporting(.activityReport(.id(upcoming.id!))).path, [("attendance", "10"), ("summary", "好")])
            let page = try await librarian.get(SiteURL.reporting(.activityReport(.id(ended.id!))).path).body.string
            let noReason = try await librarian.post(SiteURL.reporting(.activityReport(.id(ended.id!))).path, [("attendance", "300"), ("online", "0"), ("summary", "很好")])
            let other = try await Browser.signedIn(app, as: "micun")
            let outside = try await other.post(SiteURL.reporting(.activityReport(.id(ended.id!))).path, [("attendance", "40"), ("summary", "很好")])
            let filed = try await librarian.post(SiteURL.reporting(.activityReport(.id(ended.id!))).path,
                                                 [("attendance", "300"), ("online", "0"), ("summary", "很好"), ("excessReason", "邻村群众自发前来，站着观看")])
            let twice = try await librarian.post(SiteURL.reporting(.activityReport(.id(ended.id!))).path, [("attendance", "40"), ("summary", "很好")])
            let report = try #require(try await ActivityReport.query(on: app.db).first())
            let jobs = try await OutboundJob.query(on: app.db).all()
            let list = try await librarian.get(SiteURL.reporting(.index).with([("show", "filed")])).body.string
            let timeliness = try await librarian.get(SiteURL.reporting(.index).with([("month", "2026-11")])).body.string

            #expect(early.status == .conflict && early.body.string.contains("活动结束后才能上报"))
            #expect(page.contains("value=\"40\"") && page.contains("扫码签到 0 人，登记到场 40 人"))
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("请说明原因"))
            #expect(outside.status == .forbidden, "a write outside the scope answers 403")
            #expect(filed.status == .seeOther && twice.status == .conflict && twice.body.string.contains("已经上报过了"))
            #expect(report.flagged && report.attendance == 300 && report.onlineAttendance == 0 && report.headcount == 40 && report.delivery == .queued)
            #expect(jobs.count == 1 && jobs[0].subjectID == report.id && jobs[0].status == .pending)
            #expect(list.contains("周末豫剧折子戏专场") && list.contains("按时上报") && list.contains("等待推送"))
            #expect(timeliness.contains("新密市图书馆") && timeliness.contains("100.0%"))
        }
    }

    @Test func aLateAndAMissingReportCountAgainstTimeliness() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let late = try await Self.endedActivity(f, title: "迟报的活动", now: clock.now(), on: app.db)
            _ = try await Self.endedActivity(f, title: "漏报的活动", now: clock.now(), on: app.db)
            clock.advance(by: 6 * 86_400)
            _ = try await Self.file(late, app: app, now: clock.now())
            let librarian = try await Browser.signedIn(app, as: "librarian")
            let missing = try await librarian.get(SiteURL.reporting(.index).with([("show", "missing")])).body.string
            let month = try await librarian.get(SiteURL.reporting(.index).with([("month", "2026-11"), ("show", "filed")])).body.string
            let workbench = try await librarian.get(SiteURL.staff.path).body.string
            app.settings.metricsPublic = true
            let metrics = try await app.sendRequest(.GET, "/metrics").body.string

            #expect(missing.contains("漏报的活动") && !missing.contains("迟报的活动"))
            #expect(month.contains("逾期上报") && month.contains("按时 0，逾期上报 1，逾期未报 1") && month.contains("0.0%"))
            #expect(workbench.contains("个活动已过上报截止时间仍未上报文旅云"))
            #expect(metrics.contains("reports_missing 1") && metrics.contains("jobs_backlog 1"))
        }
    }

    @Test func pushedOnceAndAcceptedWithAReceipt() async throws {
        try await Self.withReceiver { receiver, url in
            try await withTestApp(settings: { $0.cloudURL = url }) { app, clock in
                let f = try await Fixtures.make(on: app)
                let report = try await Self.file(try await Self.endedActivity(f, now: clock.now(), on: app.db), app: app, now: clock.now())
                let sent = try await CloudReporter.run(app, worker: "w1")
                let again = try await CloudReporter.run(app, worker: "w1")
                let fresh = try #require(try await ActivityReport.find(report.id, on: app.db))
                let page = try await Browser.signedIn(app, as: "librarian").get(SiteURL.reporting(.activityReport(.id(fresh.$activity.id))).path).body.string

                #expect(sent == 1 && again == 0)
                #expect(receiver.received.count == 1 && receiver.received[0].reportId == report.id && receiver.received[0].inPerson == 40)
                #expect(fresh.delivery == .accepted && fresh.receipt == "ZZWLY-000001" && fresh.acceptedAt != nil)
                #expect(try await OutboundJob.query(on: app.db).first()?.status == .done)
                #expect(page.contains("文旅云已接收") && page.contains("ZZWLY-000001"))
            }
        }
    }

    @Test func aFailingReceiverIsRetriedWithBackOff() async throws {
        try await Self.withReceiver(.init(failFirst: 2)) { receiver, url in
            try await withTestApp(settings: { $0.cloudURL = url }) { app, clock in
                let f = try await Fixtures.make(on: app)
                let report = try await Self.file(try await Self.endedActivity(f, now: clock.now(), on: app.db), app: app, now: clock.now())
                #expect(try await CloudReporter.run(app, worker: "w1") == 0)
                let job = try #require(try await OutboundJob.query(on: app.db).first())
                #expect(job.status == .pending && job.attempts == 1 && job.lastError.contains("503"))
                #expect(try await CloudReporter.run(app, worker: "w1") == 0, "not due again before the back-off")
                clock.advance(by: 31)
                #expect(try await CloudReporter.run(app, worker: "w1") == 0)
                clock.advance(by: 61)
                #expect(try await CloudReporter.run(app, worker: "w1") == 1)
                #expect(receiver.requests == 3 && receiver.received.count == 1)
                #expect(try await ActivityReport.find(report.id, on: app.db)?.delivery == .accepted)
            }
        }
    }

    @Test func aTimeoutThenARetryIsAnsweredWithTheFirstReceipt() async throws {
        // The receiver takes the report, then answers too late; the retry carries the same key.
        try await Self.withReceiver(.init(delay: .seconds(3))) { receiver, url in
            try await withTestApp(settings: { $0.cloudURL = url; $0.cloudTimeout = 1 }) { app, clock in
                let f = try await Fixtures.make(on: app)
                let report = try await Self.file(try await Self.endedActivity(f, now: clock.now(), on: app.db), app: app, now: clock.now())
                #expect(try await CloudReporter.run(app, worker: "w1") == 0)
                #expect(try await ActivityReport.find(report.id, on: app.db)?.delivery == .queued)
                clock.advance(by: 31)
                #expect(try await CloudReporter.run(app, worker: "w1") == 1)
                #expect(receiver.requests == 2 && receiver.received.count == 1, "answered twice, kept once")
                #expect(try await ActivityReport.find(report.id, on: app.db)?.receipt == "ZZWLY-000001")
            }
        }
    }

    @Test func aRefusedReportFailsAndCanBeSentAgain() async throws {
        try await Self.withReceiver(.init(refuse: true)) { receiver, url in
            try await withTestApp(settings: { $0.cloudURL = url }) { app, clock in
                let f = try await Fixtures.make(on: app)
                let activity = try await Self.endedActivity(f, now: clock.now(), on: app.db)
                let report = try await Self.file(activity, app: app, now: clock.now())
                _ = try await CloudReporter.run(app, worker: "w1")
                let failed = try #require(try await ActivityReport.find(report.id, on: app.db))
                let librarian = try await Browser.signedIn(app, as: "librarian")
                let list = try await librarian.get(SiteURL.reporting(.index).with([("show", "failed")])).body.string
                let resent = try await librarian.post(SiteURL.reporting(.activityReportResend(.id(activity.id!))).path, [])

                #expect(failed.delivery == .failed && receiver.received.isEmpty)
                #expect(try await OutboundJob.query(on: app.db).first()?.status == .pending)
                #expect(list.contains("推送失败") && list.contains("周末豫剧折子戏专场"))
                let requeued = try await ActivityReport.find(report.id, on: app.db)
                #expect(resent.status == .seeOther && requeued?.delivery == .queued)
            }
        }
    }

    @Test func twoWorkersSendEachReportExactlyOnce() async throws {
        try await Self.withReceiver { receiver, url in
            try await withTestApp(settings: { $0.cloudURL = url }) { app, clock in
                let f = try await Fixtures.make(on: app)
                for i in 0..<30 {
                    _ = try await Self.file(try await Self.endedActivity(f, title: "活动\(i)", now: clock.now(), on: app.db), app: app, now: clock.now())
                }
                let sent = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in ["w1", "w2"] {
                        group.addTask {
                            var total = 0
                            while true {
                                let n = try await CloudReporter.run(app, worker: worker, limit: 4)
                                if n == 0 { return total }
                                total += n
                            }
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(sent.reduce(0, +) == 30)
                #expect(receiver.requests == 30 && Set(receiver.received.map(\.key)).count == 30)
                #expect(try await ActivityReport.query(on: app.db).filter(\.$delivery == .accepted).count() == 30)
                #expect(try await OutboundJob.query(on: app.db).filter(\.$status == .done).count() == 30)
            }
        }
    }

    @Test func withoutACloudAddressReportsGoToTheOutbox() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withTestApp(settings: { $0.dataDirectory = dir }) { app, clock in
            let f = try await Fixtures.make(on: app)
            let report = try await Self.file(try await Self.endedActivity(f, now: clock.now(), on: app.db), app: app, now: clock.now())
            #expect(try await CloudReporter.run(app, worker: "w1") == 1)
            let file = try #require(FileManager.default.contents(atPath: dir + "/outbox/" + report.idempotencyKey + ".json"))
            let payload = try ReportPayload.decoder.decode(ReportPayload.self, from: file)
            #expect(payload.schema == "culturehub.activity-report/1" && payload.reportId == report.id && payload.attendance.headcount == 40)
            #expect(payload.unit.venueName == "新密市图书馆" && payload.activity.title == "周末豫剧折子戏专场")
            #expect(try await ActivityReport.find(report.id, on: app.db)?.delivery == .outbox)
        }
    }
}
