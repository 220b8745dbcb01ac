import Foundation
import KPIMetrics
import Testing

@Suite struct ReportingTimelinessTests {
    let deadline = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func statesAtTheBoundaries() {
        #expect(ReportState.of(deadline: deadline, submittedAt: deadline, now: deadline + 99) == .onTime)
        #expect(ReportState.of(deadline: deadline, submittedAt: deadline + 1, now: deadline + 99) == .late)
        #expect(ReportState.of(deadline: deadline, submittedAt: nil, now: deadline) == .notDue)
        #expect(ReportState.of(deadline: deadline, submittedAt: nil, now: deadline + 1) == .missing)
    }

    @Test func rateCountsOnlyWhatIsDue() {
        var t = ReportingTimeliness()
        #expect(t.rate == nil)
        for state in [ReportState.onTime, .onTime, .onTime, .late, .missing, .notDue, .notDue] { t.add(state) }
        #expect(t.due == 5)
        #expect(t.rate == 0.6)
    }
}
