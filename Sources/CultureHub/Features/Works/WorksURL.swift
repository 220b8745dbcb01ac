import Foundation

/// Original works (R6.3).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.works(.staffListing(.id(work)))`.
public enum WorksURL: Sendable, Equatable {
    case index, show(Ref), new
    case staffIndex, staffShow(Ref), staffEvents(Ref), staffListing(Ref)

    var path: String {
        switch self {
        case .index: "/works"
        case .show(let r): "/works/\(r.segment)"
        case .new: "/works/new"
        case .staffIndex: "/staff/works"
        case .staffShow(let r): "/staff/works/\(r.segment)"
        case .staffEvents(let r): "/staff/works/\(r.segment)/events"
        case .staffListing(let r): "/staff/works/\(r.segment)/listing"
        }
    }
}
