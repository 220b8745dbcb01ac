import Fluent
import Foundation
import SQLKit

extension AuditLog {
    struct Verification: Equatable {
        let checked: Int
        let firstBreak: AuditChain.Break?
    }

    /// Recomputes the chain from its anchor to the head, a page at a time.
    static func verify(on db: any Database) async throws -> Verification {
        try await verify(sql: db as! any SQLDatabase)
    }

    /// The same on any SQL connection, e.g. a backup file opened on its own.
    static func verify(sql: any SQLDatabase) async throws -> Verification {
        struct Head: Decodable { let last_seq: Int64; let last_hash: String; let anchor_seq: Int64; let anchor_hash: String }
        guard let head = try await sql.select().columns("last_seq", "last_hash", "anchor_seq", "anchor_hash").from("audit_head")
            .where("id", .equal, SQLBind(1)).first(decoding: Head.self) else {
            return Verification(checked: 0, firstBreak: .truncated(expectedLast: 0, foundLast: 0))
        }
        var verifier = AuditChain.Verifier(anchorSeq: head.anchor_seq, anchorHash: head.anchor_hash)
        var after = head.anchor_seq
        while true {
            let page = try await sql.select()
                .columns("seq", "at", "actor_id", "actor", "action", "entity", "entity_id", "summary", "ip", "prev_hash", "hash")
                .from(AuditEvent.schema).where("seq", .greaterThan, SQLBind(after))
                // Events appended after the head was read belong to a later check: without this
                // bound a busy server looked truncated (the walk passed the head it had read).
                .where("seq", .lessThanOrEqual, SQLBind(head.last_seq)).orderBy("seq").limit(1000)
                .all(decoding: Row.self)
            for row in page {
                if let broken = verifier.check(row.event) { return Verification(checked: verifier.checked, firstBreak: broken) }
            }
            guard let last = page.last else { break }
            after = last.seq
        }
        return Verification(checked: verifier.checked, firstBreak: verifier.finish(headSeq: head.last_seq, headHash: head.last_hash))
    }

    private struct Row: Decodable {
        let seq: Int64, at: Date, actor_id: UUID?, actor: String, action: String, entity: String, entity_id: String
        let summary: String, ip: String, prev_hash: String, hash: String

        var event: ChainedEvent {
            ChainedEvent(seq: seq, atMillis: Int64((at.timeIntervalSince1970 * 1000).rounded()), actorID: actor_id, actor: actor, action: action,
                         entity: entity, entityID: entity_id, summary: summary, ip: ip, prevHash: prev_hash, hash: hash)
        }
    }

    /// Deletes events older than the retention period (never less than 180 days) and moves the
    /// chain's anchor to the last one deleted, so verification still covers every kept event.
    @discardableResult
    static func purge(olderThan days: Int, now: Date, on db: any Database) async throws -> Int {
        let cutoff = now.addingTimeInterval(-Double(max(days, 180)) * 86_400)
        return try await db.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            // Lock the head first, as appends do.
            try await sql.raw("UPDATE audit_head SET anchor_seq = anchor_seq WHERE id = 1").run()
            struct Last: Decodable { let seq: Int64; let hash: String }
            guard let last = try await sql.select().columns("seq", "hash").from(AuditEvent.schema)
                .where("at", .lessThan, SQLBind(cutoff)).orderBy("seq", .descending).limit(1).first(decoding: Last.self) else { return 0 }
            struct Count: Decodable { let n: Int }
            let n = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(AuditEvent.schema)
                .where("seq", .lessThanOrEqual, SQLBind(last.seq)).first(decoding: Count.self)?.n ?? 0
            try await sql.delete(from: AuditEvent.schema).where("seq", .lessThanOrEqual, SQLBind(last.seq)).run()
            try await sql.raw("UPDATE audit_head SET anchor_seq = \(bind: last.seq), anchor_hash = \(bind: last.hash) WHERE id = 1").run()
            return n
        }
    }
}
