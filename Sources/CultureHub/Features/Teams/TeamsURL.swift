import Foundation

/// Folk art teams (R6.2).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.teams(.staffAction(.id(team), .members))`.
public enum TeamsURL: Sendable, Equatable {
    case index, show(Ref)
    case staffIndex, staffShow(Ref), staffAction(Ref, TeamAction), staffMemberDelete(Ref, Ref)

    var path: String {
        switch self {
        case .index: "/teams"
        case .show(let r): "/teams/\(r.segment)"
        case .staffIndex: "/staff/teams"
        case .staffShow(let r): "/staff/teams/\(r.segment)"
        case .staffAction(let r, let action): "/staff/teams/\(r.segment)/\(action.rawValue)"
        case .staffMemberDelete(let r, let m): "/staff/teams/\(r.segment)/members/\(m.segment)/delete"
        }
    }
}

/// What staff record on a team's page, each its own POST path.
public enum TeamAction: String, Sendable, CaseIterable {
    case registration, members, activities, guidance
}
