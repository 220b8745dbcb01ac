import Fluent
import Foundation
import Vapor

struct VolunteerPostDTO: Content {
    let id: UUID; let orgId: UUID; let orgName: String; let activityId: UUID?; let title: String; let duties: String; let place: String
    let startsAt: Date; let endsAt: Date; let slots: Int; let slotsLeft: Int
}
struct VolunteerShiftDTO: Content {
    let id: UUID; let postId: UUID?; let orgId: UUID; let startsAt: Date; let endsAt: Date; let checkedInAt: Date?; let checkedOutAt: Date?
    let hoursState: HoursState; let hours: Double; let note: String; let decisionReason: String; let rating: Int?; let ratingNote: String
}
struct VolunteerRecordDTO: Content {
    let confirmedHours: Double; let pendingHours: Double; let stars: Int; let hoursToNextStar: Double?
    let honours: [HonourDTO]; let shifts: [VolunteerShiftDTO]
}
struct HonourDTO: Content { let title: String; let awardedOn: String; let orgName: String }
struct FolkTeamDTO: Content {
    let id: UUID; let name: String; let kind: FolkArtKind; let townshipId: UUID; let villageId: UUID?; let registered: Bool
    let registrationNumber: String; let registeredOn: String?; let foundedYear: Int?; let description: String; let members: Int?; let bookingRate: BookingRate
}
struct GuidanceDTO: Content { let id: UUID; let teamId: UUID; let day: String; let hours: Double; let topic: String; let notes: String }
struct CreativeWorkDTO: Content {
    let id: UUID; let title: String; let kind: WorkKind; let creators: String; let teamId: UUID?; let createdOn: String; let mediaLinks: [String]
    let description: String; let listed: Bool
}
struct CampaignDTO: Content {
    let id: UUID; let kind: CampaignKind; let name: String; let sponsor: String; let startsOn: String; let endsOn: String?; let benefits: String
    let activities: Int; let participation: Int; let townships: Int
}

/// Volunteers, folk art teams, original works and programmes in `/api/v1` (R6.1–R6.4).
/// Every write goes through the same desk as its page.
enum APICommunityController {
    static func hours(_ minutes: Int) -> Double { Double(minutes) / 60 }

    // MARK: Volunteers

    @Sendable static func posts(req: Request) async throws -> PageDTO<VolunteerPostDTO> {
        let query = VolunteerPost.query(on: req.db).filter(\.$closed == false).filter(\.$startsAt > req.now).with(\.$org)
        if let org = req.query[UUID.self, at: "org"] { query.filter(\.$org.$id == org) }
        return try await query.sort(\.$startsAt).sort(\.$id).paginate(req.apiPage()).dto(postDTO)
    }

    static func postDTO(_ p: VolunteerPost) -> VolunteerPostDTO {
        VolunteerPostDTO(id: p.id!, orgId: p.$org.id, orgName: p.org.name, activityId: p.$activity.id, title: p.title, duties: p.duties, place: p.place,
                         startsAt: p.startsAt, endsAt: p.endsAt, slots: p.slots, slotsLeft: p.slotsLeft)
    }

    static func shiftDTO(_ s: VolunteerShift) -> VolunteerShiftDTO {
        VolunteerShiftDTO(id: s.id!, postId: s.$post.id, orgId: s.$org.id, startsAt: s.startsAt, endsAt: s.endsAt, checkedInAt: s.checkedInAt, checkedOutAt: s.checkedOutAt,
                          hoursState: s.hoursState, hours: hours(s.minutes), note: s.note, decisionReason: s.decisionReason, rating: s.rating, ratingNote: s.ratingNote)
    }

