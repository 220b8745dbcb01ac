import Foundation

/// The staff's region pages.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.regions(.show(.id(region)))`.
public enum RegionsURL: Sendable, Equatable {
    case index, new, show(Ref)

    var path: String {
        switch self {
        case .index: "/staff/regions"
        case .new: "/staff/regions/new"
        case .show(let r): "/staff/regions/\(r.segment)"
        }
    }
}
