import Fluent
import Vapor

/// The signed-in staff member, their scope and what their role may do.
struct Staff {
    let account: Account
    let scope: Scope
    var role: Role { account.role }

    func may(_ capability: Capability) -> Bool { role.may(capability) }

    /// A write names the capability it needs; without it the answer is 403.
    func require(_ capability: Capability) throws {
        guard may(capability) else { throw AppError.forbidden }
    }

    /// For checks that are not a capability (a state, a relation), still answered as 403.
    func require(_ allowed: Bool) throws {
        guard allowed else { throw AppError.forbidden }
    }

    /// A change to a region-only record (team, work, campaign, course): capability and coverage.
    func require(_ capability: Capability, regionPath: String) throws {
        try require(capability)
        guard scope.covers(regionPath: regionPath) else { throw AppError.forbidden }
    }

    /// A change to a scoped record: capability, then the record inside the scope.
    func require<M: ScopedModel>(_ capability: Capability, on record: M) throws {
        try require(capability)
        try scope.authorize(record)
    }

    /// A change by one side of a two-party record.
    func require(_ capability: Capability, as party: Party) throws {
        try require(capability)
        try scope.authorize(party)
    }
}

extension Request {
    func staff() throws -> Staff {
        guard let account = auth.get(Account.self) else { throw AppError.unauthorized }
        guard let scope = account.scope else { throw AppError.forbidden }
        return Staff(account: account, scope: scope)
    }
}
