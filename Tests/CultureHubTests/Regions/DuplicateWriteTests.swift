import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Two identical writes at once: the database's unique index decides, and the loser is told so
/// with 409 and a message, never a 500 (issue #20).
@Suite struct DuplicateWriteTests {
    @Test func twoIdenticalRegionsAtOnceAnswerCreatedAndConflict() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let body = #"{"code":"410183100299","name":"新建村","kind":"village","parentId":"\#(f.chengguan.id!)","population":1200}"#
            let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for _ in 0..<6 {
                    group.addTask { let r = try await admin.send(.POST, "/api/v1/regions", json: body); return (r.status, r.body.string) }
                }
                return try await group.reduce(into: [(HTTPStatus, String)]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == .created }.count == 1)
            #expect(statuses.allSatisfy { [.created, .conflict, .unprocessableEntity].contains($0.0) }, "\(statuses.map(\.0.code))")
            #expect(statuses.filter { $0.0 == .conflict }.allSatisfy { $0.1.contains("\"code\":\"conflict\"") })
            #expect(try await Region.query(on: app.db).filter(\.$code == "410183100299").count() == 1)
        }
    }
}
