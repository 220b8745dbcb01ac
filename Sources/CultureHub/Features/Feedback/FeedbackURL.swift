import Foundation

/// Ratings, complaints and satisfaction (R5.1–R5.5).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.feedback(.myComplaint(.id(complaint)))`.
public enum FeedbackURL: Sendable, Equatable {
    case activityRate(Ref), activityRatings(Ref), venueRate(Ref), venueRatings(Ref), satisfaction
    case complaintNew, myComplaints, myComplaint(Ref), myComplaintReopen(Ref), myComplaintClose(Ref)
    case myComplaintPhoto(Ref)
    case staffRatings, staffRatingHide(Ref), staffRatingRestore(Ref), staffComplaints, staffComplaint(Ref)
    case staffComplaintAccept(Ref), staffComplaintAnswer(Ref), staffComplaintUpheld(Ref)
    case staffComplaintClose(Ref), staffComplaintPhoto(Ref)
    case venueVisit(Ref), staffRatingPoster(Ref)

    var path: String {
        switch self {
        case .activityRate(let r): "/activities/\(r.segment)/rating"
        case .activityRatings(let r): "/activities/\(r.segment)/ratings"
        case .venueRate(let r): "/venues/\(r.segment)/rating"
        case .venueRatings(let r): "/venues/\(r.segment)/ratings"
        case .venueVisit(let r): "/venues/\(r.segment)/visit"
        case .staffRatingPoster(let r): "/staff/venues/\(r.segment)/rating-poster"
        case .satisfaction: "/satisfaction"
        case .complaintNew: "/complaints/new"
        case .myComplaints: "/account/complaints"
        case .myComplaint(let r): "/account/complaints/\(r.segment)"
        case .myComplaintReopen(let r): "/account/complaints/\(r.segment)/reopen"
        case .myComplaintClose(let r): "/account/complaints/\(r.segment)/close"
        case .myComplaintPhoto(let r): "/account/complaints/\(r.segment)/photo"
        case .staffRatings: "/staff/ratings"
        case .staffRatingHide(let r): "/staff/ratings/\(r.segment)/hide"
        case .staffRatingRestore(let r): "/staff/ratings/\(r.segment)/restore"
        case .staffComplaints: "/staff/complaints"
        case .staffComplaint(let r): "/staff/complaints/\(r.segment)"
        case .staffComplaintAccept(let r): "/staff/complaints/\(r.segment)/accept"
        case .staffComplaintAnswer(let r): "/staff/complaints/\(r.segment)/answer"
        case .staffComplaintUpheld(let r): "/staff/complaints/\(r.segment)/upheld"
        case .staffComplaintClose(let r): "/staff/complaints/\(r.segment)/close"
        case .staffComplaintPhoto(let r): "/staff/complaints/\(r.segment)/photo"
        }
    }
}
