import Fluent
import Foundation
import SQLKit
import Vapor

/// One menu line as the public menu shows it, read with its venue in one SQL row.
struct MenuRow: Decodable, Equatable {
    let id: UUID
    let title: String
    let kind: ServiceKind
    let content: String
    let quantity: Int
    let period: QuantityPeriod
    let unit: String
    let target_groups: String
    let fee_fen: Int
    let fee_note: String
    let orderable: Bool
    let venue_id: UUID
    let venue_name: String
    let latitude: Double?
    let longitude: Double?

    var targetGroups: [TargetGroup] { TargetGroup.decode(target_groups) }
}

/// The public menu's filters (R3.2), applied in SQL so a page costs the same for a county
/// or a province: count, sort (by title, or nearest first) and paging all happen in the database.
struct MenuSearch {
    var kind: ServiceKind?
    var group: TargetGroup?
    /// The provider's township.
    var townshipPath: String?
    /// Where "nearest" is measured from.
    var origin: (lat: Double, lng: Double)?
    var page = 1
    static let per = 15

    func count(on sql: any SQLDatabase) async throws -> Int {
        struct Row: Decodable { let n: Int }
        let select = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
        return try await filtered(select).first(decoding: Row.self)?.n ?? 0
    }

    func rows(on sql: any SQLDatabase) async throws -> [MenuRow] {
        let s = "service_items", v = "venues"
        let select = sql.select()
            .columns(["id", "title", "kind", "content", "quantity", "period", "unit", "target_groups", "fee_fen", "fee_note", "orderable", "venue_id"]
                .map { SQLColumn($0, table: s) })
            .column(SQLColumn("name", table: v), as: "venue_name")
            .column(SQLColumn("latitude", table: v)).column(SQLColumn("longitude", table: v))
        if let origin {
            // Venues without coordinates last; then an equirectangular distance, which orders
            // places within a county or province as the great-circle distance does.
            let k = cos(origin.lat * .pi / 180)
            select.orderBy(SQLRaw("CASE WHEN venues.latitude IS NULL THEN 1 ELSE 0 END"))
                .orderBy(SQLRaw("(venues.latitude - \(origin.lat)) * (venues.latitude - \(origin.lat)) + (venues.longitude - \(origin.lng)) * (venues.longitude - \(origin.lng)) * \(k * k)"))
        }
        select.orderBy(SQLColumn("title", table: s)).orderBy(SQLColumn("id", table: s))
            .limit(Self.per).offset((page - 1) * Self.per)
        return try await filtered(select).all(decoding: MenuRow.self)
    }

    private func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        let s = "service_items"
        select.from(s)
            .join("venues", on: SQLColumn("venue_id", table: s), .equal, SQLColumn("id", table: "venues"))
            .where(SQLColumn("active", table: s), .equal, SQLBind(true))
        if let kind { select.where(SQLColumn("kind", table: s), .equal, SQLBind(kind.rawValue)) }
        if let group { select.where(SQLColumn("target_groups", table: s), .like, SQLBind("%,\(group.rawValue),%")) }
        if let townshipPath { select.where(SQLColumn("region_path", table: s), .like, SQLBind(townshipPath + "%")) }
        return select
    }

    /// A village's location: its culture centre's, else its township station's.
    static func location(ofVillage village: VillageRef, township: TownshipRef?, on sql: any SQLDatabase) async throws -> (lat: Double, lng: Double)? {
        struct Row: Decodable { let region_path: String; let latitude: Double; let longitude: Double }
        let rows = try await sql.select().columns("region_path", "latitude", "longitude").from(Venue.schema)
            .where("latitude", .isNot, SQLLiteral.null)
            .where("region_path", .in, SQLBind.group([village.path, township?.path ?? village.path]))
            .all(decoding: Row.self)
        return rows.max { $0.region_path.count < $1.region_path.count }.map { ($0.latitude, $0.longitude) }
    }
}

/// A village as a choice in a form.
struct VillageRef: Decodable, Equatable {
    let id: UUID
    let name: String
    let path: String

    static func find(_ id: UUID, on sql: any SQLDatabase) async throws -> VillageRef? {
        try await sql.select().columns("id", "name", "path").from(Region.schema)
            .where("id", .equal, SQLBind(id)).where("level", .equal, RegionLevel.village.rawValue)
            .first(decoding: VillageRef.self)
    }

    /// The villages of one township: a choice that stays short at prefecture or province scale.
    static func all(in township: TownshipRef, on sql: any SQLDatabase) async throws -> [VillageRef] {
        try await sql.select().columns("id", "name", "path").from(Region.schema)
            .where("level", .equal, RegionLevel.village.rawValue).where("path", .like, SQLBind(township.path + "%"))
            .orderBy("path").all(decoding: VillageRef.self)
    }
}
