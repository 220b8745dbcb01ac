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
    case activityRate(Ref)
    case activityRatings(Ref)
    case venueRate(Ref)
    case venueRatings(Ref)
    case satisfaction
    case demands
    case demandNew
    case demandSupport(Ref)
    case staffDemands
    case staffDemandAnswer(Ref)
    case staffActivityBooks(Ref)
    // Volunteers (R6.1)
    case volunteer, volunteerPosts, volunteerPostSignUp(Ref), volunteerMine, volunteerHours, volunteerShiftCancel(Ref), volunteerCertificate, volunteerLeaderboard
    case staffVolunteers, staffVolunteerOrgs, staffVolunteerDecide(Ref), staffVolunteerPosts, staffVolunteerPost(Ref), staffVolunteerShift(Ref, ShiftAction)
    case staffVolunteerHours, staffVolunteerPerson(Ref), staffVolunteerPersonCertificate(Ref), staffVolunteerHonours(Ref)
    // Folk art teams, original works, programmes and brands (R6.2–R6.4)
    case teams, team(Ref), staffTeams, staffTeam(Ref), staffTeamAction(Ref, TeamAction), staffTeamMemberDelete(Ref, Ref)
    case works, work(Ref), workNew, staffWorks, staffWork(Ref), staffWorkEvents(Ref), staffWorkListing(Ref)
    case campaigns, campaign(Ref), staffCampaigns, staffCampaign(Ref), staffCampaignActivities(Ref)
    // Culture staff, training and funding (R7.1–R7.3)
    // Evaluation, inspections and rectification (R8.1–R8.5)
    case evaluation(EvaluationURL)
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
    case surveys
    case survey(Ref)
    case staffSurveys
    case staffSurveyNew
    case staffSurvey(Ref)
    case staffSurveyQuestions(Ref)
    case staffSurveyQuestionDelete(Ref, Ref)
    case staffSurveyOpen(Ref)
    case staffSurveyClose(Ref)
    case staffSurveyPaper(Ref)
    case staffSurveyResults(Ref)
    case staffSurveyExportCSV(Ref)
    case staffSurveyExportXLSX(Ref)
    case complaintNew
    case myComplaints
    case myComplaint(Ref)
    case myComplaintReopen(Ref)
    case myComplaintClose(Ref)
    case myComplaintPhoto(Ref)
    case staffRatings
    case staffRatingHide(Ref)
    case staffRatingRestore(Ref)
    case staffComplaints
    case staffComplaint(Ref)
    case staffComplaintAccept(Ref)
    case staffComplaintAnswer(Ref)
    case staffComplaintUpheld(Ref)
    case staffComplaintClose(Ref)
    case staffComplaintPhoto(Ref)
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
        case .activityRate(let r): "/activities/\(r.segment)/rating"
        case .activityRatings(let r): "/activities/\(r.segment)/ratings"
        case .venueRate(let r): "/venues/\(r.segment)/rating"
        case .venueRatings(let r): "/venues/\(r.segment)/ratings"
        case .satisfaction: "/satisfaction"
        case .demands: "/demands"
        case .demandNew: "/demands/new"
        case .demandSupport(let r): "/demands/\(r.segment)/support"
        case .staffDemands: "/staff/demands"
        case .staffDemandAnswer(let r): "/staff/demands/\(r.segment)/answer"
        case .staffActivityBooks(let r): "/staff/activities/\(r.segment)/books"
        case .volunteer: "/volunteer"
        case .staffVolunteers: "/staff/volunteers"
        case .staffVolunteerOrgs: "/staff/volunteers/orgs"
        case .staffVolunteerDecide(let r): "/staff/volunteers/\(r.segment)/decide"
        case .volunteerPosts: "/volunteer/posts"
        case .volunteerPostSignUp(let r): "/volunteer/posts/\(r.segment)/signup"
        case .volunteerMine: "/volunteer/me"
        case .volunteerHours: "/volunteer/me/hours"
        case .volunteerShiftCancel(let r): "/volunteer/shifts/\(r.segment)/cancel"
        case .volunteerCertificate: "/volunteer/me/certificate"
        case .volunteerLeaderboard: "/volunteer/leaderboard"
        case .staffVolunteerPosts: "/staff/volunteers/posts"
        case .staffVolunteerPost(let r): "/staff/volunteers/posts/\(r.segment)"
        case .staffVolunteerShift(let r, let action): "/staff/volunteers/shifts/\(r.segment)/\(action.rawValue)"
        case .staffVolunteerHours: "/staff/volunteers/hours"
        case .staffVolunteerPerson(let r): "/staff/volunteers/people/\(r.segment)"
        case .staffVolunteerPersonCertificate(let r): "/staff/volunteers/people/\(r.segment)/certificate"
        case .staffVolunteerHonours(let r): "/staff/volunteers/people/\(r.segment)/honours"
        case .teams: "/teams"
        case .team(let r): "/teams/\(r.segment)"
        case .staffTeams: "/staff/teams"
        case .staffTeam(let r): "/staff/teams/\(r.segment)"
        case .staffTeamAction(let r, let action): "/staff/teams/\(r.segment)/\(action.rawValue)"
        case .staffTeamMemberDelete(let r, let m): "/staff/teams/\(r.segment)/members/\(m.segment)/delete"
        case .works: "/works"
        case .work(let r): "/works/\(r.segment)"
        case .workNew: "/works/new"
        case .staffWorks: "/staff/works"
        case .staffWork(let r): "/staff/works/\(r.segment)"
        case .staffWorkEvents(let r): "/staff/works/\(r.segment)/events"
        case .staffWorkListing(let r): "/staff/works/\(r.segment)/listing"
        case .campaigns: "/campaigns"
        case .campaign(let r): "/campaigns/\(r.segment)"
        case .staffCampaigns: "/staff/campaigns"
        case .staffCampaign(let r): "/staff/campaigns/\(r.segment)"
        case .staffCampaignActivities(let r): "/staff/campaigns/\(r.segment)/activities"
        case .evaluation(let e): e.path
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
        case .surveys: "/surveys"
        case .survey(let r): "/surveys/\(r.segment)"
        case .staffSurveys: "/staff/surveys"
        case .staffSurveyNew: "/staff/surveys/new"
        case .staffSurvey(let r): "/staff/surveys/\(r.segment)"
        case .staffSurveyQuestions(let r): "/staff/surveys/\(r.segment)/questions"
        case .staffSurveyQuestionDelete(let s, let q): "/staff/surveys/\(s.segment)/questions/\(q.segment)/delete"
        case .staffSurveyOpen(let r): "/staff/surveys/\(r.segment)/open"
        case .staffSurveyClose(let r): "/staff/surveys/\(r.segment)/close"
        case .staffSurveyPaper(let r): "/staff/surveys/\(r.segment)/paper"
        case .staffSurveyResults(let r): "/staff/surveys/\(r.segment)/results"
        case .staffSurveyExportCSV(let r): "/staff/surveys/\(r.segment)/results.csv"
        case .staffSurveyExportXLSX(let r): "/staff/surveys/\(r.segment)/results.xlsx"
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
        case .staffComplaintUpheld(let r): "/staff/complaints/\(r.segment)/upheld"
        case .staffComplaintAnswer(let r): "/staff/complaints/\(r.segment)/answer"
        case .staffComplaintClose(let r): "/staff/complaints/\(r.segment)/close"
        case .staffComplaintPhoto(let r): "/staff/complaints/\(r.segment)/photo"
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
