import Fluent
import Foundation
import Vapor

struct StaffAccountInput: Content, Equatable {
    var login: String?
    var name: String?
    var role: String?
    var scopeRegion: String?
    var scopeVenue: String?
    var password: String?
}

/// Creates staff accounts with a role and a scope that must fit the role (R9.1).
enum StaffAccountEditor {
    static func create(_ input: StaffAccountInput, by creatorScope: Scope?, on db: any Database,
                       hasher: @escaping @Sendable (String) async throws -> String, lang: Lang) async throws -> Account {
        var check = FormCheck(lang)
        let login = check.text("login", input.login, max: 32)
        if !login.isEmpty && (login.count < 3 || !login.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") })) {
            check.fail("login", "用户名为 3–32 位英文字母、数字、下划线或点。", "3–32 letters, digits, underscores or dots.")
        } else if !login.isEmpty, try await Account.query(on: db).filter(\.$login == login).count() > 0 {
            check.fail("login", "该用户名已被使用。", "This user name is taken.")
        }
        let name = check.text("name", input.name, max: 30)
        let role: Role? = check.choice("role", input.role)
        if role == .citizen { check.fail("role", "群众账号由本人注册，不能在这里创建。", "Citizens register themselves.") }
        let password = input.password ?? ""
        PasswordPolicy.check(password, into: &check)

        let (region, venue) = try await resolveScope(role, input, within: creatorScope, into: &check, on: db)
        try check.throwIfInvalid()
        let account = Account(login: login, displayName: name, passwordHash: try await hasher(password), role: role!)
        // Whoever set it knows it: the new colleague (or the first admin) replaces it first thing.
        account.mustChangePassword = true
        account.$scopeRegion.id = region?.id
        account.$scopeVenue.id = venue?.id
        account.scopePath = region?.path ?? venue?.regionPath
        try await account.save(on: db)
        return account
    }

    /// The region or venue a staff role is bound to, checked against the role and the scope of
    /// whoever sets it; shared by account creation and a later role or scope change.
    static func resolveScope(_ role: Role?, _ input: StaffAccountInput, within creatorScope: Scope?,
                             into check: inout FormCheck, on db: any Database) async throws -> (Region?, Venue?) {
        guard let role, role.isStaff else { return (nil, nil) }
        switch role.scopeKind {
        case .venue:
            guard let id = check.uuid("scopeVenue", input.scopeVenue) else { return (nil, nil) }
            guard let venue = try await Venue.find(id, on: db) else {
                check.fail("scopeVenue", "所选场馆不存在。", "That venue does not exist.")
                return (nil, nil)
            }
            if let creatorScope, !creatorScope.covers(regionPath: venue.regionPath) {
                check.fail("scopeVenue", "所选场馆不在您的管辖范围内。", "That venue is outside your scope.")
            }
            return (nil, venue)
        case .city, .township, .village:
            let expected: RegionLevel = role.scopeKind == .city ? .city : role.scopeKind == .township ? .township : .village
            guard let id = check.uuid("scopeRegion", input.scopeRegion) else { return (nil, nil) }
            guard let region = try await Region.find(id, on: db) else {
                check.fail("scopeRegion", "所选区域不存在。", "That region does not exist.")
                return (nil, nil)
            }
            if region.level != expected {
                check.fail("scopeRegion", "\(role.zh)的管辖范围应选择一个\(expected.zh)。",
                           "A \(role.en) is scoped to a \(expected.en).")
            } else if let creatorScope, !creatorScope.covers(regionPath: region.path) {
                check.fail("scopeRegion", "所选区域不在您的管辖范围内。", "That region is outside your scope.")
            }
            return (region, nil)
        case .none:
            return (nil, nil)
        }
    }
}
