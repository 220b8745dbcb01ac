import Scheduling
import Testing

@Suite struct PeriodKeyTests {
    @Test func keysForEachUnit() {
        #expect(PeriodUnit.year.key(forDay: "2026-11-28") == "2026")
        #expect(PeriodUnit.quarter.key(forDay: "2026-11-28") == "2026-Q4")
        #expect(PeriodUnit.quarter.key(forDay: "2026-03-31") == "2026-Q1")
        #expect(PeriodUnit.quarter.key(forDay: "2026-04-01") == "2026-Q2")
        #expect(PeriodUnit.month.key(forDay: "2026-02-01") == "2026-02")
        #expect(PeriodUnit.week.key(forDay: "2026-11-28") == "2026-W48")
    }

    @Test func isoWeeksCrossTheYearBoundary() {
        // 2027-01-01 is a Friday: it belongs to the last week of 2026 (which has 53 weeks).
        #expect(PeriodUnit.week.key(forDay: "2027-01-01") == "2026-W53")
        #expect(PeriodUnit.week.key(forDay: "2027-01-04") == "2027-W01")
        // 2025-12-29 is a Monday in the week that holds 1 January 2026.
        #expect(PeriodUnit.week.key(forDay: "2025-12-29") == "2026-W01")
    }

    @Test func rejectsDaysThatDoNotExist() {
        #expect(PeriodUnit.month.key(forDay: "2026-02-30") == nil)
        #expect(PeriodUnit.year.key(forDay: "tomorrow") == nil)
    }
}

@Suite struct LocalDayTests {
    @Test func addingSpanningAndWeekends() {
        #expect(LocalDay.adding(1, to: "2026-12-31") == "2027-01-01")
        #expect(LocalDay.adding(-1, to: "2026-03-01") == "2026-02-28")
        #expect(LocalDay.adding(1, to: "2026-02-30") == nil)
        #expect(LocalDay.span(from: "2026-11-25", to: "2026-11-25") == 1)
        #expect(LocalDay.span(from: "2026-11-25", to: "2027-02-24") == 92)
        // 2026-11-28 is a Saturday.
        #expect(LocalDay.weekends(from: "2026-11-27", count: 4) == ["2026-11-28", "2026-11-29"])
    }
}
