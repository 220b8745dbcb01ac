import Foundation
import Testing
@testable import Scheduling

private let day: TimeInterval = 86_400
private let t0 = Date(timeIntervalSince1970: 1_800_000_000)

@Suite struct TimeSlotTests {
    @Test func touchingSlotsDoNotOverlap() {
        let morning = TimeSlot(start: t0, end: t0 + 3600)
        #expect(!morning.overlaps(TimeSlot(start: t0 + 3600, end: t0 + 7200)))
        #expect(morning.overlaps(TimeSlot(start: t0 + 3599, end: t0 + 7200)))
        #expect(morning.overlaps(TimeSlot(start: t0 - 60, end: t0 + 7200)), "containing")
        #expect(!TimeSlot(start: t0, end: t0).isValid)
    }

    @Test func fitsOnlyInsideOnePeriod() {
        let periods = [TimeSlot(start: t0, end: t0 + 3 * 3600), TimeSlot(start: t0 + 5 * 3600, end: t0 + 8 * 3600)]
        #expect(TimeSlot(start: t0 + 3600, end: t0 + 3 * 3600).fits(within: periods))
        #expect(!TimeSlot(start: t0 + 2 * 3600, end: t0 + 6 * 3600).fits(within: periods), "spans the lunch break")
    }
}

@Suite struct NoShowRuleTests {
    let rule = NoShowRule()

    @Test func threeNoShowsWithinTheWindowBlockForNinetyDays() {
        let noShows = [t0, t0 + 50 * day, t0 + 100 * day]
        let now = t0 + 101 * day
        #expect(rule.blockedUntil(noShows: noShows, now: now) == t0 + 190 * day)
        #expect(rule.blockedUntil(noShows: noShows, now: t0 + 190 * day) == nil, "the block has run out")
    }

    @Test func twoNoShowsOrASpreadOutThirdDoNotBlock() {
        #expect(rule.blockedUntil(noShows: [t0, t0 + day], now: t0 + 2 * day) == nil)
        #expect(rule.blockedUntil(noShows: [t0, t0 + 100 * day, t0 + 181 * day], now: t0 + 182 * day) == nil)
        #expect(rule.blockedUntil(noShows: [t0, t0 + 100 * day, t0 + 180 * day], now: t0 + 182 * day) == t0 + 270 * day, "exactly 180 days counts")
    }

    @Test func aLaterWindowExtendsTheBlock() {
        let noShows = [t0, t0 + day, t0 + 2 * day, t0 + 60 * day]
        #expect(rule.blockedUntil(noShows: noShows, now: t0 + 61 * day) == t0 + 150 * day)
    }

    @Test func zeroStrikesTurnsTheRuleOff() {
        #expect(NoShowRule(strikes: 0).blockedUntil(noShows: [t0, t0, t0], now: t0) == nil)
    }
}

@Suite struct WaitlistTests {
    @Test func promotesInOrderSkippingPartiesThatDoNotFit() {
        let queue = [Waitlist.Entry(id: "a", places: 3), .init(id: "b", places: 1), .init(id: "c", places: 2), .init(id: "d", places: 1)]
        #expect(Waitlist.promotions(freePlaces: 2, queue: queue) == ["b", "d"])
        #expect(Waitlist.promotions(freePlaces: 3, queue: queue) == ["a"])
        #expect(Waitlist.promotions(freePlaces: 0, queue: queue) == [])
        #expect(Waitlist.promotions(freePlaces: 10, queue: queue) == ["a", "b", "c", "d"])
    }
}

@Suite struct MonthGridTests {
    @Test func december2026StartsOnTuesday() throws {
        let grid = try #require(MonthGrid(year: 2026, month: 12))
        #expect(grid.weeks.first == [nil, 1, 2, 3, 4, 5, 6])
        #expect(grid.weeks.last == [28, 29, 30, 31, nil, nil, nil])
        #expect(grid.next == (2027, 1))
        #expect(grid.key == "2026-12")
    }

    @Test func leapFebruaryAndInvalidMonths() throws {
        let grid = try #require(MonthGrid(year: 2028, month: 2))
        #expect(grid.weeks.flatMap { $0 }.compactMap { $0 }.count == 29)
        #expect(MonthGrid(year: 2026, month: 13) == nil)
    }
}

@Suite struct ICalendarTests {
    @Test func escapesFoldsAndUsesCRLF() {
        let event = ICalendar.Event(uid: "a@culturehub", start: t0, end: t0 + 3600,
                                    summary: "戏曲进乡村; 豫剧, 折子戏", description: "第一行\n第二行",
                                    location: String(repeating: "新密市文化馆", count: 6))
        let text = ICalendar(name: "新密市", events: [event], stamp: t0).render()
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.contains("SUMMARY:戏曲进乡村\\; 豫剧\\, 折子戏\r\n"))
        #expect(text.contains("DESCRIPTION:第一行\\n第二行"))
        #expect(text.contains("DTSTART:20270115T080000Z"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(text.contains("\r\n "), "the long location is folded")
    }
}

@Suite struct WorkingCalendarTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func at(_ text: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: text)!
    }

    @Test func fiveWorkingDaysFromFridaySkipTheWeekend() {
        let cal = WorkingCalendar(timeZone: shanghai)
        // Friday 2026-11-27 15:00 in Xinmi → due by the end of Friday 2026-12-04.
        let due = cal.deadline(after: at("2026-11-27T07:00:00Z"), workingDays: 5)
        #expect(due == at("2026-12-04T16:00:00Z"))
    }

    @Test func holidaysAndMakeUpDaysCount() {
        // National Day 2026 (illustrative): 1–7 October off, Saturday 10 October worked.
        let holidays: Set<String> = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"]
        let cal = WorkingCalendar(timeZone: shanghai, holidays: holidays, makeUpWorkdays: ["2026-10-10"])
        // Submitted Wednesday 30 September: working days are 8, 9, 10 (Sat, make-up), 12, 13 October.
        let due = cal.deadline(after: at("2026-09-30T02:00:00Z"), workingDays: 5)
        #expect(due == at("2026-10-13T16:00:00Z"))
        #expect(cal.isWorkingDay(at("2026-10-10T04:00:00Z")) && !cal.isWorkingDay(at("2026-10-01T04:00:00Z")))
    }

    @Test func lateEveningCountsAsThatLocalDay() {
        let cal = WorkingCalendar(timeZone: shanghai)
        // 23:30 Monday in Xinmi is 15:30 UTC Monday; one working day → end of Tuesday.
        #expect(cal.deadline(after: at("2026-11-30T15:30:00Z"), workingDays: 1) == at("2026-12-01T16:00:00Z"))
        #expect(cal.deadline(after: at("2026-11-30T15:30:00Z"), workingDays: 0) == at("2026-11-30T16:00:00Z"))
    }
}
