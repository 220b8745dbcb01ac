import Fluent
import Foundation

/// Records every create, update and delete made through a Fluent model, with a summary of
/// the values (before and after, for an update), in the same transaction as the write. New
/// models are covered without their feature doing anything.
struct AuditModelMiddleware: AnyModelMiddleware {
    /// Tables whose writes are not events: the log itself, session and migration bookkeeping.
    static let ignored: Set<String> = ["audit_events", "audit_head", "web_sessions", "_fluent_migrations"]

    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        let schema = type(of: model).schema
        guard !Self.ignored.contains(schema), !AuditLog.modelEventsSuppressed else { return next.handle(event, model, on: db) }
        return db.eventLoop.makeFutureWithTask {
            // Not yet in a transaction: make one, so the write and its event land together.
            if AuditLog.pending == nil && !db.inTransaction {
                try await db.writeTransaction { tx in try await Self.write(event, model, schema: schema, on: tx, next: next) }
            } else {
                try await Self.write(event, model, schema: schema, on: db, next: next)
            }
        }
    }

    private static func write(_ event: ModelEvent, _ model: any AnyModel, schema: String, on db: any Database, next: any AnyModelResponder) async throws {
        var before: [String: String] = [:]
        if case .update = event, let stored = try await Self.stored(model, on: db) { before = AuditSummary.values(of: stored, all: true) }
        let changed = AuditSummary.values(of: model, all: false)
        try await next.handle(event, model, on: db).get()
        let id = AuditSummary.id(of: model)
        let (action, summary): (String, String) = switch event {
        case .create: ("create", AuditSummary.render(AuditSummary.values(of: model, all: true)))
        case .update: ("update", AuditSummary.render(changes: changed, before: before))
        case .delete, .softDelete: ("delete", AuditSummary.render(AuditSummary.values(of: model, all: true)))
        case .restore: ("restore", "")
        }
        if case .update = event, changed.allSatisfy({ before[$0.key] == $0.value || $0.key == "updated_at" }) { return }
        try await AuditLog.record([AuditLog.entry(action: action, entity: schema, entityID: id, summary: summary)], on: db)
    }

    /// The row as stored, read through the model's own type.
    private static func stored(_ model: any AnyModel, on db: any Database) async throws -> (any AnyModel)? {
        guard let model = model as? any Model else { return nil }
        return try await fetch(model, on: db)
    }

    private static func fetch<M: Model>(_ model: M, on db: any Database) async throws -> (any AnyModel)? {
        guard let id = model.id else { return nil }
        return try await M.find(id, on: db)
    }
}

/// Turns model values into the short, masked text an audit event keeps.
enum AuditSummary {
    /// Columns never written to the log, even masked.
    static let secret: Set<String> = ["password_hash", "token_hash", "secret", "data", "code_hash"]
    /// Columns holding personal numbers: only their last four characters are kept.
    static let personal: Set<String> = ["phone", "contact_phone", "login", "id_number", "guardian_phone", "to_number"]

    static func values(of model: any AnyModel, all: Bool) -> [String: String] {
        let collector = Collector(all: all)
        model.input(to: collector)
        return collector.values
    }

    static func id(of model: any AnyModel) -> String {
        let collector = Collector(all: true)
        model.input(to: collector)
        return collector.values["id"] ?? ""
    }

    /// `{"name":"…","capacity":"80"}`, keys sorted so the text is stable.
    static func render(_ values: [String: String]) -> String {
        json(values.filter { $0.key != "id" })
    }

    /// `{"capacity":["60","80"]}`: before and after of each changed column.
    static func render(changes: [String: String], before: [String: String]) -> String {
        let keys = changes.keys.filter { $0 != "updated_at" && before[$0] != changes[$0] }.sorted()
        return "{" + keys.map { quoted($0) + ":[" + quoted(before[$0] ?? "") + "," + quoted(changes[$0]!) + "]" }.joined(separator: ",") + "}"
    }

    /// Sorted keys, so the same values always give the same text (and hash). Written by hand:
    /// JSONSerialization cost more than the rest of a registration.
    private static func json(_ values: [String: String]) -> String {
        "{" + values.keys.sorted().map { quoted($0) + ":" + quoted(values[$0]!) }.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func mask(_ key: String, _ value: String) -> String? {
        if secret.contains(key) || key.hasSuffix("_hash") || key.hasSuffix("_secret") || key.hasSuffix("_enc") { return nil }
        if personal.contains(key) { return value.count > 4 ? "****" + value.suffix(4) : value }
        // A person's name: the family name only, as in lists (the log outlives account deletion).
        if key == "display_name" { return PersonalData.name(value) }
        return value.count > 200 ? String(value.prefix(200)) + "…" : value
    }

    private final class Collector: DatabaseInput {
        let wantsUnmodifiedKeys: Bool
        var values: [String: String] = [:]
        init(all: Bool) { wantsUnmodifiedKeys = all }

        func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
            let name = key.description
            guard let text = AuditSummary.text(value), let masked = AuditSummary.mask(name, text) else { return }
            values[name] = masked
        }
    }

    static func text(_ value: DatabaseQuery.Value) -> String? {
        switch value {
        case .bind(let encodable): return describe(encodable)
        case .null: return ""
        case .default: return nil
        case .array(let items): return items.compactMap(text).joined(separator: ",")
        case .dictionary, .enumCase, .custom: return nil
        }
    }

    private static func describe(_ value: any Encodable) -> String {
        switch value {
        case let s as String: return s
        case let d as Date: return ISO8601DateFormatter().string(from: d)
        case let u as UUID: return u.uuidString
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let o as any AuditOptional: return o.wrapped.map(describe) ?? ""
        default:
            if let raw = value as? any RawRepresentable { return "\(raw.rawValue)" }
            let data = try? JSONEncoder().encode(value)
            return data.map { String(decoding: $0, as: UTF8.self) } ?? String(describing: value)
        }
    }
}

/// Lets `describe` see inside optionals (a cast to `Optional<any Encodable>` would wrap anything).
protocol AuditOptional { var wrapped: (any Encodable)? { get } }
extension Optional: AuditOptional where Wrapped: Encodable {
    var wrapped: (any Encodable)? { self.map { $0 as any Encodable } }
}
