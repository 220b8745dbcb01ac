import Fluent
import Vapor

/// A table whose rows belong to a region only, with no venue holding them (folk teams, works,
/// campaigns, training courses). Staff read those in `Scope.readablePath` and change those
/// their scope covers (`Scope.covers`).
public protocol RegionOnlyModel: Model {
    static var regionPathKey: KeyPath<Self, FieldProperty<Self, String>> { get }
    var regionPath: String { get }
}

/// A citizen's own record (a registration, a booking, a complaint): nobody else's business.
public protocol OwnedModel: Model {
    var ownerID: UUID? { get }
}

/// The one loader for records named in a route (DESIGN §3 rule 4), for pages and API alike:
/// a read outside the scope answers 404 as if the record did not exist; a write needs the
/// capability and the record inside the scope, else 403.
extension Request {
    /// The one primitive: the record named by `param`, or 404 when it is missing or `visible`
    /// says this account may not know of it; `check` then refuses a write with 403.
    private func record<M: Model>(_ param: String, visible: (M) -> Bool = { _ in true },
                                  check: (M) throws -> Void = { _ in }) async throws -> M where M.IDValue == UUID {
        guard let record = try await M.find(id(param), on: db), visible(record) else { throw AppError.notFound }
        try check(record)
        return record
    }

    func scopedRecord<M: ScopedModel>(_ type: M.Type, _ param: String = "id") async throws -> M where M.IDValue == UUID {
        // Through the scope's query, so records scoped by a join (a venue's applications) load too.
        let staff = try staff()
        guard let record = try await staff.scope.filter(M.query(on: db)).filter(\._$id == id(param)).first() else {
            throw AppError.notFound
        }
        return record
    }

    func scopedRecord<M: ScopedModel>(_ type: M.Type, _ param: String = "id", toWrite capability: Capability) async throws -> M
    where M.IDValue == UUID {
        let staff = try staff()
        return try await record(param, check: { try staff.require(capability, on: $0) })
    }

    func twoPartyRecord<M: TwoPartyModel>(_ type: M.Type, _ param: String = "id") async throws -> M where M.IDValue == UUID {
        let scope = try staff().scope
        return try await record(param, visible: { scope.canSee($0) })
    }

    func regionRecord<M: RegionOnlyModel>(_ type: M.Type, _ param: String = "id", alongLine: Bool = false) async throws -> M
    where M.IDValue == UUID {
        let scope = try staff().scope
        return try await record(param, visible: {
            alongLine ? scope.readsAlongLine(regionPath: $0.regionPath) : scope.reads(regionPath: $0.regionPath)
        })
    }

    func regionRecord<M: RegionOnlyModel>(_ type: M.Type, _ param: String = "id", toWrite capability: Capability) async throws -> M
    where M.IDValue == UUID {
        let staff = try staff()
        return try await record(param, check: { try staff.require(capability, regionPath: $0.regionPath) })
    }

    /// A record used along the line (a city course a township's staff attend): the capability,
    /// and the record readable along the line, else 403.
    func regionRecord<M: RegionOnlyModel>(_ type: M.Type, _ param: String = "id", usedBy capability: Capability) async throws -> M
    where M.IDValue == UUID {
        let staff = try staff()
        return try await record(param, check: {
            try staff.require(capability)
            try staff.require(staff.scope.readsAlongLine(regionPath: $0.regionPath))
        })
    }

    /// A record for a write whose desk names the capability and relation it needs (a team's
    /// guidance comes from a region or a guiding venue): missing answers 404, the desk's
    /// `Staff.require…` answers 403.
    func recordForDesk<M: Model>(_ type: M.Type, _ param: String = "id") async throws -> M where M.IDValue == UUID {
        _ = try staff()
        return try await record(param)
    }

    /// The signed-in account's own record; anyone else's answers 404, staff included.
    func ownRecord<M: OwnedModel>(_ type: M.Type, _ param: String = "id") async throws -> M where M.IDValue == UUID {
        let account = try auth.require(Account.self)
        return try await record(param, visible: { $0.ownerID != nil && $0.ownerID == account.id })
    }
}
