import Fluent
import SQLKit

extension Database {
    /// A composite index, for lists read in one order within a parent (a waiting list in
    /// arrival order, a space's bookings by time).
    func createIndex(_ table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        let name = "idx_\(table)_" + columns.joined(separator: "_")
        try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(ident: table) (\(unsafeRaw: columns.joined(separator: ", ")))").run()
    }
}
