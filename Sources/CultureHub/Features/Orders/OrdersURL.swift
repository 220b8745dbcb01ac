import Foundation

/// Village orders (点单, R3.3) and the village's rating of a delivered order.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.orders(.staffStep(.id(order), .accept))`.
public enum OrdersURL: Sendable, Equatable {
    case rating(Ref)
    case staffIndex, staffNew, staffShow(Ref), staffStep(Ref, OrderStep), staffContact(Ref)

    var path: String {
        switch self {
        case .staffIndex: "/staff/orders"
        case .staffNew: "/staff/orders/new"
        case .staffShow(let r): "/staff/orders/\(r.segment)"
        case .staffStep(let r, let step): "/staff/orders/\(r.segment)/\(step.rawValue)"
        case .staffContact(let r): "/staff/orders/\(r.segment)/contact"
        case .rating(let r): "/orders/\(r.segment)/rating"
        }
    }
}
