import Fluent
import Foundation
import Scheduling
import SQLKit

/// Space booking requests and decisions (R4.4).
enum BookingDesk {
    struct Request {
        var space: Space
        var venue: Venue
        var account: Account
        var teamName: String
        var contactPhone: String
        var purpose: String
        var attendees: Int
        var slot: TimeSlot
        /// Set when the leader books for a folk art team: the team rate is proposed.
        var team: FolkTeam? = nil
    }

    /// Checks the request against the space and what is already approved, then files it as pending.
    static func request(_ r: Request, now: Date, time: DisplayTime, lang: Lang, on db: any Database) async throws -> SpaceBooking {
        try r.account.requireCitizen()
        // The page checks these too; the API reaches the desk directly, so the desk holds the rule.
        var check = FormCheck(lang)
        _ = check.text("purpose", r.purpose, max: 200)
        _ = check.text("team", r.teamName, required: false, max: 40)
        if !(1...100_000).contains(r.attendees) {
            check.fail("attendees", "人数应为 1 到 100000 之间的整数。", "People must be a whole number from 1 to 100,000.")
        }
        if r.slot.end <= r.slot.start { check.fail("endsAt", "结束时间要晚于开始时间。", "The end must be after the start.") }
        var errors: FieldErrors = check.errors
        if !r.space.bookable || r.venue.status != .operating {
            throw AppError.conflict(zh: "这个场地目前不接受预约。", en: "This space does not take bookings at present.")
        }
        if r.slot.start <= now { errors["date"] = lang.t("只能预约将来的时间。", "Book a time in the future.") }
        if r.slot.start > now.addingTimeInterval(90 * 86_400) { errors["date"] = lang.t("最多可预约 90 天以内的时间。", "Book at most 90 days ahead.") }
        if r.attendees > r.space.capacity {
            errors["attendees"] = lang.t("超过场地容量（\(r.space.capacity) 人）。", "More than the space holds (\(r.space.capacity)).")
        }
        let periods = try await SpaceCalendar.openPeriods(spaceID: r.space.requireID(), venueID: r.venue.requireID(), on: r.slot.start, time: time, db: db)
        if errors["date"] == nil && !r.slot.fits(within: periods) {
            let hours = periods.map { DisplayTime.clock(time.minuteOfDay($0.start)) + "–" + DisplayTime.clock(time.minuteOfDay($0.end)) }
            errors["starts"] = periods.isEmpty
                ? lang.t("这个场地这一天不开放预约，请换一天。", "The space cannot be booked that day; choose another.")
                : lang.t("请在这一天的可预约时间内预约：\(hours.joined(separator: "、"))。", "Book within that day's bookable hours: \(hours.joined(separator: ", ")).")
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return try await db.writeTransaction { tx in
            if let taken = try await SpaceCalendar.claim(spaceID: r.space.requireID(), slot: r.slot, on: tx) {
                throw conflict(taken, time, lang)
            }
            let booking = SpaceBooking()
            booking.$space.id = try r.space.requireID()
            booking.$venue.id = try r.venue.requireID()
            booking.regionPath = r.venue.regionPath
            booking.$account.id = try r.account.requireID()
            booking.teamName = r.teamName
            booking.contactPhone = r.contactPhone
            booking.purpose = r.purpose
            booking.attendees = r.attendees
            booking.startsAt = r.slot.start
            booking.endsAt = r.slot.end
            booking.teamID = r.team?.id
            // What the requester is entitled to; staff confirm or change it on approval.
            booking.rate = r.team?.bookingRate ?? .free
            booking.feeFen = 0
            booking.status = .pending
            booking.decisionReason = ""
            booking.createdAt = now
            try await booking.create(on: tx)
            return booking
        }
    }

    /// Approves a pending booking if its slot is still free: of overlapping requests, the
    /// first approved wins and the others are refused with the winner named.
    static func approve(_ bookingID: UUID, rate: BookingRate, feeFen: Int, staffID: UUID, now: Date,
                        time: DisplayTime, lang: Lang, on db: any Database) async throws -> SpaceBooking {
        try await db.writeTransaction { tx in
            // Write first (see RegistrationDesk.cancel), then read under the lock.
            try await (tx as! any SQLDatabase).raw("""
                UPDATE spaces SET bookable = bookable WHERE id = (SELECT space_id FROM space_bookings WHERE id = \(bind: bookingID))
                """).run()
            guard let booking = try await SpaceBooking.find(bookingID, on: tx) else { throw AppError.notFound }
            let slot = TimeSlot(start: booking.startsAt, end: booking.endsAt)
            if let taken = try await SpaceCalendar.claim(spaceID: booking.$space.id, slot: slot, ignoringBooking: bookingID, on: tx) {
                throw conflict(taken, time, lang)
            }
            // Re-read under the lock: another approver may have decided it meanwhile.
            guard let current = try await SpaceBooking.find(bookingID, on: tx), current.status == .pending else {
                throw AppError.conflict(zh: "这条预约已经处理过了。", en: "This booking has already been decided.")
            }
            current.status = .approved
            current.rate = rate
            current.feeFen = rate == .free ? 0 : feeFen
            current.decidedBy = staffID
            current.decidedAt = now
            try await current.save(on: tx)
            return current
        }
    }

    static func decline(_ booking: SpaceBooking, reason: String, staffID: UUID, now: Date, on db: any Database) async throws {
        guard booking.status == .pending || booking.status == .approved else {
            throw AppError.conflict(zh: "这条预约已经处理过了。", en: "This booking has already been decided.")
        }
        booking.status = .declined
        booking.decisionReason = reason
        booking.decidedBy = staffID
        booking.decidedAt = now
        try await booking.save(on: db)
    }

    static func conflict(_ taken: SpaceCalendar.Occupant, _ time: DisplayTime, _ lang: Lang) -> AppError {
        let zh = "这个时间段已被占用：\(taken.describe(time, .zh))。请换一个时间。"
        let en = "That time is taken by \(taken.describe(time, .en)). Please choose another time."
        return AppError.conflict(zh: zh, en: en)
    }
}
