import Fluent
import Foundation
import SQLKit

/// Whether a citizen has been to a venue recently enough to rate it (issue #20 point 5): a
/// check-in at one of its activities, a booking of one of its spaces that has begun, or a service
/// or a scan of its daily on-site rating code (`RatingPosterCode`), within the last 12 months.
/// A service delivered to the citizen's home village is not enough: the home village is what
/// the citizen says it is, and could be changed to reach any venue that served any village. Without this any
/// account could rate any venue, visited or not, and the ratings count in its satisfaction.
enum VenueVisits {
    static let window: TimeInterval = 365 * 86_400

    static func hasVisited(_ venueID: UUID, account: Account, now: Date, on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let id = try account.requireID(), since = now.addingTimeInterval(-window)
        struct Hit: Decodable { let hit: Int }
        let row = try await sql.raw("""
            SELECT 1 AS hit WHERE EXISTS (
                SELECT 1 FROM registrations r JOIN activities a ON a.id = r.activity_id
                WHERE r.account_id = \(bind: id) AND a.venue_id = \(bind: venueID)
                  AND r.checked_in_at >= \(bind: since) AND r.checked_in_at <= \(bind: now))
            OR EXISTS (
                SELECT 1 FROM space_bookings b
                WHERE b.account_id = \(bind: id) AND b.venue_id = \(bind: venueID) AND b.status = 'approved'
                  AND b.starts_at >= \(bind: since) AND b.starts_at <= \(bind: now))
            OR EXISTS (
                SELECT 1 FROM venue_visits v
                WHERE v.account_id = \(bind: id) AND v.venue_id = \(bind: venueID)
                  AND v.created_at >= \(bind: since) AND v.created_at <= \(bind: now))
            """).first(decoding: Hit.self)
        return row != nil
    }
}
