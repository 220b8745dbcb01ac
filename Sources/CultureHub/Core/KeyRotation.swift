import Fluent
import Foundation
import SQLKit

/// Re-encrypts every value of every `SealedField` that is not yet bound under the current key
/// (legacy `v1:` values and values under retired keys), while app processes keep serving.
///
/// Small batches, each in its own short transaction; the crypto runs outside it. Each row is
/// written with `UPDATE … WHERE id = ? AND col = <the value read>`, so a value a server changed
/// in the meantime is left alone (it was sealed under the current key by that server). Running it
/// again finds nothing to do.
enum KeyRotation {
    struct Tally: Sendable, Equatable {
        var rewritten = 0
        /// Changed by someone else between our read and our write; theirs stands.
        var changedMeanwhile = 0
        /// Ids of rows whose value does not open with any key this process has.
        var unreadable: [UUID] = []
    }

    struct Report: Sendable, Equatable {
        var currentVersion: Int
        var fields: [SealedField: Tally]

        var rewritten: Int { fields.values.reduce(0) { $0 + $1.rewritten } }
        var changedMeanwhile: Int { fields.values.reduce(0) { $0 + $1.changedMeanwhile } }
        var unreadable: Int { fields.values.reduce(0) { $0 + $1.unreadable.count } }

        /// For the audit log and the console: counts only, never values.
        var summary: String {
            let parts = SealedField.all.map { "\($0) \(fields[$0]?.rewritten ?? 0)" }.joined(separator: ", ")
            return "re-encrypted \(rewritten) values under key version \(currentVersion) (\(parts)); "
                + "changed meanwhile \(changedMeanwhile); unreadable \(unreadable)"
        }
    }

    /// Called after a batch is read and sealed anew, before it is written (tests interleave writes here).
    typealias Hook = @Sendable (SealedField, [UUID]) async throws -> Void

    static func rotate(on db: any Database, cipher: FieldCipher, batchSize: Int = 200,
                       beforeWrite: Hook? = nil) async throws -> Report {
        var report = Report(currentVersion: cipher.keys.currentVersion, fields: [:])
        for field in SealedField.all {
            report.fields[field] = try await rotate(field, on: db, cipher: cipher, batchSize: max(batchSize, 1),
                                                    beforeWrite: beforeWrite)
        }
        return report
    }

    private struct Row: Decodable { let id: UUID; let value: String }

    private static func rotate(_ field: SealedField, on db: any Database, cipher: FieldCipher, batchSize: Int,
                               beforeWrite: Hook?) async throws -> Tally {
        let sql = db as! any SQLDatabase
        let current = FieldCipher.currentPrefix(cipher.keys.currentVersion)
        var tally = Tally()
        var after: UUID?
        while true {
            // Keyset paging by id: an unreadable row is passed over, never read again in a loop.
            var query = sql.select().column(SQLColumn("id"))
                .column(SQLAlias(SQLColumn(field.column), as: SQLIdentifier("value")))
                .from(field.table)
                .where(SQLColumn(field.column), .isNot, SQLLiteral.null)
                .where(SQLColumn(field.column), .notLike, SQLBind(current + "%"))
            if let after { query = query.where(SQLColumn("id"), .greaterThan, SQLBind(after)) }
            let rows = try await query.orderBy("id").limit(batchSize).all(decoding: Row.self)
            guard let last = rows.last else { break }
            after = last.id
            var rewrites: [(id: UUID, old: String, new: String)] = []
            for row in rows {
                do {
                    let plain = try cipher.open(row.value, for: field, row: row.id)
                    rewrites.append((row.id, row.value, try cipher.seal(plain, for: field, row: row.id)))
                } catch {
                    tally.unreadable.append(row.id)
                }
            }
            try await beforeWrite?(field, rewrites.map(\.id))
            let batch = rewrites
            let written = try await db.writeTransaction { tx in
                var written = 0
                for rewrite in batch {
                    written += try await (tx as! any SQLDatabase).update(field.table)
                        .set(SQLColumn(field.column), to: SQLBind(rewrite.new))
                        .where(SQLColumn("id"), .equal, SQLBind(rewrite.id))
                        .where(SQLColumn(field.column), .equal, SQLBind(rewrite.old))
                        .returning("id").all().count
                }
                return written
            }
            tally.rewritten += written
            tally.changedMeanwhile += batch.count - written
        }
        return tally
    }

    /// How many stored values each key version holds, per field (`keys check`): a retired key may
    /// be dropped once no value names its version (legacy `v1:` values need key version 1).
    static func census(on db: any Database, batchSize: Int = 1000) async throws
        -> [SealedField: [FieldCipher.StoredForm: Int]] {
        let sql = db as! any SQLDatabase
        var result: [SealedField: [FieldCipher.StoredForm: Int]] = [:]
        for field in SealedField.all {
            var counts: [FieldCipher.StoredForm: Int] = [:]
            var after: UUID?
            while true {
                // Only the prefix is read: the census never handles a whole ciphertext.
                let prefix = SQLFunction("substr", args: SQLColumn(field.column),
                                         SQLLiteral.numeric("1"), SQLLiteral.numeric("16"))
                var query = sql.select().column(SQLColumn("id")).column(SQLAlias(prefix, as: SQLIdentifier("value")))
                    .from(field.table).where(SQLColumn(field.column), .isNot, SQLLiteral.null)
                if let after { query = query.where(SQLColumn("id"), .greaterThan, SQLBind(after)) }
                let rows = try await query.orderBy("id").limit(batchSize).all(decoding: Row.self)
                guard let last = rows.last else { break }
                after = last.id
                for row in rows { counts[FieldCipher.form(ofPrefix: row.value), default: 0] += 1 }
            }
            result[field] = counts
        }
        return result
    }

    /// Opens the first `sample` values of every sealed column with the configured keys and throws
    /// if any fails: a process started with another key (a typo, another machine's key) would
    /// otherwise serve, write values no other process reads, and fail only when someone looks.
    static func probe(on db: any Database, cipher: FieldCipher, sample: Int = 20) async throws {
        let sql = db as! any SQLDatabase
        struct Value: Decodable { let id: UUID; let value: String }
        for field in SealedField.all {
            let rows = try await sql.select().column(SQLColumn("id"))
                .column(SQLAlias(SQLColumn(field.column), as: SQLIdentifier("value")))
                .from(field.table).where(SQLColumn(field.column), .isNot, SQLLiteral.null)
                .orderBy("id").limit(sample).all(decoding: Value.self)
            let unreadable = rows.filter { (try? cipher.open($0.value, for: field, row: $0.id)) == nil }.count
            if unreadable > 0 { throw DataKeyError.cannotOpen(field: field.description, rows: unreadable) }
        }
    }
}
