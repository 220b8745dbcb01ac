import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Circulation in the 总分馆 tree through `/api/v1` (R1.3).
@Suite struct CirculationAPITests {
    @Test func batchesAreSentDownTheTreeAndReturned() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            try await CirculationTests.tree(f, on: app.db)
            let librarian = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))

            let sent = try await librarian.send(.POST, "/api/v1/circulation", json: """
                {"fromVenueId":"\(f.library.id!)","toVenueId":"\(f.chengguanStation.id!)","kind":"exhibition","description":"黄河文化图片展","quantity":24,"sentOn":"2026-11-18","dueBack":"2026-12-31"}
                """)
            let id = try #require(try await Circulation.query(on: app.db).first()?.id)
            let out = try await librarian.send(.GET, "/api/v1/manage/circulation?state=out")
            let back = try await librarian.send(.POST, "/api/v1/circulation/\(id)/return", json: #"{"returnedOn":"2026-11-18","returnedQuantity":24}"#)

            #expect(sent.status == .created && out.body.string.contains("黄河文化图片展"))
            #expect(back.status == .ok && back.body.string.contains("\"returnedQuantity\":24"))
        }
    }
}
