import Fluent
import Foundation
import SQLKit
import Vapor

/// The city's service menu for citizens (R3.2): every venue's items, filtered, nearest first
/// from a chosen village or the visitor's own location.
enum MenuController {
    struct Query: Content {
        var kind: String?
        var group: String?
        var township: String?
        /// The visitor's own township, which narrows the village choice.
        var near: String?
        var village: String?
        var lat: String?
        var lng: String?
        var page: String?
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let q = try req.query.decode(Query.self)
        let sql = req.db as! any SQLDatabase
        var check = FormCheck(req.lang)
        var search = MenuSearch()
        search.kind = (q.kind ?? "").isEmpty ? nil : check.choice("kind", q.kind)
        search.group = (q.group ?? "").isEmpty ? nil : check.choice("group", q.group)
        let townshipID = check.uuid("township", q.township, required: false)
        let nearID = check.uuid("near", q.near, required: false)
        let villageID = check.uuid("village", q.village, required: false)
        let lat = check.double("lat", q.lat, min: -90, max: 90), lng = check.double("lng", q.lng, min: -180, max: 180)
        search.page = check.int("page", q.page, required: false, min: 1, max: 10_000) ?? 1
        let townships = try await req.townships()
        if let townshipID { search.townshipPath = townships.find(townshipID)?.path ?? "/none/" }

        let village = try await villageID.asyncMap { try await VillageRef.find($0, on: sql) } ?? nil
        let near = townships.find(nearID) ?? village.flatMap { townships.township(containing: $0.path) }
        if let lat, let lng {
            search.origin = (lat, lng)
        } else if let village {
            search.origin = try await MenuSearch.location(ofVillage: village, township: near, on: sql)
        }
        if !check.isValid { search = MenuSearch() }
        let total = try await search.count(on: sql)
        let rows = try await search.rows(on: sql)
        let villages = try await near.asyncMap { try await VillageRef.all(in: $0, on: sql) } ?? []
        let orderable = rows.filter(\.orderable).map { (id: $0.id, quantity: $0.quantity, period: $0.period) }
        let remaining = try await OrderStats.remainingNow(orderable, today: req.displayTime.today, on: req.db)
        let page = MenuPage(query: q, search: search, total: total, rows: rows, remaining: remaining, near: near, villages: villages, errors: check.errors)
        return Layout.response(MenuView.render(PageContext(req), page, townships: townships), status: check.isValid ? .ok : .badRequest)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

enum Geo {
    /// Great-circle distance (haversine), good to a few metres at county scale.
    static func kilometres(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let r = 6371.0, rad = Double.pi / 180
        let dLat = (b.0 - a.0) * rad, dLng = (b.1 - a.1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.0 * rad) * cos(b.0 * rad) * sin(dLng / 2) * sin(dLng / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}
