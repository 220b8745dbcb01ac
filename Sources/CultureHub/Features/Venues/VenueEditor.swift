import Fluent
import Foundation
import Vapor

struct VenueInput: Content, Equatable {
    var name: String?
    var type: String?
    var region: String?
    var parentVenue: String?
    var networkRole: String?
    var status: String?
    var address: String?
    var phone: String?
    var latitude: String?
    var longitude: String?
    var intro: String?
    var facilities: [String]?

    init() {}

    init(_ v: Venue) {
        name = v.name; type = v.type.rawValue; region = v.$region.id.uuidString
        parentVenue = v.$parentVenue.id?.uuidString; networkRole = v.networkRole.rawValue; status = v.status.rawValue
        address = v.address; phone = v.phone; latitude = v.latitude.map { String($0) }; longitude = v.longitude.map { String($0) }
        intro = v.intro; facilities = v.facilities.map(\.rawValue)
    }
}

/// Venue writes for both the staff pages and the API.
enum VenueEditor {
    static func create(_ input: VenueInput, by staff: Staff, on db: any Database, lang: Lang) async throws -> Venue {
        try staff.require(.createVenues)
        let venue = Venue()
        try await apply(input, to: venue, by: staff, on: db, lang: lang, isNew: true)
        try await venue.save(on: db)
        return venue
    }

    static func update(_ venue: Venue, with input: VenueInput, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try staff.require(.editRegistry)
        try staff.scope.authorize(venue)
        let oldPath = venue.regionPath
        try await apply(input, to: venue, by: staff, on: db, lang: lang, isNew: false)
        try await db.writeTransaction { tx in
            try await venue.save(on: tx)
            guard venue.regionPath != oldPath, let id = venue.id else { return }
            // Everything counted under the venue moves with it, or the old township keeps its figures.
            let moved = try await VenueRelocation.move(venueID: id, to: venue.regionPath, on: tx)
            try await AuditLog.record(action: "venue.move", entity: Venue.schema, entityID: id.uuidString,
                                      summary: "\(venue.name): \(oldPath) → \(venue.regionPath), \(moved) rows moved with it", on: tx)
        }
    }

    private static func apply(_ input: VenueInput, to venue: Venue, by staff: Staff, on db: any Database, lang: Lang, isNew: Bool) async throws {
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 100)
        let type: VenueType? = check.choice("type", input.type)
        let role: NetworkRole? = check.choice("networkRole", input.networkRole)
        let status: VenueStatus? = check.choice("status", input.status)
        let address = check.text("address", input.address, max: 200)
        let phone = check.text("phone", input.phone, required: false, max: 30)
        if !phone.isEmpty && !phone.allSatisfy({ $0.isNumber || "-+ ()".contains($0) }) {
            check.fail("phone", "电话只能包含数字和“-”，例如 0371-69820000。", "Digits and dashes only, e.g. 0371-69820000.")
        }
        let latitude = check.double("latitude", input.latitude, min: -90, max: 90)
        let longitude = check.double("longitude", input.longitude, min: -180, max: 180)
        if (latitude == nil) != (longitude == nil) && check.errors["latitude"] == nil && check.errors["longitude"] == nil {
            check.fail(latitude == nil ? "latitude" : "longitude", "经度和纬度需要同时填写。", "Give both latitude and longitude.")
        }
        let intro = check.text("intro", input.intro, required: false, max: 2000)
        var facilities = Set<AccessibilityFacility>()
        for raw in input.facilities ?? [] where !raw.isEmpty {
            if let f = AccessibilityFacility(rawValue: raw) { facilities.insert(f) } else {
                check.fail("facilities", "不认识的无障碍设施“\(raw)”。", "Unknown facility “\(raw)”.")
            }
        }
        var region: Region?
        if let regionID = check.uuid("region", input.region) {
            region = try await Region.find(regionID, on: db)
            if region == nil {
                check.fail("region", "所选区域不存在。", "That region does not exist.")
            } else if regionID != (isNew ? nil : venue.$region.id), !staff.scope.covers(regionPath: region!.path) {
                check.fail("region", "所选区域不在您的管辖范围内。", "That region is outside your scope.")
            }
        }
        if let type, let region {
            if type == .villageCentre && region.level != .village {
                check.fail("region", "村级文化服务中心应设在村（社区）。", "A village centre belongs to a village or community.")
            } else if (type == .townshipStation || type == .libraryBranch) && region.level != .township {
                check.fail("region", "综合文化站和图书馆分馆应设在乡镇（街道）。", "A township station or library branch belongs to a township.")
            }
        }
        if let type, !staff.may(.classifyVenues) {
            // A kind decides the tier (city units are ranked apart) and which venues guide teams.
            if isNew && type.tier == .city {
                check.fail("type", "市级场馆由文广旅体局登记。", "City venues are registered by the bureau.")
            } else if !isNew && (type != venue.type || role != venue.networkRole) {
                check.fail(type != venue.type ? "type" : "networkRole", "场馆类型和总分馆角色由文广旅体局设定，如需调整请联系局里。",
                           "A venue's kind and network role are set by the bureau; ask them to change it.")
            }
        }
        var parentID: UUID?
        if let id = check.uuid("parentVenue", input.parentVenue, required: false) {
            if id == venue.id {
                check.fail("parentVenue", "上级馆不能是自己。", "A venue cannot be its own parent.")
            } else if try await Venue.find(id, on: db) == nil {
                check.fail("parentVenue", "所选上级馆不存在。", "That parent venue does not exist.")
            } else if let problem = try await VenueTree.problem(placing: venue.id, under: id, on: db) {
                switch problem {
                case .loop:
                    check.fail("parentVenue", "所选上级馆是本馆的下级馆，不能互为上级。",
                               "That venue sits below this one in the network; two venues cannot be each other's parent.")
                case .tooDeep:
                    check.fail("parentVenue", "总分馆层级过多（最多 \(VenueTree.maxDepth) 级），请选更上一级的馆。",
                               "The network would be more than \(VenueTree.maxDepth) levels deep; choose a venue higher up.")
                }
            } else {
                parentID = id
            }
        }
        if !isNew, parentID != venue.$parentVenue.id, !staff.may(.classifyVenues) {
            check.fail("parentVenue", "总分馆关系由文广旅体局设定，如需调整请联系局里。", "The main–branch tree is set by the bureau; ask them to change it.")
        }
        try check.throwIfInvalid()
        venue.name = name
        venue.type = type!
        venue.tier = type!.tier
        venue.networkRole = role!
        venue.status = status!
        venue.$region.id = region!.id!
        venue.regionPath = region!.path
        venue.$parentVenue.id = parentID
        venue.address = address
        venue.phone = phone
        venue.latitude = latitude
        venue.longitude = longitude
        venue.intro = intro
        venue.accessibilityCodes = AccessibilityFacility.encode(facilities)
    }
}
