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
