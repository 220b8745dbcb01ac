import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// The digital catalogue through `/api/v1`.
@Suite struct DigitalAPITests {
    @Test func theCatalogueListsResourcesByKind() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let resource = DigitalResource()
            resource.$venue.id = f.library.id!; resource.regionPath = f.library.regionPath; resource.kind = .eReading; resource.title = "数字图书馆"
            resource.details = ""; resource.url = "https://e.example.cn"; resource.views = 3; resource.active = true; resource.createdAt = Date()
            try await resource.create(on: app.db)

            let digital = try await APIClient(app: app).send(.GET, "/api/v1/digital?kind=eReading")
            let badKind = try await APIClient(app: app).send(.GET, "/api/v1/digital?kind=vr")

            #expect(digital.body.string.contains("数字图书馆") && digital.body.string.contains("openURL") && badKind.status == .unprocessableEntity)
        }
    }
}