    @Sendable static func createPost(req: Request) async throws -> Response {
        struct Body: Decodable { var orgId: UUID?; var activityId: UUID?; var title: String?; var duties: String?; var place: String?; var date: String?; var starts: String?; var ends: String?; var slots: Int? }
        let b = try req.json(Body.self)
        let form = ["org": b.orgId?.uuidString ?? "", "activity": b.activityId?.uuidString ?? "", "title": b.title ?? "", "duties": b.duties ?? "", "place": b.place ?? "",
                    "date": b.date ?? "", "starts": b.starts ?? "", "ends": b.ends ?? "", "slots": b.slots.map(String.init) ?? ""]
        let post = try await VolunteerServiceDesk.createPost(form, by: req.staff(), now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        try await post.$org.load(on: req.db)
        return try await created(postDTO(post), for: req)
    }

    @Sendable static func signUp(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let shift = try await VolunteerServiceDesk.signUp(postID: req.id(), account: account, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        return try await created(shiftDTO(shift), for: req)
    }

    @Sendable static func cancelShift(req: Request) async throws -> VolunteerShiftDTO {
        let account = try req.auth.require(Account.self)
        try await VolunteerServiceDesk.cancel(req.id(), account: account, now: req.now, on: req.db)
        guard let shift = try await VolunteerShift.find(req.id(), on: req.db) else { throw AppError.notFound }
        return shiftDTO(shift)
    }

    @Sendable static func myRecord(req: Request) async throws -> VolunteerRecordDTO {
        let account = try req.auth.require(Account.self)
        let r = try await VolunteerRecord.load(account, levels: req.settings.volunteerStars, on: req.db)
        return VolunteerRecordDTO(confirmedHours: hours(r.confirmedMinutes), pendingHours: hours(r.pendingMinutes), stars: r.stars, hoursToNextStar: r.minutesToNextStar.map(hours),
                                  honours: r.honours.map { HonourDTO(title: $0.title, awardedOn: $0.awardedOn, orgName: $0.org.name) }, shifts: r.shifts.map(shiftDTO))
    }

    @Sendable static func enterHours(req: Request) async throws -> Response {
        struct Body: Decodable { var orgId: UUID?; var date: String?; var starts: String?; var hours: Double?; var note: String? }
        let b = try req.json(Body.self)
        let form = ["org": b.orgId?.uuidString ?? "", "date": b.date ?? "", "starts": b.starts ?? "", "hours": b.hours.map { String($0) } ?? "", "note": b.note ?? ""]
        let shift = try await VolunteerServiceDesk.addManual(form, account: req.auth.require(Account.self), now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        return try await created(shiftDTO(shift), for: req)
    }

    static func shiftAction(req: Request, _ action: ShiftAction) async throws -> VolunteerShiftDTO {
        let staff = try req.staff()
        guard let shift = try await VolunteerShift.find(req.id(), on: req.db) else { throw AppError.notFound }
        struct Body: Decodable { var hours: Double?; var reason: String?; var rating: Int?; var note: String? }
        let b = (try? req.content.decode(Body.self)) ?? Body()
        switch action {
        case .checkin: try await VolunteerServiceDesk.checkIn(shift, by: staff, now: req.now, on: req.db)
        case .checkout: try await VolunteerServiceDesk.checkOut(shift, by: staff, now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        case .confirm, .decline:
            try await VolunteerServiceDesk.decideHours(shift, approve: action == .confirm, hours: b.hours.map { String($0) }, reason: b.reason ?? "",
                                                       by: staff, now: req.now, lang: req.lang, on: req.db)
        case .rate: try await VolunteerServiceDesk.rate(shift, stars: b.rating.map(String.init), note: b.note, by: staff, lang: req.lang, on: req.db)
        }
        return shiftDTO(shift)
    }

    // MARK: Teams

    static func teamDTO(_ t: FolkTeam, members: Int?) -> FolkTeamDTO {
        FolkTeamDTO(id: t.id!, name: t.name, kind: t.kind, townshipId: t.$township.id, villageId: t.$village.id, registered: t.registered,
                    registrationNumber: t.registrationNumber, registeredOn: t.registeredOn, foundedYear: t.foundedYear, description: t.details,
                    members: members, bookingRate: t.bookingRate)
    }

    @Sendable static func teams(req: Request) async throws -> PageDTO<FolkTeamDTO> {
        let query = FolkTeam.query(on: req.db)
        if let township = req.query[UUID.self, at: "township"] { query.filter(\.$township.$id == township) }
        if let raw = req.query[String.self, at: "kind"] {
            guard let kind = FolkArtKind(rawValue: raw) else { throw AppError.invalid(["kind": req.lang.t("没有这个类别。", "Unknown kind.")]) }
            query.filter(\.$kind == kind)
        }
        return try await query.sort(\.$townshipPath).sort(\.$name).paginate(req.apiPage()).dto { teamDTO($0, members: nil) }
    }

    @Sendable static func team(req: Request) async throws -> FolkTeamDTO {
        guard let t = try await FolkTeam.find(req.id(), on: req.db) else { throw AppError.notFound }
        return teamDTO(t, members: try await FolkTeamMember.query(on: req.db).filter(\.$team.$id == t.requireID()).count())
    }

    @Sendable static func createTeam(req: Request) async throws -> Response {
        struct Body: Decodable {
            var name: String?; var kind: String?; var placeId: UUID?; var leaderName: String?; var leaderPhone: String?; var foundedYear: Int?; var description: String?
            var registered: Bool?; var registrationNumber: String?; var registeredOn: String?
        }
        let b = try req.json(Body.self)
        let form = ["name": b.name ?? "", "kind": b.kind ?? "", "place": b.placeId?.uuidString ?? "", "leaderName": b.leaderName ?? "", "leaderPhone": b.leaderPhone ?? "",
                    "foundedYear": b.foundedYear.map(String.init) ?? "", "description": b.description ?? "", "registered": b.registered == true ? "1" : "",
                    "registrationNumber": b.registrationNumber ?? "", "registeredOn": b.registeredOn ?? ""]
        let t = try await FolkTeamDesk.register(form, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        return try await created(teamDTO(t, members: 0), for: req)
    }

    @Sendable static func logGuidance(req: Request) async throws -> Response {
        let staff = try req.staff()
        let t = try await req.recordForDesk(FolkTeam.self)
        struct Body: Decodable { var day: String?; var hours: Double?; var topic: String?; var notes: String? }
        let b = try req.json(Body.self)
        let g = try await FolkTeamDesk.logGuidance(t, ["day": b.day ?? "", "hours": b.hours.map { String($0) } ?? "", "topic": b.topic ?? "", "notes": b.notes ?? ""],
                                                   by: staff, today: req.displayTime.today, now: req.now, lang: req.lang, on: req.db)
        return try await created(GuidanceDTO(id: g.id!, teamId: t.id!, day: g.day, hours: hours(g.minutes), topic: g.topic, notes: g.notes), for: req)
    }

    // MARK: Works and programmes

    static func workDTO(_ w: CreativeWork) -> CreativeWorkDTO {
        CreativeWorkDTO(id: w.id!, title: w.title, kind: w.kind, creators: w.creators, teamId: w.teamID, createdOn: w.createdOn, mediaLinks: w.links, description: w.details, listed: w.listed)
    }

    @Sendable static func works(req: Request) async throws -> PageDTO<CreativeWorkDTO> {
        try await CreativeWork.query(on: req.db).filter(\.$listed == true).sort(\.$createdOn, .descending).sort(\.$id).paginate(req.apiPage()).dto(workDTO)
    }

    @Sendable static func createWork(req: Request) async throws -> Response {
        struct Body: Decodable { var title: String?; var kind: String?; var creators: String?; var createdOn: String?; var teamId: UUID?; var townshipId: UUID?; var mediaLinks: [String]?; var description: String? }
        let b = try req.json(Body.self)
        let account = try req.auth.require(Account.self)
        let form = ["title": b.title ?? "", "kind": b.kind ?? "", "creators": b.creators ?? "", "createdOn": b.createdOn ?? "", "team": b.teamId?.uuidString ?? "",
                    "township": b.townshipId?.uuidString ?? "", "mediaLinks": (b.mediaLinks ?? []).joined(separator: "\n"), "description": b.description ?? ""]
        let staff = account.scope != nil ? try req.staff() : nil
        let w = try await CreativeWorkDesk.register(form, account: account, staff: staff, now: req.now, today: req.displayTime.today, lang: req.lang, on: req.db)
        return try await created(workDTO(w), for: req)
    }

    @Sendable static func campaigns(req: Request) async throws -> PageDTO<CampaignDTO> {
        let page = try await Campaign.query(on: req.db).sort(\.$startsOn, .descending).sort(\.$id).paginate(req.apiPage())
        let reach = try await CampaignReach.load(page.items.compactMap(\.id), on: req.db)
        return page.dto { campaignDTO($0, reach[$0.id!]) }
    }

    static func campaignDTO(_ c: Campaign, _ r: CampaignReach?) -> CampaignDTO {
        CampaignDTO(id: c.id!, kind: c.kind, name: c.name, sponsor: c.sponsor, startsOn: c.startsOn, endsOn: c.endsOn, benefits: c.benefits,
                    activities: r?.activities ?? 0, participation: r?.participation ?? 0, townships: r?.townships ?? 0)
    }

    @Sendable static func createCampaign(req: Request) async throws -> Response {
        struct Body: Decodable { var kind: String?; var name: String?; var sponsor: String?; var startsOn: String?; var endsOn: String?; var benefits: String?; var description: String? }
        let b = try req.json(Body.self)
        let c = try await CampaignDesk.create(["kind": b.kind ?? "", "name": b.name ?? "", "sponsor": b.sponsor ?? "", "startsOn": b.startsOn ?? "", "endsOn": b.endsOn ?? "",
                                               "benefits": b.benefits ?? "", "description": b.description ?? ""], by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        return try await created(campaignDTO(c, nil), for: req)
    }

    @Sendable static func addCampaignActivity(req: Request) async throws -> CampaignDTO {
        let staff = try req.staff()
        let c = try await req.regionRecord(Campaign.self, toWrite: .editRegistry)
        struct Body: Decodable { var activityId: UUID? }
        let b = try req.json(Body.self)
        _ = try await CampaignDesk.link(c, activityID: b.activityId?.uuidString, by: staff, time: req.displayTime, now: req.now, lang: req.lang, on: req.db)
        return campaignDTO(c, try await CampaignReach.load([c.requireID()], on: req.db)[c.id!])
    }
}
