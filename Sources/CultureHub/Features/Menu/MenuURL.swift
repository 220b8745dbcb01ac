import Foundation

/// The service menu, and the items staff offer at a venue (R3.1).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.menu(.staffIndex(.id(venue)))`.
public enum MenuURL: Sendable, Equatable {
    case index
    case staffIndex(Ref), staffItem(Ref, Ref), staffItemDelete(Ref, Ref)

    var path: String {
        switch self {
        case .index: "/menu"
        case .staffIndex(let r): "/staff/venues/\(r.segment)/menu"
        case .staffItem(let v, let i): "/staff/venues/\(v.segment)/menu/\(i.segment)"
        case .staffItemDelete(let v, let i): "/staff/venues/\(v.segment)/menu/\(i.segment)/delete"
        }
    }
}
