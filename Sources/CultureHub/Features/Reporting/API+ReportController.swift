import Fluent
import Foundation
import KPIMetrics
import Vapor

struct ReportDTO: Content {
    let id: UUID
    let activityId: UUID
    let venueId: UUID
    let dueAt: Date
    let submittedAt: Date
    let timeliness: String
    let attendance: Int
    let onlineAttendance: Int
    let checkedIn: Int
    let headcount: Int?
    let summary: String
    let flagged: Bool
    let excessReason: String
    let delivery: String
    let receipt: String?
    let acceptedAt: Date?
}

struct DueReportDTO: Content {
    let activityId: UUID
    let title: String
    let venueId: UUID
    let endsAt: Date
    let dueAt: Date?
    let state: String
}

/// Activity reports in `/api/v1` (R4.5): what is due or missing, what was filed, and filing one.
enum APIReportController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let state = req.query[String.self, at: "state"] ?? "filed"
        switch state {
        case "due", "missing":
            let query = staff.scope.filter(Activity.query(on: req.db)).filter(\.$status == .published).filter(\.$endsAt <= req.now)
                .join(ActivityReport.self, on: \Activity.$id == \ActivityReport.$activity.$id, method: .left)
                .filter(.sql(unsafeRaw: "activity_reports.id IS NULL"))
            if state == "due" { query.filter(\.$reportDueAt >= req.now) } else { query.filter(\.$reportDueAt < req.now) }
            return try await query.sort(\.$reportDueAt).sort(\.$id).paginate(req.apiPage()).dto {
                DueReportDTO(activityId: $0.id!, title: $0.title, venueId: $0.$venue.id, endsAt: $0.endsAt, dueAt: $0.reportDueAt, state: state == "due" ? "notDue" : "missing")
            }.encodeResponse(for: req)
        case "filed", "failed":
            let query = staff.scope.filter(ActivityReport.query(on: req.db))
            if state == "failed" { query.filter(\.$delivery == .failed) }
            return try await query.sort(\.$submittedAt, .descending).sort(\.$id).paginate(req.apiPage()).dto(dto).encodeResponse(for: req)
        default:
            throw AppError.invalid(["state": req.lang.t("可选值：due、missing、filed、failed。", "One of due, missing, filed, failed.")])
        }
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let staff = try req.staff()
        let activity = try await req.scopedRecord(Activity.self, toWrite: .runEvents)
        struct Body: Decodable { var attendance: Int?; var onlineAttendance: Int?; var summary: String?; var excessReason: String? }
        let b = try req.json(Body.self)
        let input = ReportInput(attendance: b.attendance.map(String.init), online: b.onlineAttendance.map(String.init), summary: b.summary, excessReason: b.excessReason)
        let report = try await ReportDesk.file(activity, input, photo: nil, by: staff, settings: req.settings, now: req.now, lang: req.lang, on: req.db)
        return try await created(dto(report), for: req)
    }

    static func dto(_ r: ActivityReport) -> ReportDTO {
        ReportDTO(id: r.id!, activityId: r.$activity.id, venueId: r.$venue.id, dueAt: r.dueAt, submittedAt: r.submittedAt,
                  timeliness: r.isLate ? ReportState.late.rawValue : ReportState.onTime.rawValue, attendance: r.attendance, onlineAttendance: r.onlineAttendance,
                  checkedIn: r.checkedIn, headcount: r.headcount, summary: r.summary, flagged: r.flagged, excessReason: r.excessReason,
                  delivery: r.delivery.rawValue, receipt: r.receipt, acceptedAt: r.acceptedAt)
    }
}
