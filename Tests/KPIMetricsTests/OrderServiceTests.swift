import Foundation
import KPIMetrics
import Testing

private let t0 = Date(timeIntervalSince1970: 1_800_000_000)
private let hour: TimeInterval = 3600

@Suite struct OrderServiceTests {
    @Test func noOrdersGiveNoRates() {
        let r = OrderService.result([], now: t0)
        #expect(r.onTimeRate == nil)
        #expect(r.fulfilmentRate == nil)
        #expect(r.medianResponseHours == nil)
    }

    @Test func responseIsMeasuredToTheFirstAnswerAgainstTheDeadline() {
        let due = t0 + 120 * hour
        let orders = [
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: t0 + 10 * hour),
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: due), // on the deadline counts as on time
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: due + 1),
            OrderTimes(orderedAt: t0, decisionDue: due), // unanswered, overdue at `now`
            OrderTimes(orderedAt: t0 + 200 * hour, decisionDue: t0 + 320 * hour), // unanswered, not yet due
        ]
        let r = OrderService.result(orders, now: t0 + 300 * hour)
        #expect(r.decided == 3)
        #expect(r.decidedOnTime == 2)
        #expect(r.overdue == 1)
        #expect(r.medianResponseHours == 120)
    }

    @Test func fulfilmentCountsOnlyOrdersWhoseDateHasPassed() {
        let due = t0 + 120 * hour
        let accepted = t0 + hour
        let orders = [
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: accepted, acceptedAt: accepted, scheduledEndsAt: t0 + 48 * hour, deliveredAt: t0 + 49 * hour),
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: accepted, acceptedAt: accepted, scheduledEndsAt: t0 + 48 * hour), // ended, not confirmed
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: accepted, acceptedAt: accepted, scheduledEndsAt: t0 + 500 * hour), // still ahead
            OrderTimes(orderedAt: t0, decisionDue: due, decidedAt: accepted), // declined
        ]
        let r = OrderService.result(orders, now: t0 + 72 * hour)
        #expect(r.due == 2)
        #expect(r.delivered == 1)
        #expect(r.fulfilmentRate == 0.5)
        #expect(r.medianDaysToDelivery == 2)
    }
}
