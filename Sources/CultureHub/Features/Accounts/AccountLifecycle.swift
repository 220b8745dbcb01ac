import Fluent
import Foundation
import SQLKit
import Vapor

/// What happens to a staff account after it is created (issue #20 point 6): its password changes,
/// it is deactivated when someone leaves, its role or scope changes when they move. Each step is
/// one transaction with its audit event; checks come first, so a refusal saves nothing.
enum AccountLifecycle {
    /// Ends every session of the account and revokes every API token it holds: whoever knew the
    /// old password, or was using the account, is out. The caller's session may then be bound to
    /// the new generation (a self-change keeps the current session). Returns the tokens revoked.
    static func endSessionsAndTokens(_ account: Account, now: Date, on tx: any Database) async throws -> Int {
        account.sessionGeneration += 1
        try await account.save(on: tx)
        return try await APITokens.revokeAll(of: account.requireID(), at: now, on: tx)
    }

    /// Saves a new password (already hashed and set on `account`) with its consequences.
    static func savePassword(_ account: Account, reason: String, now: Date, on db: any Database) async throws -> Int {
        try await db.writeTransaction { tx in
            let revoked = try await endSessionsAndTokens(account, now: now, on: tx)
            try await AuditLog.record(action: "account.password", entity: Account.schema,
                                      entityID: account.requireID().uuidString,
                                      summary: "\(reason); other sessions ended; \(revoked) API token(s) revoked", on: tx)
            return revoked
        }
    }

    static func deactivate(_ target: Account, by staff: Staff, now: Date, on db: any Database) async throws {
        guard try target.requireID() != staff.account.requireID() else {
            throw AppError.conflict(zh: "不能停用自己正在使用的账号。如需停用，请由另一位局管理员操作。",
                                    en: "You cannot deactivate your own account; ask another bureau administrator.")
        }
        try await db.writeTransaction { tx in
            let account = try await reload(target, on: tx)
            guard account.isActive else { return }
            if account.role == .bureauAdmin, try await activeAdminCount(on: tx) <= 1 {
                throw lastAdminRefusal
            }
            account.isActive = false
            let revoked = try await endSessionsAndTokens(account, now: now, on: tx)
            try await AuditLog.record(action: "account.deactivate", entity: Account.schema,
                                      entityID: account.requireID().uuidString,
                                      summary: "active: yes → no; sessions ended; \(revoked) API token(s) revoked", on: tx)
        }
    }

    static func reactivate(_ target: Account, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let account = try await reload(target, on: tx)
            guard !account.isActive else { return }
            account.isActive = true
            try await account.save(on: tx)
            try await AuditLog.record(action: "account.reactivate", entity: Account.schema,
                                      entityID: account.requireID().uuidString, summary: "active: no → yes", on: tx)
        }
    }

    /// A new role and scope, checked as at creation; the account is read afresh on every request,
    /// so its sessions and tokens act with the new role and scope from the next request on.
    /// Returns false when nothing changed.
    static func changeRole(_ target: Account, _ input: StaffAccountInput, by staff: Staff, lang: Lang,
                           on db: any Database) async throws -> Bool {
        var check = FormCheck(lang)
        let role: Role? = check.choice("role", input.role)
        if role == .citizen { check.fail("role", "工作人员账号不能改为群众账号。", "A staff account cannot become a citizen account.") }
        let (region, venue) = try await StaffAccountEditor.resolveScope(role, input, within: staff.scope,
                                                                        into: &check, on: db)
        try check.throwIfInvalid()
        guard let role else { return false }
        return try await db.writeTransaction { tx in
            let account = try await reload(target, on: tx)
            let newPath = region?.path ?? venue?.regionPath
            if account.role == role, account.$scopeRegion.id == region?.id, account.$scopeVenue.id == venue?.id,
               account.scopePath == newPath {
                return false
            }
            if account.role == .bureauAdmin, role != .bureauAdmin, account.isActive,
               try await activeAdminCount(on: tx) <= 1 {
                var refusal = FormCheck(lang)
                refusal.fail("role", "这是最后一位在用的局管理员，不能改为其他角色，否则将无人能管理账号。请先为另一人设置局管理员角色。",
                             "This is the last active bureau administrator; changing the role would leave nobody "
                                 + "to manage accounts. Make someone else a bureau administrator first.")
                try refusal.throwIfInvalid()
            }
            let before = "role: \(account.role.rawValue); scope: \(try await scopeName(account, on: tx))"
            account.role = role
            account.$scopeRegion.id = region?.id
            account.$scopeVenue.id = venue?.id
            account.scopePath = newPath
            try await account.save(on: tx)
            let after = "role: \(role.rawValue); scope: \(venue?.name ?? region?.name ?? "—")"
            try await AuditLog.record(action: "account.role", entity: Account.schema,
                                      entityID: account.requireID().uuidString, summary: "\(before) → \(after)", on: tx)
            return true
        }
    }

    static let lastAdminRefusal = AppError.conflict(
        zh: "这是最后一位在用的局管理员，不能停用，否则将无人能管理账号。",
        en: "This is the last active bureau administrator; deactivating it would leave nobody to manage accounts.")

    /// Active bureau administrators, their rows locked on PostgreSQL until the transaction ends:
    /// two administrators demoting each other at once cannot both see the other still in post.
    /// SQLite has one writer at a time, so the count cannot change under the transaction.
    static func activeAdminCount(on tx: any Database) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        struct Row: Decodable { let id: UUID }
        return try await sql.raw("""
            SELECT id FROM accounts WHERE role = \(bind: Role.bureauAdmin.rawValue) AND is_active = \(bind: true)\(lock)
            """).all(decoding: Row.self).count
    }

    static func scopeName(_ account: Account, on db: any Database) async throws -> String {
        if let venue = try await account.$scopeVenue.get(on: db) { return venue.name }
        if let region = try await account.$scopeRegion.get(on: db) { return region.name }
        return "—"
    }

    /// The row as it is now, inside the transaction: a concurrent change is not overwritten.
    private static func reload(_ account: Account, on tx: any Database) async throws -> Account {
        guard let fresh = try await Account.find(account.requireID(), on: tx) else { throw AppError.notFound }
        return fresh
    }
}
