import Fluent
import Foundation
import Vapor

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
        guard let space = try await Space.find(req.id(), on: req.db),
              let venue = try await Venue.find(space.$venue.id, on: req.db) else { throw AppError.notFound }
        struct Body: Decodable {
            var team: String?; var teamId: UUID?; var phone: String; var purpose: String; var attendees: Int
            var startsAt: Date; var endsAt: Date
        }
        let body = try req.json(Body.self)
        var ledTeam: FolkTeam?
        if let teamID = body.teamId {
            guard let team = try await FolkTeam.find(teamID, on: req.db), team.$leader.id == account.id else {
                throw AppError.conflict(zh: "只有团队的队长可以以团队名义预约。", en: "Only the team's leader can book for the team.")
            }
            ledTeam = team
        }
        guard let phone = MobileNumber.normalize(body.phone) else {
            throw AppError.invalid(["phone": req.lang.t("手机号格式不对。", "Not a mobile number.")])
        }
        guard body.startsAt < body.endsAt else {
            throw AppError.invalid(["endsAt": req.lang.t("结束时间要晚于开始时间。", "The end must be after the start.")])
        }
        let booking = try await BookingDesk.request(.init(space: space, venue: venue, account: account,
                                                          teamName: ledTeam?.name ?? body.team ?? "", contactPhone: phone,
                                                          purpose: body.purpose, attendees: body.attendees,
                                                          slot: .init(start: body.startsAt, end: body.endsAt), team: ledTeam),
                                                    now: req.now, time: req.displayTime, lang: req.lang, on: req.db)
        return try await created(dto(booking), for: req)
    }

    @Sendable static func approve(req: Request) async throws -> BookingDTO {
        let booking = try await StaffBookingsController.forWrite(req)
        // Without a body the rate the requester is entitled to (a team's rate, else free) stands.
        struct Body: Decodable { var rate: BookingRate?; var feeFen: Int? }
        let body = req.body.data == nil ? Body() : try req.json(Body.self)
        if let fee = body.feeFen, fee < 0 || fee > 10_000_000 {
            throw AppError.invalid(["feeFen": req.lang.t("收费金额不合理。", "The fee is out of range.")])
        }
        return dto(try await BookingDesk.approve(booking.id!, rate: body.rate ?? booking.rate, feeFen: body.feeFen ?? 0,
                                                 staffID: req.staff().account.id!, now: req.now, time: req.displayTime,
                                                 lang: req.lang, on: req.db))
    }

    @Sendable static func decline(req: Request) async throws -> BookingDTO {
        let booking = try await StaffBookingsController.forWrite(req)
        struct Body: Decodable { var reason: String }
        let reason = try req.json(Body.self).reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 200 else {
            throw AppError.invalid(["reason": req.lang.t("请写明不批准的原因（200 字以内），申请人会看到。",
                                                         "Give a reason (up to 200 characters); the requester will see it.")])
        }
        try await BookingDesk.decline(booking, reason: reason, staffID: req.staff().account.id!, now: req.now,
                                      on: req.db)
        return dto(booking)
    }

    static func dto(_ b: SpaceBooking) -> BookingDTO {
        BookingDTO(id: b.id!, spaceId: b.$space.id, startsAt: b.startsAt, endsAt: b.endsAt, status: b.status.rawValue,
                   rate: b.rate.rawValue)
    }
}
