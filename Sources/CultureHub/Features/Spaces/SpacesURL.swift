import Foundation

/// Space pages, booking, and the staff's booking queue (R4.4).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.spaces(.book(.id(space)))`.
public enum SpacesURL: Sendable, Equatable {
    case show(Ref), book(Ref), myBookingCancel(Ref)
    case staffBookings, staffBookingApprove(Ref), staffBookingDecline(Ref)

    var path: String {
        switch self {
        case .show(let r): "/spaces/\(r.segment)"
        case .book(let r): "/spaces/\(r.segment)/book"
        case .myBookingCancel(let r): "/account/bookings/\(r.segment)/cancel"
        case .staffBookings: "/staff/bookings"
        case .staffBookingApprove(let r): "/staff/bookings/\(r.segment)/approve"
        case .staffBookingDecline(let r): "/staff/bookings/\(r.segment)/decline"
        }
    }
}
