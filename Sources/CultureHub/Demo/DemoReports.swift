import Fluent
import Foundation

/// Reports for the demo city's past activities: most filed on time and accepted by the cloud,
/// some late, a few missing, and the last days' still waiting to be pushed, so the timeliness
/// table and the workbench have something true to show.
enum DemoReports {
    static let summaries = ["活动按计划举行，群众参与积极，现场秩序良好。", "节目形式新颖，老年观众较多，结束后不少群众询问下一场时间。",
                            "邀请专业老师授课，学员认真练习，达到预期效果。", "受天气影响人数略少，活动照常完成。"]

    static func load(on db: any Database, now: Date) async throws {
        var random = SeededRandom(seed: 20_261_202)
        let ended = try await Activity.query(on: db).filter(\.$status == .published).filter(\.$endsAt <= now).sort(\.$endsAt).all()
        let checkedIn = try await Registration.query(on: db).filter(\.$checkedInAt != nil).all()
        let placesByActivity = Dictionary(grouping: checkedIn, by: { $0.$activity.id }).mapValues { $0.reduce(0) { $0 + $1.places } }
        var reports: [ActivityReport] = []
        var jobs: [OutboundJob] = []
        for activity in ended {
            guard let due = activity.reportDueAt else { continue }
            let roll = random.unit()
            let overdue = due < now
            // About one in twelve past their deadline was never filed.
            if overdue && roll < 0.08 { continue }
            let late = overdue && roll < 0.2
            let submittedAt = late ? due.addingTimeInterval(Double(random.int(1...5)) * 86_400)
                                   : min(now, activity.endsAt.addingTimeInterval(Double(random.int(2...60)) * 3600))
            guard submittedAt <= now else { continue }
            let recorded = (placesByActivity[activity.id!] ?? 0) + (activity.headcount ?? 0)
            let r = ActivityReport()
            r.id = UUID()
            r.$activity.id = activity.id!
            r.$venue.id = activity.$venue.id
            r.regionPath = activity.regionPath
            r.dueAt = due
            r.attendance = recorded
            r.onlineAttendance = 0
            r.checkedIn = placesByActivity[activity.id!] ?? 0
            r.headcount = activity.headcount
            r.summary = random.pick(summaries)
            r.excessReason = ""
            r.flagged = false
            r.submittedAt = submittedAt
            r.idempotencyKey = "report-" + r.id!.uuidString.lowercased()
            let recent = now.timeIntervalSince(submittedAt) < 2 * 86_400
            r.delivery = recent ? .queued : .accepted
            if !recent {
                r.acceptedAt = submittedAt.addingTimeInterval(Double(random.int(1...30)) * 60)
                r.receipt = String(format: "ZZWLY-%06d", reports.count + 1)
            }
            let job = OutboundJob(kind: JobQueue.reportKind, subjectID: r.id!, key: r.idempotencyKey, now: submittedAt)
            if !recent {
                job.status = .done
                job.attempts = 1
                job.finishedAt = r.acceptedAt
            }
            reports.append(r)
            jobs.append(job)
        }
        // One report that claims more people than were recorded, as evaluators should see.
        if let padded = reports.first(where: { $0.attendance > 0 && $0.delivery == .accepted }) {
            padded.attendance = padded.attendance * 3
            padded.flagged = true
            padded.excessReason = "周边村民未扫码直接入场，按现场估算"
        }
        let (allReports, allJobs) = (reports, jobs)
        try await db.writeTransaction { tx in
            for chunk in stride(from: 0, to: allReports.count, by: 200) {
                try await Array(allReports[chunk..<min(chunk + 200, allReports.count)]).create(on: tx)
                try await Array(allJobs[chunk..<min(chunk + 200, allJobs.count)]).create(on: tx)
            }
        }
    }
}
