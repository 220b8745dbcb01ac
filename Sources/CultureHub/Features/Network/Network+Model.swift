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

    /// Builds the forest in memory: one query, then grouping by parent.
    static func tree(_ venues: [VenueRow]) -> [Node] {
        let byParent = Dictionary(grouping: venues) { $0.parentVenueID }
        func node(_ venue: VenueRow) -> Node {
            Node(id: venue.id, name: venue.name, type: venue.type, role: venue.networkRole,
                 children: (byParent[venue.id] ?? []).map(node))
        }
        return venues.filter { $0.networkRole == .main }.map(node)
    }
}
