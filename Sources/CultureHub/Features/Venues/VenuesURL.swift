import Foundation

/// Venue pages, and what staff keep under a venue: its hours, spaces and special resources.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.venues(.staffSpace(.id(venue), .id(space)))`.
public enum VenuesURL: Sendable, Equatable {
    case index, show(Ref)
    case staffIndex, staffNew, staffShow(Ref), staffHours(Ref), staffSpaces(Ref), staffSpace(Ref, Ref)
    case staffSpaceHours(Ref, Ref), staffSpaceDelete(Ref, Ref), staffResources(Ref), staffResource(Ref, Ref)
    case staffResourceDelete(Ref, Ref)

    var path: String {
        switch self {
        case .index: "/venues"
        case .show(let r): "/venues/\(r.segment)"
        case .staffIndex: "/staff/venues"
        case .staffNew: "/staff/venues/new"
        case .staffShow(let r): "/staff/venues/\(r.segment)"
        case .staffHours(let r): "/staff/venues/\(r.segment)/hours"
        case .staffSpaces(let r): "/staff/venues/\(r.segment)/spaces"
        case .staffSpace(let v, let s): "/staff/venues/\(v.segment)/spaces/\(s.segment)"
        case .staffSpaceHours(let v, let s): "/staff/venues/\(v.segment)/spaces/\(s.segment)/hours"
        case .staffSpaceDelete(let v, let s): "/staff/venues/\(v.segment)/spaces/\(s.segment)/delete"
        case .staffResources(let r): "/staff/venues/\(r.segment)/resources"
        case .staffResource(let v, let s): "/staff/venues/\(v.segment)/resources/\(s.segment)"
        case .staffResourceDelete(let v, let s): "/staff/venues/\(v.segment)/resources/\(s.segment)/delete"
        }
    }
}
