import Foundation

/// The venue network, and the books circulating through it.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.network(.staffCirculationItem(.id(batch)))`.
public enum NetworkURL: Sendable, Equatable {
    case index
    case staffCirculation, staffCirculationItem(Ref), staffCirculationReturn(Ref)

    var path: String {
        switch self {
        case .index: "/network"
        case .staffCirculation: "/staff/circulation"
        case .staffCirculationItem(let r): "/staff/circulation/\(r.segment)"
        case .staffCirculationReturn(let r): "/staff/circulation/\(r.segment)/return"
        }
    }
}
