import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Reports, mobile coverage, circulation and the digital catalogue through `/api/v1`.
@Suite struct ServicesAPITests {
    @Test func reportsAreListedAndFiledWithinScope() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let ended = try await ReportingTests.endedActivity(f, now: clock.now(), on: app.db)
            let library = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let due = try await library.send(.GET, "/api/v1/manage/reports?state=due")
            let badState = try await library.send(.GET, "/api/v1/manage/reports?state=soon")
            let outside = try await micun.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":40,"summary":"好"}"#)
            let tooMany = try await library.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":400,"summary":"好"}"#)
            let filed = try await library.send(.POST, "/api/v1/activities/\(ended.id!)/report", json: #"{"attendance":40,"summary":"顺利举行"}"#)
            let list = try await library.send(.GET, "/api/v1/manage/reports")

            #expect(due.status == .ok && due.body.string.contains(ended.id!.uuidString.uppercased()) && due.body.string.contains("notDue"))
            #expect(badState.status == .unprocessableEntity && outside.status == .forbidden, "a write outside the scope answers 403")
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("excessReason"))
            #expect(filed.status == .created && filed.body.string.contains("\"delivery\":\"queued\"") && filed.body.string.contains("\"timeliness\":\"onTime\""))
            #expect(list.body.string.contains("\"total\":1"))
        }
    }

    @Test func coverageCirculationAndTheCatalogue() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            try await CirculationTests.tree(f, on: app.db)
            let resource = DigitalResource()
            resource.$venue.id = f.library.id!; resource.regionPath = f.library.regionPath; resource.kind = .eReading; resource.title = "数字图书馆"
            resource.details = ""; resource.url = "https://e.example.cn"; resource.views = 3; resource.active = true; resource.createdAt = Date()
            try await resource.create(on: app.db)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let librarian = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))

            let coverage = try await admin.send(.GET, "/api/v1/manage/mobile-coverage?period=year")
            let venueCoverage = try await librarian.send(.GET, "/api/v1/manage/mobile-coverage")
            let sent = try await librarian.send(.POST, "/api/v1/circulation", json: """
                {"fromVenueId":"\(f.library.id!)","toVenueId":"\(f.chengguanStation.id!)","kind":"exhibition","description":"黄河文化图片展","quantity":24,"sentOn":"2026-11-18","dueBack":"2026-12-31"}
                """)
            let id = try #require(try await Circulation.query(on: app.db).first()?.id)
            let out = try await librarian.send(.GET, "/api/v1/manage/circulation?state=out")
            let back = try await librarian.send(.POST, "/api/v1/circulation/\(id)/return", json: #"{"returnedOn":"2026-11-18","returnedQuantity":24}"#)
            let digital = try await APIClient(app: app).send(.GET, "/api/v1/digital?kind=eReading")
            let badKind = try await APIClient(app: app).send(.GET, "/api/v1/digital?kind=vr")

            #expect(coverage.status == .ok && coverage.body.string.contains("\"period\":\"2026\"") && coverage.body.string.contains("拐峪村"))
            #expect(venueCoverage.status == .forbidden)
            #expect(sent.status == .created && out.body.string.contains("黄河文化图片展"))
            #expect(back.status == .ok && back.body.string.contains("\"returnedQuantity\":24"))
            #expect(digital.body.string.contains("数字图书馆") && digital.body.string.contains("openURL") && badKind.status == .unprocessableEntity)
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
