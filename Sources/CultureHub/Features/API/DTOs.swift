import Foundation
import Vapor

/// What the JSON API speaks: plain DTOs, never Fluent models (DESIGN §8).
struct PageDTO<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
}

struct RegionDTO: Content, Equatable {
    let id: UUID
    let code: String
    let name: String
    let kind: RegionKind
    let level: RegionLevel
    let parentId: UUID?
    let population: Int
    let isRemote: Bool
    let isPoor: Bool

    init(_ r: Region) {
        id = r.id!; code = r.code; name = r.name; kind = r.kind; level = r.level; parentId = r.$parent.id
        population = r.population; isRemote = r.isRemote; isPoor = r.isPoor
    }
}

struct HoursDTO: Content, Equatable {
    let weekday: Int
    let opens: String
    let closes: String
}

struct NoticeDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let title: String
    let freeItems: String
    let content: String
    let hoursText: String
    let validFrom: String
    let validUntil: String?
    let isCurrent: Bool

    init(_ n: FreeOpeningNotice, today: String) {
        id = n.id!; venueId = n.$venue.id; title = n.title; freeItems = n.freeItems; content = n.content
        hoursText = n.hoursText; validFrom = n.validFrom; validUntil = n.validUntil; isCurrent = n.isCurrent(on: today)
    }
}

struct VenueDTO: Content, Equatable {
    let id: UUID
    let name: String
    let type: VenueType
    let tier: RegionLevel
    let networkRole: NetworkRole
    let status: VenueStatus
    let regionId: UUID
    let parentVenueId: UUID?
    let address: String
    let phone: String
    let latitude: Double?
    let longitude: Double?
    let intro: String
    let accessibility: [AccessibilityFacility]
    let openingHours: [HoursDTO]?

    init(_ v: Venue, hours: [OpeningHours]? = nil) {
        id = v.id!; name = v.name; type = v.type; tier = v.tier; networkRole = v.networkRole; status = v.status
        regionId = v.$region.id; parentVenueId = v.$parentVenue.id; address = v.address; phone = v.phone
        latitude = v.latitude; longitude = v.longitude; intro = v.intro; accessibility = v.facilities
        openingHours = hours?.sorted { ($0.weekday, $0.opensAt) < ($1.weekday, $1.opensAt) }.map {
            HoursDTO(weekday: $0.weekday, opens: DisplayTime.clock($0.opensAt), closes: DisplayTime.clock($0.closesAt))
        }
    }
}

struct SpaceDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let name: String
    let kind: SpaceKind
    let capacity: Int
    let areaSqm: Int?
    let bookable: Bool
    let description: String

    init(_ s: Space) {
        id = s.id!; venueId = s.$venue.id; name = s.name; kind = s.kind; capacity = s.capacity
        areaSqm = s.areaSqm; bookable = s.bookable; description = s.details
    }
}

// MARK: - Inputs. Typed JSON, mapped onto the same form inputs the pages validate,
// so the API and the pages cannot disagree on a rule. Absent fields keep their value (PATCH).

struct RegionAPIInput: Content {
    var code: String?
    var name: String?
    var kind: String?
    var parentId: UUID?
    var population: Int?
    var isRemote: Bool?
    var isPoor: Bool?

    func merged(into base: RegionInput) -> RegionInput {
        var f = base
        if let code { f.code = code }
        if let name { f.name = name }
        if let kind { f.kind = kind }
        if let parentId { f.parent = parentId.uuidString }
        if let population { f.population = String(population) }
        if let isRemote { f.remote = isRemote ? "1" : "" }
        if let isPoor { f.poor = isPoor ? "1" : "" }
        return f
    }
}

struct VenueAPIInput: Content {
    var name: String?
    var type: String?
    var regionId: UUID?
    var parentVenueId: UUID?
    var networkRole: String?
    var status: String?
    var address: String?
    var phone: String?
    var latitude: Double?
    var longitude: Double?
    var intro: String?
    var accessibility: [String]?

    func merged(into base: VenueInput) -> VenueInput {
        var f = base
        if let name { f.name = name }
        if let type { f.type = type }
        if let regionId { f.region = regionId.uuidString }
        if let parentVenueId { f.parentVenue = parentVenueId.uuidString }
        if let networkRole { f.networkRole = networkRole }
        if let status { f.status = status }
        if let address { f.address = address }
        if let phone { f.phone = phone }
        if let latitude { f.latitude = String(latitude) }
        if let longitude { f.longitude = String(longitude) }
        if let intro { f.intro = intro }
        if let accessibility { f.facilities = accessibility }
        return f
    }
}

struct HoursAPIInput: Content {
    var hours: [HoursDTO]

    /// Up to two periods per weekday, in any order; they are sorted by opening time.
    func asInput(lang: Lang) throws -> HoursInput {
        var days: [Int: [HoursInput.Period]] = [:]
        var check = FormCheck(lang)
        for entry in hours {
            guard (1...7).contains(entry.weekday) else {
                check.fail("hours", "weekday 应为 1（周一）到 7（周日）。", "weekday must be 1 (Monday) to 7 (Sunday).")
                continue
            }
            days[entry.weekday, default: []].append(.init(opens: entry.opens, closes: entry.closes))
        }
        if days.values.contains(where: { $0.count > HoursInput.maxPeriods }) {
            check.fail("hours", "每天最多两个开放时段（午休前后）。", "At most two periods a day (before and after a lunch break).")
        }
        try check.throwIfInvalid()
        return HoursInput(days: days.mapValues { $0.sorted { (DisplayTime.minutes($0.opens) ?? 0) < (DisplayTime.minutes($1.opens) ?? 0) } })
    }
}

struct SpaceAPIInput: Content {
    var name: String?
    var kind: String?
    var capacity: Int?
    var areaSqm: Int?
    var bookable: Bool?
    var description: String?

    func merged(into base: SpaceInput) -> SpaceInput {
        var f = base
        if let name { f.name = name }
        if let kind { f.kind = kind }
        if let capacity { f.capacity = String(capacity) }
        if let areaSqm { f.area = String(areaSqm) }
        if let bookable { f.bookable = bookable ? "1" : "" }
        if let description { f.description = description }
        return f
    }
}

struct NoticeAPIInput: Content {
    var title: String?
    var freeItems: String?
    var content: String?
    var hoursText: String?
    var validFrom: String?
    var validUntil: String?

    func merged(into base: NoticeInput) -> NoticeInput {
        var f = base
        if let title { f.title = title }
        if let freeItems { f.freeItems = freeItems }
        if let content { f.content = content }
        if let hoursText { f.hoursText = hoursText }
        if let validFrom { f.validFrom = validFrom }
        if let validUntil { f.validUntil = validUntil }
        return f
    }
}
