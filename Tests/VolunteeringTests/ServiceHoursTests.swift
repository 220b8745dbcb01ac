import Testing
@testable import Volunteering

@Suite struct ServiceHoursTests {
    let beijing: Int64 = 8 * 3_600
    /// 2026-11-02 00:00 in Beijing, as seconds since 1970.
    let day: Int64 = 1_793_548_800

    func span(_ fromHour: Double, _ toHour: Double) -> ServiceHours.Span {
        .init(start: day + Int64(fromHour * 3_600), end: day + Int64(toHour * 3_600))
    }

    @Test func touchingEntriesAreFineOverlappingOnesAreNot() {
        let morning = span(9, 12)
        #expect(ServiceHours.problem(adding: span(12, 14), to: [morning], utcOffsetSeconds: beijing) == nil)
        #expect(ServiceHours.problem(adding: span(11.5, 14), to: [morning], utcOffsetSeconds: beijing) == .overlaps(morning))
        #expect(ServiceHours.problem(adding: span(8, 13), to: [morning], utcOffsetSeconds: beijing) == .overlaps(morning))
        #expect(ServiceHours.problem(adding: span(10, 10), to: [], utcOffsetSeconds: beijing) == .empty)
    }

    @Test func oneEntryIsAtMostADay() {
        #expect(ServiceHours.problem(adding: span(0, 24), to: [], utcOffsetSeconds: beijing) == nil)
        #expect(ServiceHours.problem(adding: span(8, 32.5), to: [], utcOffsetSeconds: beijing) == .longerThanADay)
    }

    @Test func theEntriesStartingOnADayHoldAtMost24Hours() {
        let early = span(0, 5)
        // 05:00 to 01:00 next day is 20 h; with the early 5 h the day would hold 25 h.
        #expect(ServiceHours.problem(adding: span(5, 25), to: [early], utcOffsetSeconds: beijing) == .dayOverFull(minutes: 25 * 60))
        #expect(ServiceHours.problem(adding: span(5, 24), to: [early], utcOffsetSeconds: beijing) == nil)
        // The previous evening's entry counts on the previous day.
        #expect(ServiceHours.problem(adding: span(5, 24), to: [early, span(-4, -1)], utcOffsetSeconds: beijing) == nil)
    }

    @Test func daysAreCutAtLocalMidnight() {
        #expect(ServiceHours.dayStart(day + 23 * 3_600, offset: beijing) == day)
        #expect(ServiceHours.dayStart(day + 24 * 3_600, offset: beijing) == day + 86_400)
        #expect(ServiceHours.dayStart(day - 1, offset: beijing) == day - 86_400)
    }
}
