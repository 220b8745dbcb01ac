import Foundation

/// Reporting to the culture cloud (上报, R4.5).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.reporting(.activityReport(.id(activity)))`.
public enum ReportingURL: Sendable, Equatable {
    case index, activityReport(Ref), activityReportResend(Ref)

    var path: String {
        switch self {
        case .index: "/staff/reports"
        case .activityReport(let r): "/staff/activities/\(r.segment)/report"
        case .activityReportResend(let r): "/staff/activities/\(r.segment)/report/resend"
        }
    }
}
