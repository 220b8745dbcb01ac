import Fluent
import Foundation

/// How much synthetic data `culturehub generate` writes: one county is about Xinmi (17
/// townships, ~350 villages); a prefecture is 15 counties, a province 120 (R8, DESIGN §6).
enum Scale: String, CaseIterable {
    case county, prefecture, province
    var counties: Int { switch self { case .county: 1; case .prefecture: 15; case .province: 120 } }
}

/// The regions, venues, spaces and opening hours of synthetic counties, inserted in batches.
enum ScaleStructure {
    static let townshipsPerCounty = 17
    static let villagesPerTownship = 20...21
    static let cityVenues: [(VenueType, String)] = [(.culturalCentre, "文化馆"), (.library, "图书馆"), (.museum, "博物馆"), (.gymnasium, "体育馆"),
                                                    (.cityBookRoom, "第一城市书房"), (.cityBookRoom, "第二城市书房"), (.cityBookRoom, "第三城市书房"), (.operaCentre, "豫剧文化演艺中心")]

    struct Built {
        var regions = 0
        var venues: [Venue] = []
        var spaces: [Space] = []
    }

    /// Counties under one root ("省" or "市"), codes 9xxxxx so they never meet real ones.
    static func build(_ scale: Scale, on db: any Database, random: inout SeededRandom) async throws -> Built {
        var built = Built()
        let root = Region(id: UUID(), code: "900000", name: scale == .province ? "样例省" : scale == .prefecture ? "样例市" : "样例县", kind: .city, parent: nil, population: 0)
        var regions: [Region] = scale == .county ? [] : [root]
        // A county run is the county itself at the root.
        var venues: [Venue] = [], spaces: [Space] = [], hours: [OpeningHours] = []
        for c in 0..<scale.counties {
            let county = scale == .county ? root : Region(id: UUID(), code: String(format: "91%04d", c), name: "样例\(c + 1)县", kind: .city, parent: root, population: 0)
            if scale != .county { regions.append(county) } else { regions.append(root) }
            for (type, name) in cityVenues { venues.append(Venue(id: UUID(), name: "\(county.name)\(name)", type: type, networkRole: type == .library || type == .culturalCentre ? .main : .standalone, region: county, address: county.name)) }
            for t in 0..<townshipsPerCounty {
                let township = Region(id: UUID(), code: county.code + String(format: "%03d", 100 + t), name: "\(county.name)第\(t + 1)镇", kind: .town, parent: county, population: random.int(22_000...95_000))
                regions.append(township)
                venues.append(Venue(id: UUID(), name: "\(township.name)综合文化站", type: .townshipStation, networkRole: .branch, region: township, address: township.name))
                for v in 0..<random.int(villagesPerTownship) {
                    let village = Region(id: UUID(), code: township.code + String(format: "%03d", 200 + v), name: "\(township.name)\(v + 1)村", kind: .village, parent: township,
                                         population: random.int(800...4_500), isRemote: random.chance(0.1), isPoor: random.chance(0.08), isDemo: true)
                    regions.append(village)
                    if random.chance(0.96) { venues.append(Venue(id: UUID(), name: "\(village.name)综合文化服务中心", type: .villageCentre, networkRole: .servicePoint, region: village, address: village.name)) }
                }
            }
        }
        for venue in venues where venue.tier != .village {
            let s = Space()
            s.id = UUID(); s.$venue.id = venue.id!; s.regionPath = venue.regionPath; s.name = "多功能活动厅"; s.kind = .hall; s.capacity = 120; s.bookable = true; s.details = ""
            spaces.append(s)
            let days = venue.tier == .city ? 2...7 : 1...6
            for d in days { hours.append(OpeningHours(venueID: venue.id!, weekday: d, opensAt: 540, closesAt: 1050)) }
        }
        for chunk in regions.chunked(500) { try await chunk.create(on: db) }
        for chunk in venues.chunked(500) { try await chunk.create(on: db) }
        for chunk in spaces.chunked(500) { try await chunk.create(on: db) }
        for chunk in hours.chunked(1000) { try await chunk.create(on: db) }
        built.regions = regions.count; built.venues = venues; built.spaces = spaces
        return built
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
