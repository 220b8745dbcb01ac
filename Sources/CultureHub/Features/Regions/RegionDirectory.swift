import Fluent
import Foundation

/// The township tier, loaded once per request: names for paths, and the filter options.
struct TownshipIndex {
    let townships: [Region]
    private let byPath: [String: Region]

    init(_ townships: [Region]) {
        self.townships = townships
        self.byPath = Dictionary(townships.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    }

    static func load(on db: any Database) async throws -> TownshipIndex {
        TownshipIndex(try await Region.query(on: db).filter(\.$level == .township).sort(\.$code).all())
    }

    /// The township whose subtree holds `path`, if any.
    func township(containing path: String) -> Region? {
        var prefix = "/"
        for code in path.split(separator: "/") {
            prefix += code + "/"
            if let hit = byPath[prefix] { return hit }
        }
        return nil
    }

    func find(_ id: UUID?) -> Region? {
        guard let id else { return nil }
        return townships.first { $0.id == id }
    }

    func options(_ lang: Lang, allLabel: String) -> [FormField.Option] {
        [FormField.Option(value: "", label: allLabel)] + townships.map { FormField.Option(value: $0.id!.uuidString, label: $0.name) }
    }
}
