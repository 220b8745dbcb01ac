import Crypto
import Foundation

/// What an audit event says, before it is numbered and chained.
struct AuditEntry: Sendable, Equatable {
    var actorID: UUID?
    var actor: String
    var action: String
    var entity: String
    var entityID: String
    var summary: String
    var ip: String
}

/// An event as stored: numbered, timed to the millisecond, and chained.
struct ChainedEvent: Sendable, Equatable, Decodable {
    let seq: Int64
    let atMillis: Int64
    let actorID: UUID?
    let actor: String
    let action: String
    let entity: String
    let entityID: String
    let summary: String
    let ip: String
    let prevHash: String
    let hash: String
}

/// The hash chain: each event's hash covers the previous hash and every field of the event,
/// so editing, inserting or deleting any event breaks every link after it.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, atMillis: Int64, _ e: AuditEntry) -> String {
        let fields = [String(seq), String(atMillis), e.actorID?.uuidString ?? "", e.actor, e.action, e.entity, e.entityID, e.summary, e.ip]
        let text = prev + "\n" + fields.joined(separator: "\u{1F}")
        return Hex.sha256(text)
    }

    /// Numbers and chains `entries` after the event (`seq`, `hash`).
    static func chain(_ entries: [AuditEntry], after seq: Int64, hash: String, atMillis: Int64) -> [ChainedEvent] {
        var prev = hash, next = seq
        return entries.map { e in
            next += 1
            let h = Self.hash(prev: prev, seq: next, atMillis: atMillis, e)
            defer { prev = h }
            return ChainedEvent(seq: next, atMillis: atMillis, actorID: e.actorID, actor: e.actor, action: e.action, entity: e.entity,
                                entityID: e.entityID, summary: e.summary, ip: e.ip, prevHash: prev, hash: h)
        }
    }

    enum Break: Equatable {
        /// The event's fields no longer give its hash: it was edited.
        case altered(seq: Int64)
        /// The event does not follow the one before it: one was removed or inserted before it.
        case gap(expected: Int64, found: Int64)
        /// The chain ends before the head says it should: the newest events were removed.
        case truncated(expectedLast: Int64, foundLast: Int64)
    }

    /// Walks events in order from the anchor; reports the first broken link.
    struct Verifier {
        private(set) var lastSeq: Int64
        private(set) var lastHash: String
        private(set) var checked = 0

        init(anchorSeq: Int64, anchorHash: String) { lastSeq = anchorSeq; lastHash = anchorHash }

        mutating func check(_ e: ChainedEvent) -> Break? {
            guard e.seq == lastSeq + 1 else { return .gap(expected: lastSeq + 1, found: e.seq) }
            let entry = AuditEntry(actorID: e.actorID, actor: e.actor, action: e.action, entity: e.entity, entityID: e.entityID, summary: e.summary, ip: e.ip)
            guard e.prevHash == lastHash, hash(prev: lastHash, seq: e.seq, atMillis: e.atMillis, entry) == e.hash else { return .altered(seq: e.seq) }
            lastSeq = e.seq
            lastHash = e.hash
            checked += 1
            return nil
        }

        func finish(headSeq: Int64, headHash: String) -> Break? {
            guard lastSeq == headSeq, lastHash == headHash else { return .truncated(expectedLast: headSeq, foundLast: lastSeq) }
            return nil
        }
    }
}

extension AuditChain.Break {
    func message(_ lang: Lang) -> String {
        switch self {
        case .altered(let seq): lang.t("第 \(seq) 条审计记录被改动过（内容与哈希不符）。", "Audit event \(seq) was altered (its contents no longer match its hash).")
        case .gap(let expected, let found): lang.t("第 \(expected) 条审计记录缺失（下一条是第 \(found) 条），记录被删除或插入过。",
                                                   "Audit event \(expected) is missing (the next one is \(found)); events were deleted or inserted.")
        case .truncated(let expected, let found): lang.t("审计日志应到第 \(expected) 条为止，实际只到第 \(found) 条：最新的记录被删除了。",
                                                         "The log should end at event \(expected) but ends at \(found): the newest events were deleted.")
        }
    }
}
