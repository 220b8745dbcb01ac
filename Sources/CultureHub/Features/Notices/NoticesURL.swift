import Foundation

/// The free-opening notice board, and the notices staff post for a venue.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.notices(.staffItem(.id(venue), .id(notice)))`.
public enum NoticesURL: Sendable, Equatable {
    case index
    case staffIndex(Ref), staffItem(Ref, Ref)

    var path: String {
        switch self {
        case .index: "/notices"
        case .staffIndex(let r): "/staff/venues/\(r.segment)/notices"
        case .staffItem(let v, let n): "/staff/venues/\(v.segment)/notices/\(n.segment)"
        }
    }
}
