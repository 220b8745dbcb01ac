import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// The 总分馆 tree can neither be looped by a write nor send a page into endless recursion when a
/// loop is already in the database (issue #20: three requests used to kill the process).
@Suite struct VenueTreeTests {
    @Test func twoVenuesCannotBeEachOthersParent() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let below = try await admin.send(.PATCH, "/api/v1/venues/\(f.chengguanStation.id!)", json: #"{"parentVenueId":"\#(f.library.id!)"}"#)
            #expect(below.status == .ok)
            let village = try await admin.send(.PATCH, "/api/v1/venues/\(f.chengguanVillageCentre.id!)",
                                               json: #"{"parentVenueId":"\#(f.chengguanStation.id!)"}"#)
            #expect(village.status == .ok)

            let loop = try await admin.send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: #"{"parentVenueId":"\#(f.chengguanVillageCentre.id!)"}"#)

            #expect(loop.status == .unprocessableEntity)
            #expect(loop.errorFields["parentVenueId"]?.contains("互为上级") == true)
            let library = try await Venue.find(f.library.id, on: app.db)
            #expect(library?.$parentVenue.id == nil, "nothing saved")
        }
    }

    @Test func aChainDeeperThanTheLimitIsRefused() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            var parent = f.library
            for level in 2...VenueTree.maxDepth {
                let v = try await Fixtures.venue("第\(level)级服务点", .villageCentre, .servicePoint, f.chengguanVillage, [], on: app.db)
                v.$parentVenue.id = parent.id
                try await v.update(on: app.db)
                parent = v
            }
            #expect(try await VenueTree.problem(placing: f.micunStation.id, under: parent.id!, on: app.db) == .tooDeep)
            #expect(try await VenueTree.problem(placing: f.micunStation.id, under: f.library.id!, on: app.db) == nil)
        }
    }

    @Test func aLoopAlreadyInTheDatabaseStillRendersTheNetwork() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            // As a hand edit in the database or a row from before the rule could leave it.
            f.library.$parentVenue.id = f.chengguanStation.id
            try await f.library.update(on: app.db)
            f.chengguanStation.$parentVenue.id = f.library.id
            try await f.chengguanStation.update(on: app.db)
            let other = try await Fixtures.venue("新密市文化馆", .culturalCentre, .main, f.city, [], on: app.db)
            other.$parentVenue.id = other.id
            try await other.update(on: app.db)

            let page = try await Browser(app).get("/network")

            #expect(page.status == .ok)
            #expect(page.body.string.contains("城关镇综合文化站"))
        }
    }
}
