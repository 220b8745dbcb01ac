import Fluent
import Foundation
import Crypto
import SQLKit
import Vapor

struct ActivityDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let title: String
    let kind: String
    let targetGroups: [String]
    let startsAt: Date
    let endsAt: Date
    let registration: String
    let capacity: Int
    let remainingPlaces: Int
    let waitingPlaces: Int
    let status: String
    /// inPerson, online or hybrid; online and hybrid activities carry the live-stream link.
    let mode: String
    let streamURL: String?

    init(_ a: ActivityRow) {
        id = a.id; venueId = a.venue_id; title = a.title; kind = a.kind.rawValue; targetGroups = TargetGroup.decode(a.target_groups).map(\.rawValue)
        startsAt = a.starts_at; endsAt = a.ends_at; registration = a.registration.rawValue; capacity = a.capacity
        remainingPlaces = a.remainingPlaces; waitingPlaces = a.waiting_places; status = a.status.rawValue
        mode = (a.mode ?? .inPerson).rawValue; streamURL = a.stream_url
    }

    init(_ a: Activity) {
        id = a.id!; venueId = a.$venue.id; title = a.title; kind = a.kind.rawValue; targetGroups = a.targetGroups.map(\.rawValue)
        startsAt = a.startsAt; endsAt = a.endsAt; registration = a.registration.rawValue; capacity = a.capacity
        remainingPlaces = a.remainingPlaces; waitingPlaces = a.waitingPlaces; status = a.status.rawValue
        mode = a.mode.rawValue; streamURL = a.streamURL
    }
}

struct RegistrationDTO: Content, Equatable {
    let id: UUID
    let activityId: UUID
    let places: Int
    let status: String
    let checkedIn: Bool
    /// The QR payload; present only to the registrant and only while confirmed.
    let checkInToken: String?
}

struct CheckInResultDTO: Content, Equatable {
    let outcome: String
    let message: String
    let who: String?
    let places: Int?
}

/// Activities, registrations and check-in over JSON (R4.1, R4.2).
enum APIActivityController {
    @Sendable static func index(req: Request) async throws -> PageDTO<ActivityDTO> {
        let search = try ActivitySearch.parse(req.query.decode(ActivitySearch.Query.self), lang: req.lang)
        let request = try req.apiPage()
        let page = try await search.page(request, townships: req.townships(), time: req.displayTime, on: req.db as! any SQLDatabase)
        return PageDTO(items: page.rows.map(ActivityDTO.init), page: request.page, per: request.per, total: page.total)
    }

    @Sendable static func show(req: Request) async throws -> ActivityDTO {
        guard let activity = try await Activity.find(req.id(), on: req.db) else { throw AppError.notFound }
        return ActivityDTO(activity)
    }

    @Sendable static func register(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Body: Decodable { var places: Int? }
        let body = try req.json(Body.self)
        // Read the key first: once the place is committed, nothing may fail before the reply.
        let key = try await req.checkInKey()
        let registration = try await req.register(activityID: req.id(), .account(account), places: body.places ?? 1)
        return try await created(dto(registration, key: key), for: req)
    }

    @Sendable static func mine(req: Request) async throws -> [RegistrationDTO] {
        let account = try req.auth.require(Account.self)
        let key = try await req.checkInKey()
        return try await Registration.query(on: req.db).filter(\.$account.$id == account.id!).sort(\.$createdAt, .descending).limit(200).all()
            .map { dto($0, key: key) }
    }

    @Sendable static func cancel(req: Request) async throws -> RegistrationDTO {
        let account = try req.auth.require(Account.self)
        let (registration, _) = try await RegistrationDesk.cancel(registrationID: req.id(), byStaff: false, ownerID: account.id!, now: req.now, on: req.db)
        return dto(registration, key: try await req.checkInKey())
    }

