import Foundation

/// Culture staff, training and funding (R7.1–R7.3).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.workforce(.course(.id(course)))`.
public enum WorkforceURL: Sendable, Equatable {
    case people, peopleGaps, personEnd(Ref), training, trainingCompliance, course(Ref), courseAttendance(Ref)
    case funding, fundingBudgets, fundingSpend, fundingCSV, fundingXLSX

    var path: String {
        switch self {
        case .people: "/staff/people"
        case .peopleGaps: "/staff/people/gaps"
        case .personEnd(let r): "/staff/people/\(r.segment)/end"
        case .training: "/staff/training"
        case .trainingCompliance: "/staff/training/compliance"
        case .course(let r): "/staff/training/\(r.segment)"
        case .courseAttendance(let r): "/staff/training/\(r.segment)/attendance"
        case .funding: "/staff/funding"
        case .fundingBudgets: "/staff/funding/budgets"
        case .fundingSpend: "/staff/funding/spending"
        case .fundingCSV: "/staff/funding/export.csv"
        case .fundingXLSX: "/staff/funding/export.xlsx"
        }
    }
}
