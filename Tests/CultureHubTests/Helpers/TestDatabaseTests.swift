import Foundation
import SQLKit
import Testing
@testable import CultureHub

/// Guards the guard: the suite really runs on PostgreSQL when CI asks for it.
@Suite struct TestDatabaseTests {
    @Test func suiteRunsOnTheRequestedDatabase() async throws {
        try await withTestApp { app, _ in
            let dialect = try #require(app.db as? any SQLDatabase).dialect.name
            let wantsPostgres = !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty
            #expect(dialect == (wantsPostgres ? "postgresql" : "sqlite"))
        }
    }
}
