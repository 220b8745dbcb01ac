import Foundation

/// Mobile services, tour planning and villages' busy days (R4.3).
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.mobileServices(.programme(.id(programme)))`.
public enum MobileServicesURL: Sendable, Equatable {
    case index, tourNew, tourPlan, tourAccept, villageDays, villageDayDelete(Ref), programmes, programme(Ref)

    var path: String {
        switch self {
        case .index: "/staff/mobile"
        case .tourNew: "/staff/tours/new"
        case .tourPlan: "/staff/tours/plan"
        case .tourAccept: "/staff/tours/accept"
        case .villageDays: "/staff/village-days"
        case .villageDayDelete(let r): "/staff/village-days/\(r.segment)/delete"
        case .programmes: "/staff/programmes"
        case .programme(let r): "/staff/programmes/\(r.segment)"
        }
    }
}
