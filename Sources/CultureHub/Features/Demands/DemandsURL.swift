import Foundation

/// Citizens' demands and the staff's answers (R3.4).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.demands(.support(.id(demand)))`.
public enum DemandsURL: Sendable, Equatable {
    case index, new, support(Ref)
    case staffIndex, staffAnswer(Ref)

    var path: String {
        switch self {
        case .index: "/demands"
        case .new: "/demands/new"
        case .support(let r): "/demands/\(r.segment)/support"
        case .staffIndex: "/staff/demands"
        case .staffAnswer(let r): "/staff/demands/\(r.segment)/answer"
        }
    }
}
