import Fluent
import Foundation
import KPIMetrics

/// Figures for the order pages: response and fulfilment over one year's orders in scope, read
/// as six columns per order (a county's orders number in the hundreds a year).
enum OrderStats {
    static func load(_ scoped: () -> QueryBuilder<ServiceOrder>, since: Date, now: Date, on db: any Database) async throws -> OrderServiceResult {
        let rows = try await scoped().filter(\.$orderedAt >= since).filter(\.$status != .withdrawn)
            .field(\.$id).field(\.$orderedAt).field(\.$decisionDue).field(\.$decidedAt).field(\.$acceptedAt)
            .field(\.$scheduledEndsAt).field(\.$deliveredAt).field(\.$status).all()
        return OrderService.result(rows.map {
            OrderTimes(orderedAt: $0.orderedAt, decisionDue: $0.decisionDue, decidedAt: $0.decidedAt,
                       acceptedAt: $0.status == .cancelled ? nil : $0.acceptedAt, scheduledEndsAt: $0.scheduledEndsAt, deliveredAt: $0.deliveredAt)
        }, now: now)
    }

    /// Units left in the current period for each item, from one query over the usage table.
    static func remainingNow(_ items: [ServiceItem], today: String, on db: any Database) async throws -> [UUID: Int] {
        try await remainingNow(items.compactMap { i in i.id.map { ($0, i.quantity, i.period) } }, today: today, on: db)
    }

    static func remainingNow(_ items: [(id: UUID, quantity: Int, period: QuantityPeriod)], today: String, on db: any Database) async throws -> [UUID: Int] {
        guard !items.isEmpty else { return [:] }
        let usage = try await ServiceItemUsage.query(on: db).filter(\.$serviceItem.$id ~~ items.map(\.id)).all()
        var used: [String: Int] = [:]
        for u in usage { used[u.$serviceItem.id.uuidString + u.periodKey] = u.used }
        var left: [UUID: Int] = [:]
        for item in items {
            guard let key = OrderDesk.periodKey(item.period, day: today) else { continue }
            left[item.id] = max(0, item.quantity - (used[item.id.uuidString + key] ?? 0))
        }
        return left
    }
}
