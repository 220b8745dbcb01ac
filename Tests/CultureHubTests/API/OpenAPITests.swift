import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct OpenAPITests {
    @Test func noTwoFeaturesDefineOneSchemaName() {
        let names = OpenAPIDocument.schemaParts.flatMap(\.keys)
        let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated == [], "schema names defined by two features: the second would be ignored")
    }

    @Test func everyRegisteredAPIRouteIsDocumented() async throws {
        try await withTestApp { app, _ in
            let response = try await APIClient(app: app).send(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            #expect(doc["openapi"] as? String == "3.1.0")
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let apiRoutes = app.routes.all.filter { $0.path.count >= 2 && $0.path[0].description == "api" && $0.path[1].description == "v1" }
                .filter { !$0.path.contains(where: { $0.description == "**" }) }
            #expect(apiRoutes.count >= 20)
            for route in apiRoutes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let method = route.method.rawValue.lowercased()
                #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is in openapi.json")
            }
            // …and nothing is documented that does not exist.
            let documented = paths.flatMap { path, ops in ops.keys.map { "\($0) \(path)" } }
            #expect(documented.count == apiRoutes.count)
        }
    }

    @Test func publicListsPaginateAndFilter() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app)
            let page = try await api.send(.GET, "/api/v1/venues?per=2&page=2")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(page.body.string.utf8)) as? [String: Any])
            #expect(body["total"] as? Int == 5)
            #expect((body["items"] as? [Any])?.count == 2)
            #expect(body["page"] as? Int == 2)
            let villages = try await api.send(.GET, "/api/v1/regions?level=village&parent=\(f.micun.id!)").body.string
            #expect(villages.contains("拐峪村") && !villages.contains("东关村"))
            let one = try await api.send(.GET, "/api/v1/venues/\(f.chengguanStation.id!)").body.string
            #expect(one.contains("\"accessibility\":[\"ramp\",\"accessibleToilet\"]"))
        }
    }

    @Test func staffWritesThroughTheAPIRoundTrip() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let region = try await api.send(.POST, "/api/v1/regions", json: """
                {"code":"410183100203","name":"南关村","kind":"village","parentId":"\(f.chengguan.id!)","population":2100,"isPoor":true}
                """)
            #expect(region.status == .created)
            let venueID = f.chengguanStation.id!
            let hours = try await api.send(.PUT, "/api/v1/venues/\(venueID)/hours", json: #"{"hours":[{"weekday":1,"opens":"08:30","closes":"17:30"},{"weekday":2,"opens":"08:30","closes":"17:30"}]}"#)
            #expect(hours.status == .ok)
            #expect(hours.body.string.contains("\"opens\":\"08:30\""))
            let space = try await api.send(.POST, "/api/v1/venues/\(venueID)/spaces", json: #"{"name":"舞蹈室","kind":"rehearsalRoom","capacity":30,"bookable":true}"#)
            #expect(space.status == .created)
            let notice = try await api.send(.POST, "/api/v1/venues/\(venueID)/notices", json: """
                {"title":"城关镇综合文化站免费开放公示","freeItems":"阅览、培训","content":"全部免费","hoursText":"周一至周六","validFrom":"2026-01-01"}
                """)
            #expect(notice.status == .created)
            #expect(try await FreeOpeningNotice.query(on: app.db).filter(\.$venue.$id == venueID).count() == 1)
            #expect(try await Region.query(on: app.db).filter(\.$code == "410183100203").first()?.isPoor == true)
        }
    }
}
