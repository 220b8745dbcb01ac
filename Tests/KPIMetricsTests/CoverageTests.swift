import Testing
@testable import KPIMetrics

@Suite struct CoverageTests {
    @Test func rateIsNilWithoutVillages() {
        #expect(Coverage.rate(covered: 0, total: 0) == nil)
        #expect(percentText(nil) == "—")
    }

    @Test func groupsKeepFirstSeenOrderAndCount() {
        let villages: [(group: String, id: Int)] = [("B", 1), ("A", 2), ("B", 3), ("B", 4), ("A", 5)]
        let rows = Coverage.byGroup(villages: villages, covered: [1, 3, 5])
        #expect(rows == [CoverageRow(groupKey: "B", total: 3, covered: 2), CoverageRow(groupKey: "A", total: 2, covered: 1)])
        #expect(percentText(rows[0].rate) == "66.7%")
        #expect(rows[0].uncovered == 1)
        let all = Coverage.overall(rows)
        #expect(all.total == 5 && all.covered == 3)
        #expect(percentText(all.rate) == "60.0%")
    }

    @Test func weeklyOpeningMinutesIgnoreBackwardsPeriods() {
        let periods = [(opens: 540, closes: 1020), (opens: 600, closes: 500)]
        #expect(OpeningTime.weeklyMinutes(periods) == 480)
        #expect(OpeningTime.meetsMinimum(Array(repeating: (opens: 540, closes: 1020), count: 6), hoursPerWeek: 42))
        #expect(!OpeningTime.meetsMinimum(Array(repeating: (opens: 540, closes: 1020), count: 5), hoursPerWeek: 42))
    }
}
