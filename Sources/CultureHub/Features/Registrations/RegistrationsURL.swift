import Foundation

/// A citizen's registrations, and checking people in.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.registrations(.qr(.id(registration)))`.
public enum RegistrationsURL: Sendable, Equatable {
    case index, show(Ref), qr(Ref), cancel(Ref), checkInLink(String)
    case staffCheckIn(Ref), staffCheckInCounts(Ref)

    var path: String {
        switch self {
        case .index: "/account/registrations"
        case .show(let r): "/account/registrations/\(r.segment)"
        case .qr(let r): "/account/registrations/\(r.segment)/qr.png"
        case .cancel(let r): "/account/registrations/\(r.segment)/cancel"
        case .checkInLink(let token): "/checkin/\(token)"
        case .staffCheckIn(let r): "/staff/activities/\(r.segment)/checkin"
        case .staffCheckInCounts(let r): "/staff/activities/\(r.segment)/checkin/counts"
        }
    }
}
