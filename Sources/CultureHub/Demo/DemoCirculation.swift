import Fluent
import Foundation

/// Book batches, touring exhibitions and equipment out in the 总分馆 tree: most due back later,
/// some returned, one late.
enum DemoCirculation {
    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_204)
        let venues = try await Venue.query(on: db).all()
        let mains = venues.filter { $0.networkRole == .main }
        var batches: [Circulation] = []
        let day = { (days: Int) in DisplayTime.day(now.addingTimeInterval(Double(days) * 86_400), in: timeZone) }
        let items: [(CirculationKind, String, ClosedRange<Int>)] = [
            (.bookBatch, "少儿图书流转", 150...400), (.bookBatch, "农业科技图书流转", 80...200), (.exhibition, "“黄河文化”图片巡展", 20...40),
            (.equipment, "便携式音响", 1...2), (.bookBatch, "大字版图书流转", 50...120),
        ]
        for main in mains {
            let below = venues.filter { $0.$parentVenue.id == main.id }
            for (n, branch) in below.prefix(8).enumerated() {
                let (kind, title, range) = items[n % items.count]
                let sentAgo = random.int(20...200)
                let c = Circulation()
                c.$fromVenue.id = main.id!
                c.fromRegionPath = main.regionPath
                c.$toVenue.id = branch.id!
                c.regionPath = branch.regionPath
                c.kind = kind
                c.details = title + "（第 \(n / items.count + 1) 批）"
                c.quantity = random.int(range)
                c.sentOn = day(-sentAgo)
                c.dueBack = day(-sentAgo + (n == 3 ? 30 : 120))
                c.returnNote = ""
                c.createdAt = now.addingTimeInterval(-Double(sentAgo) * 86_400)
                if sentAgo > 150 {
                    c.returnedOn = day(-sentAgo + 110)
                    c.returnedQuantity = c.quantity
                }
                batches.append(c)
            }
        }
        let all = batches
        try await db.writeTransaction { tx in try await all.create(on: tx) }
    }
}
