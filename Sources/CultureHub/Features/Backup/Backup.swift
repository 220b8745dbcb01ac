import Fluent
import Foundation
import SQLKit
import SQLiteNIO

/// Online backups of the embedded database (issue #4, R9.5). `VACUUM INTO` copies the database
/// as one read transaction: the copy is consistent even while the server keeps writing, and
/// it is compacted. PostgreSQL uses pg_dump/pg_restore (README).
enum Backup {
    /// Row count and an order-independent checksum of one table: enough to tell two copies apart.
    struct TableDigest: Decodable, Equatable {
        let table: String
        let rows: Int
        let checksum: String
    }

    static let tables = ["regions", "venues", "spaces", "opening_hours", "space_hours", "free_opening_notices", "special_resources",
                         "accounts", "api_tokens", "service_items", "activities", "registrations", "space_bookings",
                         "checkin_attempts", "audit_events", "audit_head"]

    enum Failure: Error, CustomStringConvertible {
        case notSQLite, exists(String), damaged(String)
        var description: String {
            switch self {
            case .notSQLite: "备份命令只用于 SQLite；PostgreSQL 请用 pg_dump（见 README）。/ Backups of PostgreSQL use pg_dump (see README)."
            case .exists(let path): "目标文件已存在：\(path) / The target file exists: \(path)"
            case .damaged(let reason): "备份文件校验失败：\(reason) / The backup file failed its check: \(reason)"
            }
        }
    }

    /// Writes a consistent copy of the live database to `path`.
    static func write(to path: String, from db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { throw Failure.notSQLite }
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure.exists(path) }
        try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try await sql.raw("VACUUM INTO \(bind: path)").run()
    }

    /// Opens a backup file on its own and checks it: SQLite's integrity check, then a digest of
    /// every table. Throws `damaged` for a file that is not a sound CultureHub database.
    static func inspect(_ path: String, on group: any EventLoopGroup, threadPool: NIOThreadPool) async throws -> [TableDigest] {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure.damaged("no such file") }
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, on: group.any())
        do {
            let sql = connection.sql()
            struct Check: Decodable { let integrity_check: String }
            let check = try await sql.raw("PRAGMA integrity_check").all(decoding: Check.self)
            guard check.map(\.integrity_check) == ["ok"] else { throw Failure.damaged(check.map(\.integrity_check).joined(separator: "; ")) }
            let digests = try await digest(sql)
            try await connection.close()
            return digests
        } catch {
            try? await connection.close()
            throw error is Failure ? error : Failure.damaged(String(describing: error))
        }
    }

    /// Row counts and checksums of the live database, to compare with a backup.
    static func digest(_ sql: any SQLDatabase) async throws -> [TableDigest] {
        var out: [TableDigest] = []
        for table in tables {
            // Every table has an id or a seq; hashing the sorted keys with the row count catches a
            // missing, extra or replaced row.
            let key = table == "audit_head" ? "last_hash" : table == "audit_events" ? "hash" : "id"
            struct Row: Decodable { let k: String }
            let keys = try await sql.raw("SELECT CAST(\(ident: key) AS TEXT) AS k FROM \(ident: table) ORDER BY 1").all(decoding: Row.self)
            out.append(TableDigest(table: table, rows: keys.count, checksum: Hex.sha256(keys.map(\.k).joined(separator: "\n"))))
        }
        return out
    }

    /// Replaces the database file with a checked backup. The server must be stopped; the file
    /// it replaces is kept beside it.
    static func restore(_ backup: String, over live: String, now: Date) throws -> String {
        let keep = live + ".before-restore-" + stamp(now)
        let fm = FileManager.default
        if fm.fileExists(atPath: live) { try fm.moveItem(atPath: live, toPath: keep) }
        for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: live + suffix) {
            try fm.moveItem(atPath: live + suffix, toPath: keep + suffix)
        }
        try fm.copyItem(atPath: backup, toPath: live)
        return keep
    }

    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: date)
    }
}
