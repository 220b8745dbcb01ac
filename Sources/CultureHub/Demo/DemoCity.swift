import Foundation

/// The demo city file (`Resources/demo-city.json`): what is real about Xinmi is written there;
/// `DemoGenerator` fills in the villages from it.
struct DemoCity: Decodable {
    struct City: Decodable {
        let code: String
        let name: String
        let population: Int
        let latitude: Double
        let longitude: Double
    }
    struct Township: Decodable {
        let code: String
        let name: String
        let kind: RegionKind
        let population: Int
        let villages: Int
        let latitude: Double
        let longitude: Double
        let remote: Bool
        let missingCentres: Int
        let libraryBranch: Bool
    }
    struct VillageNames: Decodable {
        let community: [String]
        let first: [String]
        let second: [String]
        let prefix: [String]
    }
    /// [name, kind, capacity, area, bookable]
    struct SpaceSpec: Decodable {
        let name: String
        let kind: SpaceKind
        let capacity: Int
        let area: Int
        let bookable: Bool

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            name = try c.decode(String.self)
            kind = try c.decode(SpaceKind.self)
            capacity = try c.decode(Int.self)
            area = try c.decode(Int.self)
            bookable = try c.decode(Bool.self)
        }
    }
    /// [kind, quantity, note]
    struct ResourceSpec: Decodable {
        let kind: SpecialResourceKind
        let quantity: Int
        let note: String

        init(kind: SpecialResourceKind, quantity: Int, note: String) {
            self.kind = kind
            self.quantity = quantity
            self.note = note
        }

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            kind = try c.decode(SpecialResourceKind.self)
            quantity = try c.decode(Int.self)
            note = try c.decode(String.self)
        }
    }
    struct CityVenue: Decodable {
        let key: String
        let name: String
        let type: VenueType
        let networkRole: NetworkRole
        let parent: String?
        let region: String?
        let address: String
        let latitude: Double
        let longitude: Double
        let phone: String
        let intro: String
        let hours: String
        let facilities: [AccessibilityFacility]
        let spaces: [SpaceSpec]
        let resources: [ResourceSpec]
    }
    /// A weekly pattern: one period, or two around a lunch break; `closed` lists weekdays (1 = Monday).
    struct HoursTemplate: Decodable {
        let opens: String
        let closes: String
        let opens2: String?
        let closes2: String?
        let closed: [Int]

        var periods: [(String, String)] {
            [(opens, closes)] + (opens2.flatMap { o in closes2.map { (o, $0) } }.map { [$0] } ?? [])
        }
    }
    struct NoticeText: Decodable {
        let freeItems: String
        let content: String
        let stationFreeItems: String
        let villageFreeItems: String
    }
    struct DemoAccount: Decodable {
        let login: String
        let name: String
        let role: Role
        let scope: String
    }

    let city: City
    let townships: [Township]
    let villageNames: VillageNames
    let cityVenues: [CityVenue]
    let hours: [String: HoursTemplate]
    let stationSpaces: [SpaceSpec]
    let villageSpaces: [SpaceSpec]
    let stationFacilities: [[AccessibilityFacility]]
    let villageFacilities: [[AccessibilityFacility]]
    let noticeText: NoticeText
    let accounts: [DemoAccount]
    let demoPassword: String

    static func bundled() throws -> DemoCity {
        guard let url = Bundle.module.url(forResource: "demo-city", withExtension: "json") else {
            throw AppError.badRequest(zh: "缺少演示数据文件。", en: "The demo data file is missing.")
        }
        return try JSONDecoder().decode(DemoCity.self, from: Data(contentsOf: url))
    }
}

/// A small deterministic generator (SplitMix64), so the demo city is the same on every machine.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
}
