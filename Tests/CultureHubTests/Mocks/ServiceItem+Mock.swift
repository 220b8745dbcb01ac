import Fluent
import Foundation
@testable import CultureHub

extension ServiceItem {
    static func mock(_ venue: Venue, title: String = "送戏下乡", quantity: Int = 3, period: QuantityPeriod = .year, orderable: Bool = true,
                     on db: any Database) async throws -> ServiceItem {
        let item = ServiceItem()
        item.$venue.id = venue.id!
        item.regionPath = venue.regionPath
        item.kind = .performance
        item.title = title
        item.content = "豫剧折子戏专场，约 2 小时"
        item.quantity = quantity
        item.period = period
        item.unit = "场"
        item.targetGroupCodes = TargetGroup.encode([.everyone, .elderly])
        item.feeFen = 0
        item.feeNote = ""
        item.orderable = orderable
        item.active = true
        try await item.create(on: db)
        return item
    }
}
