import Foundation

/// The audit log (R9.1): bureau administrators only.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.audit(.export)`.
public enum AuditURL: Sendable, Equatable {
    case index, export, verify

    var path: String {
        switch self {
        case .index: "/staff/audit"
        case .export: "/staff/audit/export.csv"
        case .verify: "/staff/audit/verify"
        }
    }
}
