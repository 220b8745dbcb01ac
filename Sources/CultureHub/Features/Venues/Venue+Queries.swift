import Fluent
import FluentSQL

/// Venue filters that depend on other tables, written as subqueries so they stay one
/// statement however many venues a province has (an IN list of IDs would hit SQLite's
/// bound-parameter limit and grow with the data).
extension QueryBuilder where Model == Venue {
    /// Venues with (or, `false`, without) a free-opening notice valid on `day`.
    @discardableResult
    func havingCurrentNotice(_ has: Bool, on day: String) -> Self {
        filter(.sql(embed: """
            \(ident: Venue.schema).\(ident: "id") \(unsafeRaw: has ? "IN" : "NOT IN") (SELECT \(ident: "venue_id") \
            FROM \(ident: FreeOpeningNotice.schema) WHERE \(ident: "valid_from") <= \(bind: day) \
            AND (\(ident: "valid_until") IS NULL OR \(ident: "valid_until") >= \(bind: day)))
            """))
    }

    /// Venues whose current notice runs out between `day` and `until` (inclusive).
    @discardableResult
    func havingNoticeExpiring(from day: String, until: String) -> Self {
        filter(.sql(embed: """
            \(ident: Venue.schema).\(ident: "id") IN (SELECT \(ident: "venue_id") FROM \(ident: FreeOpeningNotice.schema) \
            WHERE \(ident: "valid_from") <= \(bind: day) AND \(ident: "valid_until") >= \(bind: day) AND \(ident: "valid_until") <= \(bind: until))
            """))
    }

    /// Venues with (or without) any opening hours entered.
    @discardableResult
    func havingOpeningHours(_ has: Bool) -> Self {
        filter(.sql(embed: """
            \(ident: Venue.schema).\(ident: "id") \(unsafeRaw: has ? "IN" : "NOT IN") (SELECT \(ident: "venue_id") FROM \(ident: OpeningHours.schema))
            """))
    }

    /// Venues open at this minute of this weekday (display time).
    @discardableResult
    func open(weekday: Int, minute: Int) -> Self {
        filter(.sql(embed: """
            \(ident: Venue.schema).\(ident: "id") IN (SELECT \(ident: "venue_id") FROM \(ident: OpeningHours.schema) \
            WHERE \(ident: "weekday") = \(bind: weekday) AND \(ident: "opens_at") <= \(bind: minute) AND \(ident: "closes_at") > \(bind: minute))
            """))
    }
}

extension QueryBuilder where Model == Region {
    /// Villages with (or without) an operating village culture centre (R1.4).
    @discardableResult
    func havingOperatingCentre(_ has: Bool) -> Self {
        filter(.sql(embed: """
            \(ident: Region.schema).\(ident: "id") \(unsafeRaw: has ? "IN" : "NOT IN") (SELECT \(ident: "region_id") FROM \(ident: Venue.schema) \
            WHERE \(ident: "type") = \(bind: VenueType.villageCentre.rawValue) AND \(ident: "status") = \(bind: VenueStatus.operating.rawValue))
            """))
    }
}
