import Fluent
import Foundation
import SQLKit
import Vapor

/// A township as pages need it: a name for a path, and a filter option.
struct TownshipRef: Codable, Equatable, Sendable {
    let id: UUID
    let code: String
    let name: String
    let path: String
}

/// The township tier, loaded once per request: names for paths, and the filter options.
/// Read with SQLKit into plain rows: it is on every page, and Fluent's reflective model
/// decoding showed up as the largest cost in the page benchmark.
struct TownshipIndex: Sendable {
    let townships: [TownshipRef]
    private let byPath: [String: TownshipRef]

    init(_ townships: [TownshipRef]) {
        self.townships = townships
        self.byPath = Dictionary(townships.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func load(on db: any Database) async throws -> TownshipIndex {
        guard let sql = db as? any SQLDatabase else { return TownshipIndex([]) }
        let rows = try await sql.select().columns("id", "code", "name", "path").from(Region.schema)
            .where("level", .equal, RegionLevel.township.rawValue).orderBy("code")
            .all(decoding: TownshipRef.self)
        return TownshipIndex(rows)
    }

    /// The township whose subtree holds `path`, if any.
    func township(containing path: String) -> TownshipRef? {
        var prefix = "/"
        for code in path.split(separator: "/") {
            prefix += code + "/"
            if let hit = byPath[prefix] { return hit }
        }
        return nil
    }

    func find(_ id: UUID?) -> TownshipRef? {
        guard let id else { return nil }
        return townships.first { $0.id == id }
    }

    /// Villages labelled "township · village", so same-named villages can be told apart.
    func villageOptions(_ villages: [Region]) -> [FormField.Option] {
        villages.map { FormField.Option(value: $0.id!.uuidString, label: [township(containing: $0.path)?.name, $0.name].compactMap { $0 }.joined(separator: " · ")) }
    }

    func options(_ lang: Lang, allLabel: String) -> [FormField.Option] {
        [FormField.Option(value: "", label: allLabel)] + townships.map { FormField.Option(value: $0.id.uuidString, label: $0.name) }
    }
}

private struct TownshipIndexKey: StorageKey { typealias Value = TownshipIndex }

extension Request {
    /// The township index, read at most once per request.
    func townships() async throws -> TownshipIndex {
        if let cached = storage[TownshipIndexKey.self] { return cached }
        let index = try await TownshipIndex.load(on: db)
        storage[TownshipIndexKey.self] = index
        return index
    }
}
