import Fluent
import Foundation
import Vapor
@testable import CultureHub
import Scheduling
import Workforce

/// Where a record of the access matrix lives: one of the fixture city's venues.
enum Home: String, CaseIterable, Sendable {
    case library, cgStation, mcStation, cgCentre, mcCentre
}

/// How a record is scoped, restated by the test (not read from the app's code), so the matrix
/// checks the app's rule against an independent statement of it (DESIGN §3 rule 4).
enum Placement {
    /// Held by a venue: the venue's staff and the regions above it.
    case held(Home)
    /// Placed in a region with no venue (a demand, a village's busy day, the region itself).
    case place(String)
    /// A region-only record (team, work, campaign, course) under a path.
    case regionOnly(String)
    /// A village order: the ordering village and the serving venue.
    case order(village: String, venue: Home)
    /// A circulation batch: sender and receiver.
    case circulation(from: Home, to: Home)
    /// A citizen's own record.
    case own
    /// An evaluation run: its state decides who reads it; a unit's figures also lie at the unit's
    /// place (a township's, or the library's as a city venue).
    case run(published: Bool, unit: Home?)
    /// A city-wide record or desk with no place (an evaluation scheme, the integrity flags).
    case cityWide

    /// Told apart in a failure report, since a run is tried both published and as a draft.
    var variant: String {
        if case .run(let published, _) = self { return published ? " (published)" : " (draft)" }
        return ""
    }
}

/// The kinds of record an id-bearing route names.
enum RecordKind: String, Sendable {
    case none, venue, space, spaceOnly, resource, notice, noticeOnly, menuItem, digital, digitalOnly, activity, activityRegistration
    case booking, rating, complaint, demand, order, programme, circulation, busyDay, volunteerApplication, volunteerPost, volunteerShift
    case team, teamMember, work, campaign, staffMember, course, survey, surveyQuestion, region
    case ownRegistration, ownBooking, ownComplaint, ownShift
    case inspection, rectification, plan, measure
    case activityPhoto, upload, complaintPhoto, ownComplaintPhoto, ownToken, staffAccount, volunteer
    case run, runUnit, scheme, evaluationTable
}

/// A record made for one request: what goes in the route's parameters, and where it lives.
struct MadeRecord {
    let params: [String: String]
    let placement: Placement
}

/// The fixture city plus what the matrix needs: the citizen who owns records and a second one.
struct AccessWorld {
    let app: Application
    let f: Fixtures
    let owner: Account
    let now: Date

    static func make(_ app: Application, now: Date, fixtures: Fixtures? = nil) async throws -> AccessWorld {
        let f: Fixtures
        if let fixtures { f = fixtures } else { f = try await Fixtures.make(on: app) }
        let owner = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
        let other = Account(login: "13800000002", displayName: "李大姐", passwordHash: try await app.password.async.hash(Fixtures.password), role: .citizen)
        try await other.create(on: app.db)
        return AccessWorld(app: app, f: f, owner: owner, now: now)
    }

    var db: any Database { app.db }

    func venue(_ home: Home) -> Venue {
        switch home {
        case .library: f.library
        case .cgStation: f.chengguanStation
        case .mcStation: f.micunStation
        case .cgCentre: f.chengguanVillageCentre
        case .mcCentre: f.micunVillageCentre
        }
    }

    /// The village a record "of" a home belongs to when it needs a village.
    func village(_ home: Home) -> Region {
        switch home {
        case .mcStation, .mcCentre: f.micunVillage
        case .library, .cgStation, .cgCentre: f.chengguanVillage
        }
    }

    func region(_ home: Home) -> Region {
        switch home {
        case .library: f.city
        case .cgStation: f.chengguan
        case .mcStation: f.micun
        case .cgCentre: f.chengguanVillage
        case .mcCentre: f.micunVillage
        }
    }

    /// Another venue to circulate to or from.
    func partner(_ home: Home) -> Home { home == .cgCentre ? .cgStation : .cgCentre }