    @Sendable static func checkIn(req: Request) async throws -> Response {
        let activity = try await req.scopedRecord(Activity.self, toWrite: .runEvents)
        struct Body: Decodable { var token: String }
        let body = try req.json(Body.self)
        let result = try await req.checkIn(code: body.token, activity: activity)
        let dto = CheckInResultDTO(outcome: result.outcome.rawValue, message: result.outcome.message(req.lang), who: result.who, places: result.places)
        return try await dto.encodeResponse(status: result.outcome.isSuccess ? .ok : .conflict, for: req)
    }

    static func dto(_ r: Registration, key: SymmetricKey) -> RegistrationDTO {
        RegistrationDTO(id: r.id!, activityId: r.$activity.id, places: r.places, status: r.status.rawValue, checkedIn: r.checkedInAt != nil,
                        checkInToken: r.status == .confirmed ? CheckInToken(registrationID: r.id!).encoded(key: key) : nil)
    }
}

/// Space booking over JSON (R4.4).
enum APIBookingController {
    struct BookingDTO: Content, Equatable {
        let id: UUID
        let spaceId: UUID
        let startsAt: Date
        let endsAt: Date
        let status: String
        let rate: String
    }

    @Sendable static func request(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard let space = try await Space.find(req.id(), on: req.db), let venue = try await Venue.find(space.$venue.id, on: req.db) else { throw AppError.notFound }
        struct Body: Decodable { var team: String?; var teamId: UUID?; var phone: String; var purpose: String; var attendees: Int; var startsAt: Date; var endsAt: Date }
        let body = try req.json(Body.self)
        var ledTeam: FolkTeam?
        if let teamID = body.teamId {
            guard let team = try await FolkTeam.find(teamID, on: req.db), team.$leader.id == account.id else {
                throw AppError.conflict(zh: "只有团队的队长可以以团队名义预约。", en: "Only the team's leader can book for the team.")
            }
            ledTeam = team
        }
        guard let phone = MobileNumber.normalize(body.phone) else { throw AppError.invalid(["phone": req.lang.t("手机号格式不对。", "Not a mobile number.")]) }
        guard body.startsAt < body.endsAt else { throw AppError.invalid(["endsAt": req.lang.t("结束时间要晚于开始时间。", "The end must be after the start.")]) }
        let booking = try await BookingDesk.request(.init(space: space, venue: venue, account: account, teamName: ledTeam?.name ?? body.team ?? "", contactPhone: phone,
                                                          purpose: body.purpose, attendees: body.attendees, slot: .init(start: body.startsAt, end: body.endsAt), team: ledTeam),
                                                    now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        return try await created(dto(booking), for: req)
    }

    @Sendable static func approve(req: Request) async throws -> BookingDTO {
        let booking = try await StaffBookingsController.forWrite(req)
        // Without a body the rate the requester is entitled to (a team's rate, else free) stands.
        struct Body: Decodable { var rate: BookingRate?; var feeFen: Int? }
        let body = req.body.data == nil ? Body() : try req.json(Body.self)
        if let fee = body.feeFen, fee < 0 || fee > 10_000_000 { throw AppError.invalid(["feeFen": req.lang.t("收费金额不合理。", "The fee is out of range.")]) }
        return dto(try await BookingDesk.approve(booking.id!, rate: body.rate ?? booking.rate, feeFen: body.feeFen ?? 0, staffID: req.staff().account.id!,
                                                 now: req.now, time: req.displayTime, lang: req.lang, on: req.db))
    }

    @Sendable static func decline(req: Request) async throws -> BookingDTO {
        let booking = try await StaffBookingsController.forWrite(req)
        struct Body: Decodable { var reason: String }
        let reason = try req.json(Body.self).reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200 else {
            throw AppError.invalid(["reason": req.lang.t("请写明不批准的原因（200 字以内），申请人会看到。", "Give a reason (up to 200 characters); the requester will see it.")])
        }
        try await BookingDesk.decline(booking, reason: reason, staffID: req.staff().account.id!, now: req.now, on: req.db)
        return dto(booking)
    }

    static func dto(_ b: SpaceBooking) -> BookingDTO {
        BookingDTO(id: b.id!, spaceId: b.$space.id, startsAt: b.startsAt, endsAt: b.endsAt, status: b.status.rawValue, rate: b.rate.rawValue)
    }
}
