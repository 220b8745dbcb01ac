import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct ComplaintTests {
    @Test func fullWorkflowWithHistoryDeadlineAndOneReopen() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            var citizen = try await Browser.signedIn(app, as: "13800000001")
            var staff = try await Browser.signedIn(app, as: "chengguan")
            let other = try await Browser.signedIn(app, as: "micun")

            let form = try await citizen.get(SiteURL.feedback(.complaintNew).with([("venue", f.chengguanStation.id!.uuidString)]))
            let missing = try await citizen.post(SiteURL.feedback(.complaintNew).path, [("venue", f.chengguanStation.id!.uuidString), ("kind", "complaint"), ("contact", "online")])
            #expect(form.status == .ok && form.body.string.contains("城关镇综合文化站"))
            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("问题类别") && missing.body.string.contains("具体情况"))
            #expect(try await Complaint.query(on: app.db).count() == 0)

            let sent = try await citizen.post(SiteURL.feedback(.complaintNew).path, [("venue", f.chengguanStation.id!.uuidString), ("kind", "complaint"),
                                                                          ("category", "opening"), ("text", "周日下午四点就关门了"), ("contact", "online")])
            #expect(sent.status == .seeOther)
            let complaint = try await Complaint.query(on: app.db).first()!
            let calendar = app.settings.workingCalendar
            #expect(complaint.dueAt == calendar.deadline(after: complaint.createdAt, workingDays: 5))
            #expect(complaint.status == .submitted)

            let list = try await staff.get(SiteURL.feedback(.staffComplaints).path)
            let hidden = try await other.get(SiteURL.feedback(.staffComplaint(.id(complaint.id!))).path)
            let notMine = try await Browser.signedIn(app, as: "admin").get(SiteURL.feedback(.myComplaint(.id(complaint.id!))).path)
            let emptyAnswer = try await staff.post(SiteURL.feedback(.staffComplaintAnswer(.id(complaint.id!))).path, [("answer", "")])
            #expect(list.body.string.contains(complaint.reference) && list.body.string.contains("周日下午四点就关门了"))
            #expect(hidden.status == .notFound && notMine.status == .notFound)
            #expect(emptyAnswer.headers.first(name: .location)?.contains("error=answer") == true)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.status == .submitted)

            clock.advance(by: 3600) // sessions time out after 30 idle minutes: sign in again
            staff = try await Browser.signedIn(app, as: "chengguan")
            _ = try await staff.post(SiteURL.feedback(.staffComplaintAnswer(.id(complaint.id!))).path, [("answer", "已调整为冬季周日 17:30 闭馆，感谢监督。")])
            let answered = try await Complaint.find(complaint.id, on: app.db)!
            #expect(answered.status == .answered && answered.acceptedAt != nil && answered.responseTime == 3600)

            clock.advance(by: 86_400)
            citizen = try await Browser.signedIn(app, as: "13800000001")
            staff = try await Browser.signedIn(app, as: "chengguan")
            let noReason = try await citizen.post(SiteURL.feedback(.myComplaintReopen(.id(complaint.id!))).path, [("reason", "")])
            let reopened = try await citizen.post(SiteURL.feedback(.myComplaintReopen(.id(complaint.id!))).path, [("reason", "公示牌还没改")])
            #expect(noReason.headers.first(name: .location)?.contains("error=reason") == true)
            #expect(reopened.status == .seeOther)
            let afterReopen = try await Complaint.find(complaint.id, on: app.db)!
            #expect(afterReopen.status == .accepted && afterReopen.answeredAt == answered.answeredAt)

            _ = try await staff.post(SiteURL.feedback(.staffComplaintAnswer(.id(complaint.id!))).path, [("answer", "公示牌已更换。")])
            let twice = try await citizen.post(SiteURL.feedback(.myComplaintReopen(.id(complaint.id!))).path, [("reason", "还是不满意")])
            let closed = try await citizen.post(SiteURL.feedback(.myComplaintClose(.id(complaint.id!))).path, [])
            let page = try await citizen.get(SiteURL.feedback(.myComplaint(.id(complaint.id!))).path)

            #expect(twice.status == .seeOther)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.status == .closed)
            #expect(closed.status == .seeOther)
            let events = try await ComplaintEvent.query(on: app.db).filter(\.$complaint.$id == complaint.id!).sort(\.$seq).all().map(\.action)
            #expect(events == [.submitted, .accepted, .answered, .reopened, .answered, .closed])
            #expect(page.body.string.contains("公示牌已更换") && page.body.string.contains("重新打开") && page.body.string.contains("已办结"))
        }
    }

    @Test func overdueIsFlaggedAndReopenWindowCloses() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            var citizen = try await Browser.signedIn(app, as: "13800000001")
            var staff = try await Browser.signedIn(app, as: "cgstation")
            _ = try await citizen.post(SiteURL.feedback(.complaintNew).path, [("venue", f.chengguanStation.id!.uuidString), ("kind", "suggestion"),
                                                                   ("category", "facility"), ("text", "希望增加老花镜"), ("contact", "none")])
            let complaint = try await Complaint.query(on: app.db).first()!

            clock.advance(by: 10 * 86_400)
            staff = try await Browser.signedIn(app, as: "cgstation")
            let overdue = try await staff.get(SiteURL.feedback(.staffComplaints).with([("show", "overdue")]))
            _ = try await staff.post(SiteURL.feedback(.staffComplaintAnswer(.id(complaint.id!))).path, [("answer", "已采购 10 副老花镜，放在阅览室。")])
            let late = try await Complaint.find(complaint.id, on: app.db)!
            clock.advance(by: 8 * 86_400)
            citizen = try await Browser.signedIn(app, as: "13800000001")
            staff = try await Browser.signedIn(app, as: "cgstation")
            _ = try await citizen.post(SiteURL.feedback(.myComplaintReopen(.id(complaint.id!))).path, [("reason", "没看到")])
            let summary = try await staff.get(SiteURL.feedback(.staffComplaints).path)

            #expect(overdue.body.string.contains(complaint.reference) && overdue.body.string.contains("已超期"))
            #expect(late.wasAnsweredLate)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.status == .answered)
            #expect(summary.body.string.contains("0.0%（0/1）"))
        }
    }
}

