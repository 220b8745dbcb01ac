import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Mobile coverage, procured programmes, village busy days and tour proposals through `/api/v1`.
@Suite struct MobileServicesAPITests {
    @Test func coverageIsTheBureaus() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let librarian = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))

            let coverage = try await admin.send(.GET, "/api/v1/manage/mobile-coverage?period=year")
            let venueCoverage = try await librarian.send(.GET, "/api/v1/manage/mobile-coverage")

            #expect(coverage.status == .ok && coverage.body.string.contains("\"period\":\"2026\"") && coverage.body.string.contains("拐峪村"))
            #expect(venueCoverage.status == .ok, "a venue reads the coverage of the villages it serves")
        }
    }

    @Test func programmesBusyDaysAndTourProposalsWithinScope() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            for (venue, lat, lng) in [(f.library, 34.50, 113.39), (f.chengguanVillageCentre, 34.52, 113.40), (f.micunVillageCentre, 34.40, 113.50)] {
                venue.latitude = lat; venue.longitude = lng
                try await venue.save(on: app.db)
            }
            let item = try await ServiceItem.mock(f.library, on: app.db)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let village = APIClient(app: app, token: try await Fixtures.token(for: "cgvillage", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))

            let negative = try await admin.send(.POST, "/api/v1/programmes", json: """
                {"venueId":"\(f.library.id!)","year":2026,"title":"送戏下乡","provider":"豫剧团","budgetFen":-100,"shows":10}
                """)
            let programme = try await admin.send(.POST, "/api/v1/programmes", json: """
                {"venueId":"\(f.library.id!)","year":2026,"title":"2026 年送戏下乡","provider":"新密市豫剧团","budgetFen":3600000,"shows":10}
                """)
            let listed = try await admin.send(.GET, "/api/v1/manage/programmes?year=2026")
            let busy = try await village.send(.POST, "/api/v1/village-days", json: #"{"villageId":"\#(f.chengguanVillage.id!)","day":"2026-11-25","reason":"庙会"}"#)
            let outside = try await village.send(.POST, "/api/v1/village-days", json: #"{"villageId":"\#(f.micunVillage.id!)","day":"2026-11-25","reason":"秋收"}"#)
            let days = try await admin.send(.GET, "/api/v1/manage/village-days")
            let plan = try await admin.send(.POST, "/api/v1/tours/plan", json: """
                {"itemId":"\(item.id!)","villageIds":["\(f.chengguanVillage.id!)","\(f.micunVillage.id!)"],"start":"2026-11-25","perDay":1}
                """)
            let notTheirs = try await micun.send(.POST, "/api/v1/tours/plan", json: """
                {"itemId":"\(item.id!)","villageIds":["\(f.micunVillage.id!)"],"start":"2026-11-25","perDay":1}
                """)

            #expect(negative.status == .unprocessableEntity && programme.status == .created && programme.body.string.contains("\"budgetFen\":3600000"))
            #expect(listed.body.string.contains("2026 年送戏下乡"))
            #expect(busy.status == .created && outside.status == .unprocessableEntity && days.body.string.contains("庙会"))
            let body = plan.body.string
            #expect(plan.status == .ok && body.contains("\"days\":2"))
            #expect(body.range(of: f.micunVillage.id!.uuidString)!.lowerBound < body.range(of: f.chengguanVillage.id!.uuidString)!.lowerBound,
                    "东关村 is busy on the first day, so 拐峪村 comes first")
            #expect(notTheirs.status == .unprocessableEntity && notTheirs.body.string.contains("item"), "another township cannot plan with the library's item")
        }
    }
}
