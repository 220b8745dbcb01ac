import Foundation

/// Order response and fulfilment (R3.3, DESIGN §5): how fast venues answer villages' orders,
/// and how many accepted orders were delivered.
public struct OrderTimes: Sendable, Equatable {
    public var orderedAt: Date
    public var decisionDue: Date
    /// The venue's first answer: accepted, declined or a new date proposed.
    public var decidedAt: Date?
    public var acceptedAt: Date?
    /// When the scheduled activity ended; nil until an order is scheduled.
    public var scheduledEndsAt: Date?
    public var deliveredAt: Date?

    public init(orderedAt: Date, decisionDue: Date, decidedAt: Date? = nil, acceptedAt: Date? = nil,
                scheduledEndsAt: Date? = nil, deliveredAt: Date? = nil) {
        self.orderedAt = orderedAt
        self.decisionDue = decisionDue
        self.decidedAt = decidedAt
        self.acceptedAt = acceptedAt
        self.scheduledEndsAt = scheduledEndsAt
        self.deliveredAt = deliveredAt
    }
}

public struct OrderServiceResult: Sendable, Equatable {
    /// Orders the venue has answered, and of those, answered by the deadline.
    public var decided = 0
    public var decidedOnTime = 0
    /// Orders still unanswered past their deadline at `now`.
    public var overdue = 0
    /// Median hours from order to answer; nil with no answers.
    public var medianResponseHours: Double?
    /// Accepted orders whose activity has ended, and of those, confirmed delivered by the village.
    public var due = 0
    public var delivered = 0
    /// Median days from acceptance to confirmed delivery; nil with no deliveries.
    public var medianDaysToDelivery: Double?

    public var onTimeRate: Double? { decided == 0 ? nil : Double(decidedOnTime) / Double(decided) }
    /// Delivered ÷ accepted-and-ended: an order counts against fulfilment only once its date has passed.
    public var fulfilmentRate: Double? { due == 0 ? nil : Double(delivered) / Double(due) }
}

public enum OrderService {
    public static func result(_ orders: [OrderTimes], now: Date) -> OrderServiceResult {
        var r = OrderServiceResult()
        var responses: [Double] = []
        var deliveries: [Double] = []
        for o in orders {
            if let decided = o.decidedAt {
                r.decided += 1
                if decided <= o.decisionDue { r.decidedOnTime += 1 }
                responses.append(decided.timeIntervalSince(o.orderedAt) / 3600)
            } else if o.decisionDue < now {
                r.overdue += 1
            }
            if let accepted = o.acceptedAt, let ends = o.scheduledEndsAt, ends <= now || o.deliveredAt != nil {
                r.due += 1
                if let delivered = o.deliveredAt {
                    r.delivered += 1
                    deliveries.append(delivered.timeIntervalSince(accepted) / 86_400)
                }
            }
        }
        r.medianResponseHours = median(responses)
        r.medianDaysToDelivery = median(deliveries)
        return r
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