@Suite struct FeedbackLimitAndPrivacyTests {
    @Test func aFloodIsStoppedWithAClearMessageAndNothingSaved() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let form: [(String, String)] = [("venue", f.library.id!.uuidString), ("kind", "suggestion"), ("category", "other"), ("text", "建议"), ("contact", "none")]
            for _ in 0..<RateLimit.feedbackPerAccount.limit { _ = try await citizen.post(SiteURL.feedback(.complaintNew).path, form) }
            let refused = try await citizen.post(SiteURL.feedback(.complaintNew).path, form)
            let rating = try await citizen.post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("score", "5")])

            #expect(refused.status == .tooManyRequests && refused.body.string.contains("操作过于频繁"))
            #expect(rating.status == .tooManyRequests && rating.body.string.contains("操作过于频繁"))
            #expect(try await Complaint.query(on: app.db).count() == RateLimit.feedbackPerAccount.limit)
            #expect(try await Rating.query(on: app.db).count() == 0)
        }
    }

    @Test func downloadIncludesFeedbackAndDeletionKeepsScoresButNotWords() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Visits.record("13800000001", at: f.library, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            _ = try await citizen.post(SiteURL.feedback(.venueRate(.id(f.library.id!))).path, [("score", "2"), ("comment", "我是张大爷，厕所太脏")])
            _ = try await citizen.post(SiteURL.feedback(.complaintNew).path, [("venue", f.library.id!.uuidString), ("kind", "complaint"), ("category", "safety"),
                                                                   ("text", "我是张大爷，厕所太脏"), ("contact", "phone")])
            let data = try await citizen.get(SiteURL.accounts(.data).path)
            let deleted = try await citizen.post(SiteURL.accounts(.delete).path, [("deletePassword", Fixtures.password), ("deleteConfirm", "1")])
            let rating = try await Rating.query(on: app.db).first()!
            let complaint = try await Complaint.query(on: app.db).first()!
            let summary = try await RatingSummary.ofVenue(f.library.id!, on: app.db)

            #expect(data.body.string.contains("\"ratings\"") && data.body.string.contains("厕所太脏") && data.body.string.contains(complaint.reference))
            #expect(deleted.status == .seeOther)
            // The score is kept as a record, but a closed account's voice no longer counts: its number
            // is free again, and a new account with it must not give the same person a second voice.
            #expect(rating.score == 2 && rating.comment.isEmpty && summary.histogram.valid == 0)
            #expect(!complaint.text.contains("张大爷") && complaint.contact == .none)
        }
    }
}
