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
/// dead link behind (the SwiftPackageIndex-Server pattern, DESIGN §8).
public enum SiteURL: Sendable, Equatable {
    case home
    case coverage
    case login
    case loginSecondFactor
    case logout
    case register
    case preference(String)
    case staff
    case healthz
    case staffActivityBooks(Ref)
    // Volunteers (R6.1)
    // Folk art teams, original works, programmes and brands (R6.2–R6.4)
    // Culture staff, training and funding (R7.1–R7.3)
    // Evaluation, inspections and rectification (R8.1–R8.5)
    case evaluation(EvaluationURL)
    case teams(TeamsURL)
    case works(WorksURL)
    case campaigns(CampaignsURL)
    case volunteers(VolunteersURL)
    case surveys(SurveysURL)
    case demands(DemandsURL)
    case feedback(FeedbackURL)
    case accounts(AccountsURL)
    case audit(AuditURL)
    case regions(RegionsURL)
    case workforce(WorkforceURL)
    case reporting(ReportingURL)
    case mobileServices(MobileServicesURL)
    case orders(OrdersURL)
    case venues(VenuesURL)
    case notices(NoticesURL)
    case menu(MenuURL)
    case digital(DigitalURL)
    case network(NetworkURL)
    case spaces(SpacesURL)
    case activities
    case activityCalendar
    case activityFeed
    case activity(Ref)
    case activityPhoto(Ref)
    case activityRegister(Ref)
    case myRegistrations
    case myRegistration(Ref)
    case myRegistrationQR(Ref)
    case myRegistrationCancel(Ref)
    case checkInLink(String)
    case staffActivities
    case staffActivityNew
    case staffActivity(Ref)
    case staffActivityCancel(Ref)
    case staffActivityProxy(Ref)
    case staffActivityHeadcount(Ref)
    case staffActivityPhoto(Ref)
    case staffActivityRegistrationCancel(Ref, Ref)
    case staffActivityRegistrationContact(Ref, Ref)
    case staffCheckIn(Ref)
    case staffCheckInCounts(Ref)
    case staffUpload(String)

    public var path: String {
        switch self {
        case .home: "/"
        case .coverage: "/coverage"
        case .login: "/login"
        case .logout: "/logout"
        case .register: "/register"
        case .preference(let name): "/prefs/\(name)"
        case .staff: "/staff"
        case .loginSecondFactor: "/login/verify"
        case .healthz: "/healthz"
        case .staffActivityBooks(let r): "/staff/activities/\(r.segment)/books"
        case .evaluation(let e): e.path
        case .teams(let u): u.path
        case .works(let u): u.path
        case .campaigns(let u): u.path
        case .volunteers(let u): u.path
        case .surveys(let u): u.path
        case .demands(let u): u.path
        case .feedback(let u): u.path
        case .accounts(let u): u.path
        case .audit(let u): u.path
        case .regions(let u): u.path
        case .workforce(let u): u.path
        case .reporting(let u): u.path
        case .mobileServices(let u): u.path
        case .orders(let u): u.path
        case .venues(let u): u.path
        case .notices(let u): u.path
        case .menu(let u): u.path
        case .digital(let u): u.path
        case .network(let u): u.path
        case .spaces(let u): u.path
        case .activities: "/activities"
        case .activityCalendar: "/activities/calendar"
        case .activityFeed: "/activities/feed.ics"
        case .activity(let r): "/activities/\(r.segment)"
        case .activityPhoto(let r): "/activities/\(r.segment)/photo"
        case .activityRegister(let r): "/activities/\(r.segment)/register"
        case .myRegistrations: "/account/registrations"
        case .myRegistration(let r): "/account/registrations/\(r.segment)"
        case .myRegistrationQR(let r): "/account/registrations/\(r.segment)/qr.png"
        case .myRegistrationCancel(let r): "/account/registrations/\(r.segment)/cancel"
        case .checkInLink(let token): "/checkin/\(token)"
        case .staffActivities: "/staff/activities"
        case .staffActivityNew: "/staff/activities/new"
        case .staffActivity(let r): "/staff/activities/\(r.segment)"
        case .staffActivityCancel(let r): "/staff/activities/\(r.segment)/cancel"
        case .staffActivityProxy(let r): "/staff/activities/\(r.segment)/proxy"
        case .staffActivityHeadcount(let r): "/staff/activities/\(r.segment)/headcount"
        case .staffActivityPhoto(let r): "/staff/activities/\(r.segment)/photo"
        case .staffActivityRegistrationCancel(let a, let r): "/staff/activities/\(a.segment)/registrations/\(r.segment)/cancel"
        case .staffActivityRegistrationContact(let a, let r): "/staff/activities/\(a.segment)/registrations/\(r.segment)/contact"
        case .staffCheckIn(let r): "/staff/activities/\(r.segment)/checkin"
        case .staffCheckInCounts(let r): "/staff/activities/\(r.segment)/checkin/counts"
        case .staffUpload(let name): "/staff/uploads/\(name)"
        }
    }
}
