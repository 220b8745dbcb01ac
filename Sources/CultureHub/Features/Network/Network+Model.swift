import Fluent
import Foundation
import SQLKit
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
        let townships = try await req.townships()
        guard let sql = req.db as? any SQLDatabase else { throw AppError.notFound }
        var query = sql.select().columns("id", "name", "type", "network_role", "parent_venue_id").from(Venue.schema)
            .where("network_role", .notEqual, NetworkRole.standalone.rawValue)
        // Filtering keeps the main venues, so a township's branches still hang from them.
        if let id = UUID(uuidString: townshipRaw), let township = townships.find(id) {
            query = query.where {
                $0.where("network_role", .equal, NetworkRole.main.rawValue).orWhere("region_path", .like, township.path + "%")
            }
        }
        let venues = try await query.orderBy("name").all(decoding: VenueRow.self)
        return NetworkPage(
            roots: tree(venues),
            townshipFilter: townshipRaw,
            townships: townships.options(req.lang, allLabel: req.lang.t("全部乡镇（街道）", "All townships"))
        )
    }

    struct VenueRow: Decodable {
        let id: UUID
        let name: String
        let type: VenueType
        let networkRole: NetworkRole
        let parentVenueID: UUID?
        enum CodingKeys: String, CodingKey {
            case id, name, type
            case networkRole = "network_role"
            case parentVenueID = "parent_venue_id"
        }
    }

    /// Builds the forest in memory: one query, then grouping by parent. Writes refuse cycles, but
    /// rows written before that rule (or by hand in the database) must not send the page into
    /// endless recursion: each venue appears once, and the walk stops at `VenueTree.maxDepth`.
    static func tree(_ venues: [VenueRow]) -> [Node] {
        let byParent = Dictionary(grouping: venues) { $0.parentVenueID }
        var placed = Set<UUID>()
        func node(_ venue: VenueRow, depth: Int) -> Node {
            placed.insert(venue.id)
            let below = depth < VenueTree.maxDepth ? (byParent[venue.id] ?? []).filter { !placed.contains($0.id) } : []
            below.forEach { placed.insert($0.id) }
            return Node(id: venue.id, name: venue.name, type: venue.type, role: venue.networkRole,
                        children: below.map { node($0, depth: depth + 1) })
        }
        var roots: [Node] = []
        for main in venues where main.networkRole == .main && !placed.contains(main.id) {
            roots.append(node(main, depth: 1))
        }
        return roots
    }
}
