import Fluent
import Foundation
import Scheduling
import SQLKit

/// What occupies a space and when (R4.4): approved bookings and activities. No two may
/// overlap; every write that places something in a space runs `claim` inside its transaction.
enum SpaceCalendar {
    struct Occupant: Equatable {
        enum Kind: Equatable { case booking, activity }
        let kind: Kind
        let id: UUID
        let title: String
        let slot: TimeSlot

        func describe(_ time: DisplayTime, _ lang: Lang) -> String {
            let when = time.dateTime(slot.start) + "–" + DisplayTime.clock(time.minuteOfDay(slot.end))
            return kind == .booking
                ? lang.t("已批准的预约“\(title)”（\(when)）", "the approved booking “\(title)” (\(when))")
                : lang.t("活动“\(title)”（\(when)）", "the activity “\(title)” (\(when))")
        }
    }

    /// Takes the space's lock for the rest of the transaction (a no-op write: PostgreSQL locks
    /// the row, SQLite takes its write lock), then returns what already overlaps `slot`.
    static func claim(spaceID: UUID, slot: TimeSlot, ignoringBooking: UUID? = nil, ignoringActivity: UUID? = nil,
                      on tx: any Database) async throws -> Occupant? {
        try await (tx as! any SQLDatabase).raw("UPDATE spaces SET bookable = bookable WHERE id = \(bind: spaceID)").run()
        return try await occupants(spaceID: spaceID, from: slot.start, to: slot.end, on: tx)
            .first { $0.id != ignoringBooking && $0.id != ignoringActivity && $0.slot.overlaps(slot) }
    }

    /// Approved bookings and published activities in the space that overlap [from, to).
    static func occupants(spaceID: UUID, from: Date, to: Date, on db: any Database) async throws -> [Occupant] {
        let bookings = try await SpaceBooking.query(on: db).filter(\.$space.$id == spaceID).filter(\.$status == .approved)
            .filter(\.$startsAt < to).filter(\.$endsAt > from).sort(\.$startsAt).all()
        let activities = try await Activity.query(on: db).filter(\.$space.$id == spaceID).filter(\.$status == .published)
            .filter(\.$startsAt < to).filter(\.$endsAt > from).sort(\.$startsAt).all()
        let all = bookings.map { Occupant(kind: .booking, id: $0.id!, title: $0.teamName.isEmpty ? $0.purpose : $0.teamName,
                                          slot: TimeSlot(start: $0.startsAt, end: $0.endsAt)) }
            + activities.map { Occupant(kind: .activity, id: $0.id!, title: $0.title, slot: TimeSlot(start: $0.startsAt, end: $0.endsAt)) }
        return all.sorted { $0.slot.start < $1.slot.start }
    }

    /// The space's bookable periods on the local day of `date`: its own hours if it has any,
    /// else its venue's opening hours.
    static func openPeriods(spaceID: UUID, venueID: UUID, on date: Date, time: DisplayTime, db: any Database) async throws -> [TimeSlot] {
        let local = DisplayTime(timeZone: time.timeZone, now: date)
        let week = try await BookableWeek.load(spaceID: spaceID, venueID: venueID, on: db)
        return (week.days[local.weekday] ?? []).compactMap { period in
            guard let start = time.instant(day: local.today, minute: period.opens),
                  let end = time.instant(day: local.today, minute: period.closes) else { return nil }
            return TimeSlot(start: start, end: end)
        }
    }
}

extension DisplayTime {
    func minuteOfDay(_ date: Date) -> Int { DisplayTime(timeZone: timeZone, now: date).minuteOfDay }

    /// A local day and minute of day as a UTC instant; nil for an impossible day.
    func instant(day: String, minute: Int) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let comps = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: minute / 60, minute: minute % 60)
        guard comps.isValidDate(in: cal) || minute == 24 * 60 else { return nil }
        return cal.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))?.addingTimeInterval(Double(minute * 60))
    }
}
