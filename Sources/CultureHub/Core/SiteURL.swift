import Foundation
import Vapor

/// Either a concrete record (for links) or the route parameter (for routes.swift).
public enum Ref: Sendable, Equatable {
    case id(UUID)
    case param(String)

    var segment: String {
        switch self {
        case .id(let id): id.uuidString.lowercased()
        case .param(let name): ":" + name
        }
    }
}

/// Every path of the site, for routes and for links, so a renamed page cannot leave a
/// dead link behind (the SwiftPackageIndex-Server pattern, DESIGN §8). Each feature keeps
/// its own paths in a nested enum (issue #19); only what belongs to no one feature is here.
public enum SiteURL: Sendable, Equatable {
    case home, healthz, login, loginSecondFactor, logout, register, registerCode, registerConfirm
    case preference(String), staff
    // One page drawn from every venue's registry, and the photos uploaded by every feature.
    case coverage, staffUpload(String)
    case activities(ActivitiesURL), registrations(RegistrationsURL), spaces(SpacesURL), menu(MenuURL)
    case venues(VenuesURL), notices(NoticesURL), network(NetworkURL), digital(DigitalURL)
    case feedback(FeedbackURL), demands(DemandsURL), orders(OrdersURL), reporting(ReportingURL)
    case mobileServices(MobileServicesURL), volunteers(VolunteersURL), teams(TeamsURL), works(WorksURL)
    case campaigns(CampaignsURL), surveys(SurveysURL), workforce(WorkforceURL), evaluation(EvaluationURL)
    case accounts(AccountsURL), regions(RegionsURL), audit(AuditURL)

    public var path: String {
        switch self {
        case .home: "/"
        case .healthz: "/healthz"
        case .login: "/login"
        case .loginSecondFactor: "/login/verify"
        case .logout: "/logout"
        case .register: "/register"
        case .registerCode: "/register/code"
        case .registerConfirm: "/register/confirm"
        case .preference(let name): "/prefs/\(name)"
        case .staff: "/staff"
        case .coverage: "/coverage"
        case .staffUpload(let name): "/staff/uploads/\(name)"
        case .activities(let u): u.path
        case .registrations(let u): u.path
        case .spaces(let u): u.path
        case .menu(let u): u.path
        case .venues(let u): u.path
        case .notices(let u): u.path
        case .network(let u): u.path
        case .digital(let u): u.path
        case .feedback(let u): u.path
        case .demands(let u): u.path
        case .orders(let u): u.path
        case .reporting(let u): u.path
        case .mobileServices(let u): u.path
        case .volunteers(let u): u.path
        case .teams(let u): u.path
        case .works(let u): u.path
        case .campaigns(let u): u.path
        case .surveys(let u): u.path
        case .workforce(let u): u.path
        case .evaluation(let e): e.path
        case .accounts(let u): u.path
        case .regions(let u): u.path
        case .audit(let u): u.path
        }
    }
}
