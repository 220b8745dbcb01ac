import Foundation

/// Activities: the public calendar and the staff's activity pages.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.activities(.staffHeadcount(.id(activity)))`.
public enum ActivitiesURL: Sendable, Equatable {
    case index, calendar, feed, show(Ref), photo(Ref), register(Ref)
    case staffIndex, staffNew, staffShow(Ref), staffCancel(Ref), staffProxy(Ref), staffHeadcount(Ref)
    case staffPhoto(Ref), staffRegistrationCancel(Ref, Ref), staffRegistrationContact(Ref, Ref)
    case staffBooks(Ref)

    var path: String {
        switch self {
        case .index: "/activities"
        case .calendar: "/activities/calendar"
        case .feed: "/activities/feed.ics"
        case .show(let r): "/activities/\(r.segment)"
        case .photo(let r): "/activities/\(r.segment)/photo"
        case .register(let r): "/activities/\(r.segment)/register"
        case .staffIndex: "/staff/activities"
        case .staffNew: "/staff/activities/new"
        case .staffShow(let r): "/staff/activities/\(r.segment)"
        case .staffCancel(let r): "/staff/activities/\(r.segment)/cancel"
        case .staffProxy(let r): "/staff/activities/\(r.segment)/proxy"
        case .staffHeadcount(let r): "/staff/activities/\(r.segment)/headcount"
        case .staffPhoto(let r): "/staff/activities/\(r.segment)/photo"
        case .staffRegistrationCancel(let a, let r): "/staff/activities/\(a.segment)/registrations/\(r.segment)/cancel"
        case .staffRegistrationContact(let a, let r): "/staff/activities/\(a.segment)/registrations/\(r.segment)/contact"
        case .staffBooks(let r): "/staff/activities/\(r.segment)/books"
        }
    }
}
