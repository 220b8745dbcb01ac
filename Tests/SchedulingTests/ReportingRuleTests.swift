import Scheduling
import Testing

@Suite struct ReportingRuleTests {
    let rule = ReportingRule()

    @Test func threeDaysAfterTheEnd() {
        #expect(rule.deadlineDay(forEndDay: "2026-11-03") == "2026-11-06")
        #expect(rule.deadlineDay(forEndDay: "2026-11-22") == "2026-11-25")
    }

    @Test func noLaterThanTheTwentyFifth() {
        #expect(rule.deadlineDay(forEndDay: "2026-11-23") == "2026-11-25")
        #expect(rule.deadlineDay(forEndDay: "2026-11-25") == "2026-11-25", "ending on the close day leaves that day")
    }

    @Test func afterTheCloseTheNextRoundApplies() {
        #expect(rule.deadlineDay(forEndDay: "2026-11-26") == "2026-11-29")
        #expect(rule.deadlineDay(forEndDay: "2026-12-30") == "2027-01-02", "across the year end")
        #expect(rule.deadlineDay(forEndDay: "2027-02-27") == "2027-03-02", "February is short")
    }

    @Test func configurable() {
        #expect(ReportingRule(daysAfterEnd: 7, monthlyCloseDay: 0).deadlineDay(forEndDay: "2026-11-23") == "2026-11-30")
        #expect(ReportingRule(daysAfterEnd: 0, monthlyCloseDay: 25).deadlineDay(forEndDay: "2026-11-10") == "2026-11-10")
        #expect(rule.deadlineDay(forEndDay: "2026-02-30") == nil)
    }
}
