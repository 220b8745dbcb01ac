import Foundation

/// Volunteers, their posts, shifts and hours (R6.1).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.volunteers(.staffShift(.id(shift), .checkin))`.
public enum VolunteersURL: Sendable, Equatable {
    case index, posts, postSignUp(Ref), mine, hours, shiftCancel(Ref), certificate, leaderboard
    case staffIndex, staffOrgs, staffDecide(Ref), staffPosts, staffPost(Ref), staffShift(Ref, ShiftAction)
    case staffHours, staffPerson(Ref), staffPersonCertificate(Ref), staffHonours(Ref)

    var path: String {
        switch self {
        case .index: "/volunteer"
        case .posts: "/volunteer/posts"
        case .postSignUp(let r): "/volunteer/posts/\(r.segment)/signup"
        case .mine: "/volunteer/me"
        case .hours: "/volunteer/me/hours"
        case .shiftCancel(let r): "/volunteer/shifts/\(r.segment)/cancel"
        case .certificate: "/volunteer/me/certificate"
        case .leaderboard: "/volunteer/leaderboard"
        case .staffIndex: "/staff/volunteers"
        case .staffOrgs: "/staff/volunteers/orgs"
        case .staffDecide(let r): "/staff/volunteers/\(r.segment)/decide"
        case .staffPosts: "/staff/volunteers/posts"
        case .staffPost(let r): "/staff/volunteers/posts/\(r.segment)"
        case .staffShift(let r, let action): "/staff/volunteers/shifts/\(r.segment)/\(action.rawValue)"
        case .staffHours: "/staff/volunteers/hours"
        case .staffPerson(let r): "/staff/volunteers/people/\(r.segment)"
        case .staffPersonCertificate(let r): "/staff/volunteers/people/\(r.segment)/certificate"
        case .staffHonours(let r): "/staff/volunteers/people/\(r.segment)/honours"
        }
    }
}

/// What staff do to one volunteer's shift, each its own POST path.
public enum ShiftAction: String, Sendable, CaseIterable {
    case checkin, checkout, confirm, decline, rate
}
