import Foundation

/// Programmes and brands (R6.4).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.campaigns(.show(.id(campaign)))`.
public enum CampaignsURL: Sendable, Equatable {
    case index, show(Ref)
    case staffIndex, staffShow(Ref), staffActivities(Ref)

    var path: String {
        switch self {
        case .index: "/campaigns"
        case .show(let r): "/campaigns/\(r.segment)"
        case .staffIndex: "/staff/campaigns"
        case .staffShow(let r): "/staff/campaigns/\(r.segment)"
        case .staffActivities(let r): "/staff/campaigns/\(r.segment)/activities"
        }
    }
}
