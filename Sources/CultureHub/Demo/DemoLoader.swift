import Fluent
import Foundation

/// Loads the demo city into an empty database, all in one transaction.
enum DemoLoader {
    struct Summary: Equatable {
        let regions: Int
        let villages: Int
        let venues: Int
        let accounts: [(login: String, role: Role, scope: String)]
        let password: String

        static func == (a: Summary, b: Summary) -> Bool {
            a.regions == b.regions && a.villages == b.villages && a.venues == b.venues && a.password == b.password
                && a.accounts.map(\.login) == b.accounts.map(\.login)
        }
    }

    static func isEmpty(_ db: any Database) async throws -> Bool {
        try await Region.query(on: db).count() == 0
    }

    static func load(on db: any Database, today: String, hash: @Sendable (String) async throws -> String) async throws -> Summary {
        let spec = try DemoCity.bundled()
        var generator = DemoGenerator(spec: spec, today: today)
        let out = generator.generate()
        let passwordHash = try await hash(spec.demoPassword)
        let regionsByCode = Dictionary((out.townships + out.villages).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var accounts: [Account] = []
        var listed: [(String, Role, String)] = []
        for a in spec.accounts {
            let account = Account(login: a.login, displayName: a.name, passwordHash: passwordHash, role: a.role)
            // The demo city's residents count as having confirmed their numbers (issue #20 point 4).
            if a.role == .citizen { account.phoneVerifiedAt = Date() }
            var scopeName = ""
            switch a.scope {
            case "city":
                account.$scopeRegion.id = out.city.id
                account.scopePath = out.city.path
                scopeName = out.city.name
            case let s where s.hasPrefix("venue:"):
                let key = String(s.dropFirst(6))
                let name = spec.cityVenues.first { $0.key == key }?.name
                if let venue = out.venues.first(where: { $0.name == name }) {
                    account.$scopeVenue.id = venue.id
                    account.scopePath = venue.regionPath
                    scopeName = venue.name
                }
            case let s where s.hasPrefix("firstVillage:"):
                let code = String(s.dropFirst(13))
                if let village = out.villages.first(where: { RegionPath.isWithin($0.path, "/\(spec.city.code)/\(code)/") }) {
                    account.$scopeRegion.id = village.id
                    account.scopePath = village.path
                    scopeName = village.name
                }
            case "none":
                break
            default:
                if let region = regionsByCode[a.scope] {
                    account.$scopeRegion.id = region.id
                    account.scopePath = region.path
                    scopeName = region.name
                }
            }
            accounts.append(account)
            listed.append((a.login, a.role, scopeName))
        }
        let newAccounts = accounts
        try await db.writeTransaction { tx in
            try await out.city.create(on: tx)
            try await insert(out.townships, on: tx)
            try await insert(out.villages, on: tx)
            // Parents before branches, so the self-reference holds row by row on both databases.
            try await insert(out.venues.filter { $0.$parentVenue.id == nil }, on: tx)
            try await insert(out.venues.filter { $0.$parentVenue.id != nil && $0.networkRole == .branch }, on: tx)
            try await insert(out.venues.filter { $0.$parentVenue.id != nil && $0.networkRole != .branch }, on: tx)
            try await insert(out.hours, on: tx)
            try await insert(out.spaces, on: tx)
            try await insert(out.resources, on: tx)
            try await insert(out.notices, on: tx)
            try await insert(newAccounts, on: tx)
        }
        return Summary(regions: 1 + out.townships.count + out.villages.count, villages: out.villages.count,
                       venues: out.venues.count, accounts: listed, password: spec.demoPassword)
    }

    /// Multi-row inserts in chunks, well under both databases' bound-parameter limits.
    private static func insert<M: Model>(_ models: [M], on db: any Database) async throws {
        var start = 0
        while start < models.count {
            let end = min(start + 200, models.count)
            try await Array(models[start..<end]).create(on: db)
            start = end
        }
    }
}