    func make(_ kind: RecordKind, at home: Home) async throws -> MadeRecord {
        let v = venue(home)
        let vid = v.id!.uuidString
        switch kind {
        case .none: return MadeRecord(params: [:], placement: .held(home))
        case .activityPhoto, .upload, .complaintPhoto, .ownComplaintPhoto, .ownToken, .staffAccount, .volunteer,
             .run, .runUnit, .scheme, .evaluationTable:
            return try await makeSpecial(kind, at: home)
        case .venue: return MadeRecord(params: ["id": vid], placement: .held(home))
        case .region: return MadeRecord(params: ["id": region(home).id!.uuidString], placement: .place(region(home).path))
        case .space, .spaceOnly:
            let s = try await Fixtures.space(v, on: db)
            return MadeRecord(params: kind == .space ? ["id": vid, "space": s.id!.uuidString] : ["id": s.id!.uuidString], placement: .held(home))
        case .resource:
            let r = SpecialResource()
            r.$venue.id = v.id!; r.regionPath = v.regionPath; r.kind = .largePrint; r.quantity = 20; r.note = ""
            try await r.create(on: db)
            return MadeRecord(params: ["id": vid, "item": r.id!.uuidString], placement: .held(home))
        case .notice, .noticeOnly:
            let n = FreeOpeningNotice()
            n.$venue.id = v.id!; n.regionPath = v.regionPath; n.title = "免费开放公示"; n.freeItems = "阅览"; n.content = "免费"
            n.hoursText = "9:00-17:00"; n.validFrom = "2026-01-01"
            try await n.create(on: db)
            return MadeRecord(params: kind == .notice ? ["id": vid, "item": n.id!.uuidString] : ["id": n.id!.uuidString], placement: .held(home))
        case .menuItem:
            let item = try await ServiceItem.mock(v, on: db)
            return MadeRecord(params: ["id": vid, "item": item.id!.uuidString], placement: .held(home))
        case .digital, .digitalOnly:
            let d = DigitalResource()
            d.$venue.id = v.id!; d.regionPath = v.regionPath; d.kind = .onlineCourse; d.title = "太极拳入门"; d.details = ""
            d.url = "https://example.org/course"; d.views = 0; d.active = true; d.createdAt = now
            try await d.create(on: db)
            return MadeRecord(params: kind == .digital ? ["id": vid, "item": d.id!.uuidString] : ["id": d.id!.uuidString], placement: .held(home))
        case .activity:
            let a = try await Activity.mock(v, now: now, on: db)
            return MadeRecord(params: ["id": a.id!.uuidString], placement: .held(home))
        case .activityRegistration:
            let a = try await Activity.mock(v, now: now, on: db)
            let r = try await registration(a)
            return MadeRecord(params: ["id": a.id!.uuidString, "registration": r.id!.uuidString], placement: .held(home))
        case .ownRegistration:
            let a = try await Activity.mock(v, now: now, on: db)
            return MadeRecord(params: ["id": try await registration(a).id!.uuidString], placement: .own)
        case .booking, .ownBooking:
            let b = try await booking(v)
            return MadeRecord(params: ["id": b.id!.uuidString], placement: kind == .booking ? .held(home) : .own)
        case .rating:
            let a = try await Activity.mock(v, startsIn: -86_400, now: now, on: db)
            let r = Rating()
            r.targetKey = RatingTarget.activity(a.id!).key; r.$account.id = owner.id!; r.$activity.id = a.id; r.$venue.id = v.id!
            r.regionPath = v.regionPath; r.score = 5; r.comment = "很好"; r.createdAt = now; r.updatedAt = now
            try await r.create(on: db)
            return MadeRecord(params: ["id": r.id!.uuidString], placement: .held(home))
        case .complaint, .ownComplaint:
            let c = Complaint()
            c.$account.id = owner.id; c.kind = .complaint; c.category = .service; c.$venue.id = v.id!; c.regionPath = v.regionPath
            c.text = "开放时间没有按公示执行"; c.contact = .online; c.status = kind == .ownComplaint ? .answered : .submitted; c.answer = kind == .ownComplaint ? "已整改" : ""
            c.dueAt = now.addingTimeInterval(5 * 86_400); c.answeredAt = kind == .ownComplaint ? now : nil; c.createdAt = now
            try await c.create(on: db)
            return MadeRecord(params: ["id": c.id!.uuidString], placement: kind == .complaint ? .held(home) : .own)
        case .demand:
            let village = village(home)
            let d = Demand()
            d.$account.id = owner.id; d.kind = .performance; d.details = "想看豫剧"; d.$village.id = village.id!; d.regionPath = village.path
            d.status = .open; d.supports = 0; d.answer = ""; d.createdAt = now
            try await d.create(on: db)
            return MadeRecord(params: ["id": d.id!.uuidString], placement: .place(village.path))
        case .order:
            let village = village(home)
            let item = try await ServiceItem.mock(v, on: db)
            let o = ServiceOrder()
            o.$serviceItem.id = item.id!; o.$venue.id = v.id!; o.venueRegionPath = v.regionPath; o.$village.id = village.id!
            o.regionPath = village.path; o.quantity = 1; o.periodKey = "2026"; o.windowStart = "2026-12-20"; o.windowEnd = "2026-12-30"
            o.expectedAudience = 80; o.notes = ""; o.contact = "王主任"; o.status = .pending; o.decisionDue = now.addingTimeInterval(3 * 86_400)
            o.orderedAt = now; o.reason = ""; o.proposalNote = ""; o.deliveryNote = ""
            try await o.create(on: db)
            return MadeRecord(params: ["id": o.id!.uuidString], placement: .order(village: village.path, venue: home))
        case .programme:
            let p = Programme()
            p.$venue.id = v.id!; p.regionPath = v.regionPath; p.year = 2026; p.title = "送戏下乡"; p.provider = "新密市豫剧团"
            p.budgetFen = 100_000; p.showsPlanned = 10; p.showsAssigned = 0; p.notes = ""; p.createdAt = now
            try await p.create(on: db)
            return MadeRecord(params: ["id": p.id!.uuidString], placement: .held(home))
        case .circulation:
            let to = venue(partner(home))
            let c = Circulation()
            c.$fromVenue.id = v.id!; c.fromRegionPath = v.regionPath; c.$toVenue.id = to.id!; c.regionPath = to.regionPath
            c.kind = .bookBatch; c.details = "图书 200 册"; c.quantity = 200; c.sentOn = "2026-11-01"; c.dueBack = "2027-02-01"
            c.returnNote = ""; c.createdAt = now
            try await c.create(on: db)
            return MadeRecord(params: ["id": c.id!.uuidString], placement: .circulation(from: home, to: partner(home)))
        case .busyDay:
            let village = village(home)
            let d = VillageBusyDay()
            d.$village.id = village.id!; d.regionPath = village.path; d.day = LocalDay.string(number: (LocalDay.number("2027-01-01") ?? 0) + (try await VillageBusyDay.query(on: db).count())); d.reason = "庙会"; d.createdAt = now
            try await d.create(on: db)
            return MadeRecord(params: ["id": d.id!.uuidString], placement: .place(village.path))
        case .volunteerApplication:
            let org = try await volunteerOrg(v)
            let a = VolunteerApplication()
            a.$org.id = org.id!; a.$account.id = owner.id!; a.regionPath = v.regionPath; a.skillCodes = ""; a.availability = "周末"
            a.areas = ""; a.status = .pending; a.reason = ""; a.createdAt = now
            try await a.create(on: db)
            // An application to an organisation based at the venue: the venue's to decide.
            return MadeRecord(params: ["id": a.id!.uuidString], placement: .held(home))
        case .volunteerPost:
            let post = try await volunteerPost(v)
            return MadeRecord(params: ["id": post.id!.uuidString], placement: .held(home))
        case .volunteerShift, .ownShift:
            let post = try await volunteerPost(v)
            let s = VolunteerShift()
            s.$account.id = owner.id!; s.$org.id = post.$org.id; s.$venue.id = v.id!; s.regionPath = v.regionPath; s.$post.id = post.id
            s.startsAt = post.startsAt; s.endsAt = post.endsAt; s.cancelled = false; s.hoursState = .none; s.minutes = 0; s.note = ""
            s.decisionReason = ""; s.ratingNote = ""; s.createdAt = now
            try await s.create(on: db)
            return MadeRecord(params: ["id": s.id!.uuidString], placement: kind == .volunteerShift ? .held(home) : .own)
        case .team, .teamMember:
            let t = try await team(at: region(home))
            var params = ["id": t.id!.uuidString]
            if kind == .teamMember {
                let m = FolkTeamMember()
                m.$team.id = t.id!; m.name = "李桂英"; m.part = "青衣"; m.createdAt = now
                try await m.create(on: db)
                params["member"] = m.id!.uuidString
            }
            return MadeRecord(params: params, placement: .regionOnly(t.regionPath))
        case .work:
            let w = CreativeWork()
            w.title = "新密新韵"; w.kind = .song; w.creators = "张三"; w.regionPath = region(home).path; w.createdOn = "2026-05-01"
            w.mediaLinks = ""; w.details = ""; w.listed = true; w.createdAt = now
            try await w.create(on: db)
            return MadeRecord(params: ["id": w.id!.uuidString], placement: .regionOnly(w.regionPath))
        case .campaign:
            let c = Campaign()
            c.kind = .brand; c.name = "书香\(UUID().uuidString.prefix(6))"; c.sponsor = ""; c.startsOn = "2026-01-01"; c.benefits = ""; c.details = ""
            c.regionPath = region(home).path; c.createdAt = now
            try await c.create(on: db)
            return MadeRecord(params: ["id": c.id!.uuidString], placement: .regionOnly(c.regionPath))
        case .staffMember:
            let m = StaffMember()
            m.name = "王芳"; m.phone = ""; m.$venue.id = v.id!; m.regionPath = v.regionPath; m.tier = UnitTier(v.type); m.postType = .partTime
            m.position = "管理员"; m.startsOn = "2025-01-01"; m.subsidyFen = 0; m.createdAt = now
            try await m.create(on: db)
            return MadeRecord(params: ["id": m.id!.uuidString], placement: .held(home))
        case .course:
            let c = TrainingCourse()
            c.title = "基层文化骨干培训"; c.provider = "市文化馆"; c.kind = .centralised; c.level = .county; c.startsOn = "2026-10-10"
            c.endsOn = "2026-10-12"; c.dayHalves = 6; c.regionPath = region(home).path; c.createdAt = now
            try await c.create(on: db)
            return MadeRecord(params: ["id": c.id!.uuidString], placement: .regionOnly(c.regionPath))
        case .inspection:
            let (i, _) = try await inspection(v)
            return MadeRecord(params: ["id": i.id!.uuidString], placement: .held(home))
        case .rectification:
            let (_, t) = try await inspection(v)
            return MadeRecord(params: ["id": t.id!.uuidString, "action": "respond"], placement: .held(home))
        case .plan, .measure:
            let (p, m, placement) = try await plan(home)
            return MadeRecord(params: ["id": (kind == .plan ? p.id! : m.id!).uuidString], placement: placement)
        case .survey, .surveyQuestion:
            let s = Survey()
            s.titleZh = "满意度调查"; s.titleEn = "Satisfaction"; s.introZh = ""; s.introEn = ""; s.targetKind = .venue; s.$venue.id = v.id
            s.regionPath = v.regionPath; s.status = .open; s.thirdParty = false; s.openedAt = now; s.createdAt = now
            try await s.create(on: db)
            var params = ["id": s.id!.uuidString]
            if kind == .surveyQuestion {
                let q = SurveyQuestion()
                q.$survey.id = s.id!; q.position = 1; q.kind = .scale; q.textZh = "总体满意度"; q.textEn = "Overall"; q.required = true
                q.optionsJSON = "[]"; q.forSatisfaction = true
                try await q.create(on: db)
                params["question"] = q.id!.uuidString
            }
            return MadeRecord(params: params, placement: .held(home))
        }
    }

