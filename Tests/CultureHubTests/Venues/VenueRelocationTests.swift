import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Moving a venue keeps every figure attached to it counted under its new township, in one
/// transaction, audited (issue #19, R8.5).
@Suite struct VenueRelocationTests {
    @Test func everyTableThatNamesAVenueAndAPathFollowsAMove() async throws {
        try await withTestApp { app, _ in
            let sql = app.db as! any SQLDatabase
            struct Column: Decodable { let t: String; let c: String }
            let columns: [Column] = if case .postgres = app.settings.database {
                try await sql.raw("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()")
                    .all(decoding: Column.self)
            } else {
                try await sql.raw("SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'")
                    .all(decoding: Column.self)
            }
            let byTable = Dictionary(grouping: columns, by: \.t).mapValues { Set($0.map(\.c)) }
            let followed = Set(VenueRelocation.followers.map { "\($0.table).\($0.pathColumn)" })
            // A venue's branches keep their own region; an order's region path is the ordering village's.
            let exempt: Set<String> = ["venues.region_path", "service_orders.region_path"]
            var missing: [String] = []
            for (table, cols) in byTable where cols.contains(where: { $0.hasSuffix("venue_id") }) {
                for path in cols where path.hasSuffix("path") && !path.contains("photo") && !exempt.contains("\(table).\(path)") {
                    if !followed.contains("\(table).\(path)") { missing.append("\(table).\(path)") }
                }
            }
            #expect(missing.sorted() == [], "tables that would keep counting a moved venue under its old township")
        }
    }

    @Test func aMovedVenueTakesItsFiguresWithItInOneAuditedStep() async throws {
        try await withTestApp { app, clock in
            let world = try await AccessWorld.make(app, now: clock.now())
            let f = world.f
            let kinds: [RecordKind] = [.activityRegistration, .rating, .complaint, .booking, .order, .programme, .circulation, .staffMember,
                                       .survey, .volunteerShift, .volunteerApplication, .menuItem, .digital, .resource, .notice]
            for kind in kinds { _ = try await world.make(kind, at: .cgStation) }
            let mobile = try await Activity.mock(f.chengguanStation, title: "送戏到东关村", now: clock.now(), on: app.db)
            mobile.$village.id = f.chengguanVillage.id
            mobile.heldInPath = f.chengguanVillage.path
            try await mobile.update(on: app.db)
            let oldPath = f.chengguanStation.regionPath
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))

            let moved = try await admin.send(.PATCH, "/api/v1/venues/\(f.chengguanStation.id!)", json: #"{"regionId":"\#(f.micun.id!)"}"#)

            #expect(moved.status == .ok)
            let sql = app.db as! any SQLDatabase
            struct Row: Decodable { let n: Int }
            for follower in VenueRelocation.followers {
                let left = try await sql.raw("""
                    SELECT COUNT(*) AS n FROM \(unsafeRaw: follower.table) WHERE \(unsafeRaw: follower.venueColumn) = \(bind: f.chengguanStation.id!)
                    AND \(unsafeRaw: follower.pathColumn) = \(bind: oldPath)
                    """).first(decoding: Row.self)?.n ?? -1
                #expect(left == 0, "\(follower.table).\(follower.pathColumn) still under the old township")
            }
            #expect(try await Rating.query(on: app.db).filter(\.$regionPath == f.micun.path).count() == 1)
            #expect(try await Registration.query(on: app.db).filter(\.$regionPath == f.micun.path).count() == 1)
            #expect(try await VolunteerApplication.query(on: app.db).filter(\.$regionPath == f.micun.path).count() == 1)
            let account = try await Account.query(on: app.db).filter(\.$login == "cgstation").first()!
            #expect(account.scopePath == f.micun.path, "the venue's manager follows the venue")
            let show = try await Activity.find(mobile.id, on: app.db)!
            #expect(show.regionPath == f.micun.path && show.heldInPath == f.chengguanVillage.path, "a show held in a village stays held there")
            let event = try await AuditEvent.query(on: app.db).filter(\.$action == "venue.move").first()
            #expect(event?.summary.contains(oldPath) == true && event?.summary.contains(f.micun.path) == true)
            // The old township no longer sees it; the new one does.
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await chengguan.get(SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path).status == .notFound)
            let micun = try await Browser.signedIn(app, as: "micun")
            #expect(try await micun.get(SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path).status == .ok)
        }
    }
}
