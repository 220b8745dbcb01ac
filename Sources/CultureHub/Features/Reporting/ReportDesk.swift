import Fluent
import Foundation
import Vapor

/// What staff type when they file a report.
struct ReportInput: Content, Equatable {
    var attendance: String?
    var online: String?
    var summary: String?
    var excessReason: String?
}

/// Filing an activity's report (R4.5): the figures the platform recorded are offered first; a
/// higher figure needs a reason and is flagged for evaluators. Filing queues the push in the
/// same transaction, so a report is never filed without being sent, nor sent twice.
enum ReportDesk {
    static let maxSummary = 1000

    /// What the platform itself knows about attendance.
    struct Recorded: Equatable {
        let checkedIn: Int
        let headcount: Int?
        var inPerson: Int { checkedIn + (headcount ?? 0) }
    }

    static func recorded(_ activity: Activity, on db: any Database) async throws -> Recorded {
        let counts = try await CheckInDesk.counts(activity, on: db)
        return Recorded(checkedIn: counts.checkedInPlaces, headcount: activity.headcount)
    }

    static func file(_ activity: Activity, _ input: ReportInput, photo: File?, by staff: Staff, settings: Settings, now: Date, lang: Lang,
                     on db: any Database) async throws -> ActivityReport {
        try staff.scope.authorize(activity)
        try staff.require(.editRegistry)
        guard activity.status == .published else {
            throw AppError.conflict(zh: "活动已取消，不需要上报。", en: "The activity was cancelled; there is nothing to report.")
        }
        guard activity.hasEnded(at: now) else {
            throw AppError.conflict(zh: "活动结束后才能上报。", en: "Report once the activity has ended.")
        }
        let recorded = try await recorded(activity, on: db)
        var check = FormCheck(lang)
        let attendance = check.int("attendance", input.attendance, min: 0, max: 1_000_000)
        let online = check.int("online", input.online, required: false, min: 0, max: 10_000_000) ?? 0
        let summary = check.text("summary", input.summary, max: maxSummary)
        let reason = check.text("excessReason", input.excessReason, required: false, max: 300)
        if activity.mode == .inPerson && online > 0 {
            check.fail("online", "这是线下活动，没有线上观看人数；如果有直播，请先在活动信息中把参与形式改为“线下 + 线上直播”。",
                       "This is an in-person activity; to report online viewers, first set it to in person and online.")
        }
        if activity.mode == .online, let attendance, attendance > 0 {
            check.fail("attendance", "这是线上活动，现场人数应为 0，观看人数请填在“线上观看人数”。", "This is an online activity: in-person attendance is 0; report viewers as online.")
        }
        let excessive = attendance.map { $0 > activity.capacity || $0 > recorded.inPerson } ?? false
        if excessive && reason.isEmpty {
            check.fail("excessReason", "上报人数超过了活动容量（\(activity.capacity) 人）或平台记录的到场人数（\(recorded.inPerson) 人），请说明原因；这份报告会标记出来供考核核查。",
                       "The figure is above the capacity (\(activity.capacity)) or the recorded attendance (\(recorded.inPerson)); give the reason. The report will be flagged for evaluators.")
        }
        var stored: String?
        if let photo, photo.data.readableBytes > 0 {
            do { stored = try Uploads.storeImage(photo, in: settings.dataDirectory, lang: lang) } catch AppError.invalid(let errors) {
                for (k, v) in errors { check.fail(k, v, v) }
            }
        }
        try check.throwIfInvalid()

        let report = ActivityReport()
        report.$activity.id = try activity.requireID()
        report.$venue.id = activity.$venue.id
        report.regionPath = activity.regionPath
        report.dueAt = activity.reportDueAt ?? ReportDeadline.due(endsAt: activity.endsAt, rule: settings.reportingRule, timeZone: settings.displayTimeZone)
        report.attendance = attendance!
        report.onlineAttendance = online
        report.checkedIn = recorded.checkedIn
        report.headcount = recorded.headcount
        report.summary = summary
        report.photoPath = stored
        report.excessReason = excessive ? reason : ""
        report.flagged = excessive
        report.submittedBy = staff.account.id
        report.submittedAt = now
        report.idempotencyKey = "report-" + UUID().uuidString.lowercased()
        report.delivery = .queued
        do {
            try await db.writeTransaction { tx in
                try await report.create(on: tx)
                try await OutboundJob(kind: JobQueue.reportKind, subjectID: report.requireID(), key: report.idempotencyKey, now: now).create(on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(zh: "这个活动已经上报过了。", en: "This activity has already been reported.")
        }
        return report
    }

    /// Puts a report whose retries ran out back in the queue.
    static func resend(_ report: ActivityReport, now: Date, on db: any Database) async throws {
        guard report.delivery == .failed else {
            throw AppError.conflict(zh: "只有推送失败的报告可以重新推送。", en: "Only a report that failed to send can be sent again.")
        }
        try await db.writeTransaction { tx in
            report.delivery = .queued
            try await report.update(on: tx)
            try await OutboundJob.query(on: tx).filter(\.$kind == JobQueue.reportKind).filter(\.$subjectID == report.requireID())
                .set(\.$status, to: .pending).set(\.$attempts, to: 0).set(\.$nextAttemptAt, to: now).update()
        }
    }
}