    /// An inspection of the venue with one failed item and its open rectification task.
    private func inspection(_ v: Venue) async throws -> (Inspection, RectificationTask) {
        let i = Inspection()
        i.$venue.id = v.id!; i.regionPath = v.regionPath; i.inspectedOn = "2026-11-20"; i.inspector = "市局暗访组"; i.unannounced = true
        i.summary = "开放时间不符"; i.createdAt = now
        try await i.create(on: db)
        let item = InspectionItem()
        item.$inspection.id = i.id!; item.item = .openingAsPosted; item.passed = false; item.note = "未按公示时间开门"
        try await item.create(on: db)
        let t = RectificationTask()
        t.$inspection.id = i.id!; t.$item.id = item.id!; t.$venue.id = v.id!; t.regionPath = v.regionPath; t.finding = item.note
        t.deadline = "2026-12-20"; t.status = .open; t.response = ""; t.reopenReason = ""; t.createdAt = now
        try await t.create(on: db)
        return (i, t)
    }

    /// A township's plan (a city venue's when the home is the library) with one measure.
    private func plan(_ home: Home) async throws -> (ImprovementPlan, ImprovementMeasure, Placement) {
        let v = venue(home)
        let township = home == .mcStation || home == .mcCentre ? f.micun : f.chengguan
        let p = ImprovementPlan()
        if home == .library {
            p.unitKind = .venue; p.unitID = v.id!; p.unitName = v.name; p.regionPath = v.regionPath
        } else {
            p.unitKind = .township; p.unitID = township.id!; p.unitName = township.name; p.regionPath = township.path
        }
        p.year = 2026 + (try await ImprovementPlan.query(on: db).count()); p.summary = "提升服务效能"; p.createdAt = now
        try await p.create(on: db)
        let m = ImprovementMeasure()
        m.$plan.id = p.id!; m.regionPath = p.regionPath; m.measure = "延长开放时间"; m.owner = "站长"; m.deadline = "2026-12-31"
        m.indicatorCodes = ""; m.progress = 10; m.progressNote = ""; m.updatedAt = now
        try await m.create(on: db)
        return (p, m, home == .library ? .held(home) : .place(township.path))
    }

