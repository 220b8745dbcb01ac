import Fluent
import Foundation
import Vapor

/// The 总分馆 tree (R1.3): main venues, their township branches, and village service points.
struct NetworkPage: Equatable {
    struct Node: Equatable {
        let id: UUID
        let name: String
        let type: VenueType
        let role: NetworkRole
        var children: [Node]
        var descendantCount: Int { children.reduce(children.count) { $0 + $1.descendantCount } }
    }

    let roots: [Node]
    let townshipFilter: String
    let townships: [FormField.Option]

    static func build(_ req: Request) async throws -> NetworkPage {
        let townshipRaw = (try? req.query.get(String.self, at: "township")) ?? ""
        let townships = try await TownshipIndex.load(on: req.db)
        var query = Venue.query(on: req.db).filter(\.$networkRole != .standalone)
        // Filtering keeps the main venues, so a township's branches still hang from them.
        if let id = UUID(uuidString: townshipRaw), let township = townships.find(id) {
            query = query.group(.or) { $0.filter(\.$networkRole == .main).filter(\.$regionPath =~ township.path) }
        }
        let venues = try await query.sort(\.$name).all()
        return NetworkPage(
            roots: tree(venues),
            townshipFilter: townshipRaw,
            townships: townships.options(req.lang, allLabel: req.lang.t("全部乡镇（街道）", "All townships"))
        )
    }

    /// Builds the forest in memory: one query, then grouping by parent.
    static func tree(_ venues: [Venue]) -> [Node] {
        let byParent = Dictionary(grouping: venues) { $0.$parentVenue.id }
        func node(_ venue: Venue) -> Node {
            Node(id: venue.id!, name: venue.name, type: venue.type, role: venue.networkRole,
                 children: (byParent[venue.id] ?? []).map(node))
        }
        return venues.filter { $0.networkRole == .main }.map(node)
    }
}
