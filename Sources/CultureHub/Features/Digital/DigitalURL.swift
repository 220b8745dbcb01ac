import Foundation

/// Digital resources: the public list, and each venue's items (R4.6).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.digital(.open(.id(item)))`.
public enum DigitalURL: Sendable, Equatable {
    case index, open(Ref)
    case staffIndex(Ref), staffItem(Ref, Ref), staffItemDelete(Ref, Ref)

    var path: String {
        switch self {
        case .index: "/digital"
        case .open(let r): "/digital/\(r.segment)/open"
        case .staffIndex(let r): "/staff/venues/\(r.segment)/digital"
        case .staffItem(let v, let i): "/staff/venues/\(v.segment)/digital/\(i.segment)"
        case .staffItemDelete(let v, let i): "/staff/venues/\(v.segment)/digital/\(i.segment)/delete"
        }
    }
}