    private func registration(_ a: Activity) async throws -> Registration {
        let r = Registration()
        r.$activity.id = a.id!; r.regionPath = a.regionPath; r.$account.id = owner.id; r.name = "张大爷"; r.phone = "13800000001"
        r.places = 1; r.status = .confirmed; r.createdAt = now
        try await r.create(on: db)
        a.confirmedPlaces += 1
        try await a.update(on: db)
        return r
    }

    private func booking(_ v: Venue) async throws -> SpaceBooking {
        let s = try await Fixtures.space(v, on: db)
        let b = SpaceBooking()
        b.$space.id = s.id!; b.$venue.id = v.id!; b.regionPath = v.regionPath; b.$account.id = owner.id; b.teamName = ""; b.contactPhone = ""
        b.purpose = "排练"; b.attendees = 10; b.startsAt = now.addingTimeInterval(5 * 86_400); b.endsAt = now.addingTimeInterval(5 * 86_400 + 7200)
        b.rate = .free; b.feeFen = 0; b.status = .pending; b.decisionReason = ""; b.createdAt = now
        try await b.create(on: db)
        return b
    }

    private func volunteerOrg(_ v: Venue) async throws -> VolunteerOrg {
        let org = VolunteerOrg()
        org.$venue.id = v.id!; org.regionPath = v.regionPath; org.name = "\(v.name)志愿服务队\(UUID().uuidString.prefix(12))"; org.leaderName = "赵队长"
        org.leaderPhone = ""; org.scopeNote = ""; org.createdAt = now
        try await org.create(on: db)
        return org
    }

    private func volunteerPost(_ v: Venue) async throws -> VolunteerPost {
        let org = try await volunteerOrg(v)
        let p = VolunteerPost()
        p.$org.id = org.id!; p.$venue.id = v.id!; p.regionPath = v.regionPath; p.title = "活动引导"; p.duties = "引导入场"; p.place = "大厅"
        p.startsAt = now.addingTimeInterval(-7200); p.endsAt = now.addingTimeInterval(3600); p.slots = 5; p.taken = 1; p.closed = false; p.createdAt = now
        try await p.create(on: db)
        return p
    }

    private func team(at place: Region) async throws -> FolkTeam {
        let township = place.level == .village ? (place.path == f.micunVillage.path ? f.micun : f.chengguan) : (place.level == .city ? f.chengguan : place)
        let t = FolkTeam()
        t.name = "豫剧团\(UUID().uuidString.prefix(6))"; t.kind = .opera; t.$township.id = township.id!; t.townshipPath = township.path
        t.$village.id = place.level == .village ? place.id : nil; t.regionPath = place.level == .village ? place.path : township.path
        t.leaderName = "张队长"; t.registered = false; t.registrationNumber = ""; t.details = ""; t.createdAt = now
        try await t.create(on: db)
        return t
    }
}
