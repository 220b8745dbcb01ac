import Fluent
import Foundation
import Vapor

struct HoursDTO: Content, Equatable {
    let weekday: Int
    let opens: String
    let closes: String
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

/// Typed JSON mapped onto the form input the pages validate, so the API and the pages cannot
/// disagree on a rule. Absent fields keep their value (PATCH).
struct VenueAPIInput: Content {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["region": "regionId", "parentVenue": "parentVenueId", "facilities": "accessibility"]

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

enum APIVenueController {
    /// Public directory, with the same filters as the venue page.
    @Sendable static func index(req: Request) async throws -> PageDTO<VenueDTO> {
        let search = try VenueSearch.parse(req.query.decode(VenueSearch.Query.self), lang: req.lang)
        let query = try await search.apply(to: Venue.query(on: req.db), on: req.db, at: req.displayTime)
        return try await query.paginate(PageRequest(page: search.page, per: search.per)).dto { VenueDTO($0) }
    }

    @Sendable static func show(req: Request) async throws -> VenueDTO {
        guard let venue = try await Venue.find(req.id(), on: req.db) else { throw AppError.notFound }
        return try await withHours(venue, req)
    }

    /// Staff: venues within the caller's scope only; others are 404.
    @Sendable static func manageIndex(req: Request) async throws -> PageDTO<VenueDTO> {
        let search = try VenueSearch.parse(req.query.decode(VenueSearch.Query.self), lang: req.lang)
        let scoped = try req.staff().scope.filter(Venue.query(on: req.db))
        let query = try await search.apply(to: scoped, on: req.db, at: req.displayTime)
        return try await query.paginate(PageRequest(page: search.page, per: search.per)).dto { VenueDTO($0) }
    }

    @Sendable static func manageShow(req: Request) async throws -> VenueDTO {
        try await withHours(req.scopedVenue(req.staff()), req)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.json(VenueAPIInput.self).merged(into: VenueInput())
        let venue = try await req.desk(fields: VenueAPIInput.jsonFields) { try await VenueEditor.create(input, by: req.staff(), on: req.db, lang: req.lang) }
        return try await created(VenueDTO(venue, hours: []), for: req)
    }

    @Sendable static func update(req: Request) async throws -> VenueDTO {
        let venue = try await req.venueForWrite()
        let input = try req.json(VenueAPIInput.self).merged(into: VenueInput(venue))
        try await req.desk(fields: VenueAPIInput.jsonFields) { try await VenueEditor.update(venue, with: input, by: req.staff(), on: req.db, lang: req.lang) }
        return try await withHours(venue, req)
    }

    @Sendable static func replaceHours(req: Request) async throws -> VenueDTO {
        let venue = try await req.venueForWrite()
        let input = try req.json(HoursAPIInput.self).asInput(lang: req.lang)
        try await VenueDetailsEditor.replaceHours(of: venue, with: input, by: req.staff(), on: req.db, lang: req.lang)
        return try await withHours(venue, req)
    }

    static func withHours(_ venue: Venue, _ req: Request) async throws -> VenueDTO {
        VenueDTO(venue, hours: try await OpeningHours.query(on: req.db).filter(\.$venue.$id == venue.requireID()).all())
    }
}
