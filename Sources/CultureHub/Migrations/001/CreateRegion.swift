import Fluent
import SQLKit

struct CreateRegion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("regions")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("level", .string, .required)
            .field("parent_id", .uuid, .references("regions", "id"))
            .field("path", .string, .required)
            .field("population", .int, .required)
            .field("is_remote", .bool, .required)
            .field("is_poor", .bool, .required)
            .field("is_demo", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.createIndex("regions", "path")
        try await database.createIndex("regions", "parent_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("regions").delete()
    }
}

extension Database {
    /// Fluent's schema builder has no plain index; both databases accept this statement.
    func createIndex(_ table: String, _ column: String) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX \(unsafeRaw: "idx_\(table)_\(column)") ON \(ident: table) (\(ident: column))").run()
    }
}
