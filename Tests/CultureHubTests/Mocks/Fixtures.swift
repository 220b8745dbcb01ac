import Fluent
import Foundation
import Vapor
@testable import CultureHub

/// A small city for tests: two townships with a village each, a venue in each place,
/// and one account per role. Much faster than the demo city, and every ID is at hand.
struct Fixtures {
    static let password = "Test1234"

    let city: Region
    let chengguan: Region
    let micun: Region
    let chengguanVillage: Region
    let micunVillage: Region
    let library: Venue
    let chengguanStation: Venue
    let micunStation: Venue
    let chengguanVillageCentre: Venue
    let micunVillageCentre: Venue
    let micunSpace: Space
    let chengguanSpace: Space

    static func make(on app: Application) async throws -> Fixtures {
        let db = app.db
        let city = Region(id: UUID(), code: "410183", name: "新密市", kind: .city, parent: nil, population: 826_031)
        let cg = Region(id: UUID(), code: "410183100", name: "城关镇", kind: .town, parent: city, population: 94_000)
        let mc = Region(id: UUID(), code: "410183101", name: "米村镇", kind: .town, parent: city, population: 45_000)
        let cgv = Region(id: UUID(), code: "410183100201", name: "东关村", kind: .village, parent: cg, population: 3_000, isDemo: true)
        let mcv = Region(id: UUID(), code: "410183101201", name: "拐峪村", kind: .village, parent: mc, population: 2_000, isRemote: true, isDemo: true)
        for r in [city, cg, mc, cgv, mcv] { try await r.create(on: db) }
        let library = try await venue("新密市图书馆", .library, .main, city, [.ramp, .lift], on: db)
        let cgs = try await venue("城关镇综合文化站", .townshipStation, .branch, cg, [.ramp, .accessibleToilet], on: db)
        let mcs = try await venue("米村镇综合文化站", .townshipStation, .branch, mc, [.ramp], on: db)
        let cgc = try await venue("东关村综合文化服务中心", .villageCentre, .servicePoint, cgv, [], on: db)
        let mcc = try await venue("拐峪村综合文化服务中心", .villageCentre, .servicePoint, mcv, [], on: db)
        let cgSpace = try await space(cgs, on: db)
        let mcSpace = try await space(mcs, on: db)
        let hash = try await app.password.async.hash(password)
        let accounts: [(String, Role, Region?, Venue?)] = [
            ("admin", .bureauAdmin, city, nil), ("evaluator", .evaluator, city, nil), ("thirdparty", .thirdPartyEvaluator, city, nil),
            ("chengguan", .townshipManager, cg, nil), ("micun", .townshipManager, mc, nil),
            ("librarian", .venueManager, nil, library), ("cgstation", .venueManager, nil, cgs),
            ("cgvillage", .villageStaff, cgv, nil),
        ]
        for (login, role, region, venue) in accounts {
            let a = Account(login: login, displayName: login, passwordHash: hash, role: role)
            a.$scopeRegion.id = region?.id
            a.$scopeVenue.id = venue?.id
            a.scopePath = region?.path ?? venue?.regionPath
            try await a.create(on: db)
        }
        let citizen = Account(login: "13800000001", displayName: "张大爷", passwordHash: hash, role: .citizen)
        citizen.phoneVerifiedAt = Date(timeIntervalSince1970: 1_700_000_000)
        try await citizen.create(on: db)
        return Fixtures(city: city, chengguan: cg, micun: mc, chengguanVillage: cgv, micunVillage: mcv, library: library,
                        chengguanStation: cgs, micunStation: mcs, chengguanVillageCentre: cgc, micunVillageCentre: mcc,
                        micunSpace: mcSpace, chengguanSpace: cgSpace)
    }

    static func venue(_ name: String, _ type: VenueType, _ role: NetworkRole, _ region: Region,
                      _ facilities: Set<AccessibilityFacility>, on db: any Database) async throws -> Venue {
        let v = Venue(name: name, type: type, networkRole: role, region: region,
                      address: "新密市\(region.name)", phone: "0371-69820000", facilities: facilities)
        try await v.create(on: db)
        return v
    }

    static func space(_ venue: Venue, on db: any Database) async throws -> Space {
        let s = Space()
        s.$venue.id = venue.id!
        s.regionPath = venue.regionPath
        s.name = "多功能活动厅"
        s.kind = .hall
        s.capacity = 100
        s.bookable = true
        s.details = ""
        try await s.create(on: db)
        return s
    }

    /// A bearer token for an account, as the account page would issue it when "for writing" is
    /// ticked. It does not expire: tests move their clocks freely; expiry is tested on its own.
    static func token(for login: String, on db: any Database) async throws -> String {
        let account = try await Account.query(on: db).filter(\.$login == login).first()!
        return try await APITokens.issue(for: account, name: "test", expiresAt: .distantFuture, canWrite: true, on: db).1
    }

    /// The city's cultural centre with its own manager (`wenhuaguan`): the venue that guides folk
    /// teams across the city (issue #19), kept out of `make` so other tests' venue counts stay put.
    func culturalCentre(on app: Application) async throws -> Venue {
        let centre = try await Self.venue("新密市文化馆", .culturalCentre, .main, city, [.ramp], on: app.db)
        let a = Account(login: "wenhuaguan", displayName: "wenhuaguan", passwordHash: try await app.password.async.hash(Self.password), role: .venueManager)
        a.$scopeVenue.id = centre.id
        a.scopePath = centre.regionPath
        try await a.create(on: app.db)
        return centre
    }
}
