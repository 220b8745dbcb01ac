import Fluent
import FluentSQL
import SQLKit
import Foundation

/// What part of the network a staff account may see and change (R9.1, DESIGN §3 rule 4).
/// Every scope decision in the app is made here: features say how a record is scoped (its
/// region path, its venue, its two parties) and ask; no feature tests a region path itself.
public enum Scope: Sendable, Equatable {
    /// A region and everything under it; the city scope is the root's subtree.
    case region(path: String)
    /// A single venue and what belongs to it (spaces, menu, activities, resources, notices).
    case venue(id: UUID, regionPath: String)

    /// Whether one party to a record (the place it belongs to, and the venue if any) is this account's.
    public func contains(_ party: Party) -> Bool {
        switch self {
        case .region(let path): RegionPath.isWithin(party.regionPath, path)
        case .venue(let id, _): party.venueID == id
        }
    }

    public func contains<M: ScopedModel>(_ record: M) -> Bool { contains(record.party) }

    /// Out-of-scope writes answer 403: the record exists, but is not this account's.
    public func authorize<M: ScopedModel>(_ record: M) throws {
        guard contains(record) else { throw AppError.forbidden }
    }

    public func authorize(_ party: Party) throws {
        guard contains(party) else { throw AppError.forbidden }
    }

    /// Whether a record placed by region only (a team, a work, a campaign, a course) under
    /// `regionPath` may be changed by this account. A venue scope covers no region: a venue
    /// acts on what belongs to it, and reaches further only through an explicit relation
    /// (`VenueReach`), never by accident of where it stands.
    public func covers(regionPath: String) -> Bool {
        switch self {
        case .region(let path): RegionPath.isWithin(regionPath, path)
        case .venue: false
        }
    }

    /// Where a new region-only record made by this account belongs: its region. A venue
    /// account registers no teams, campaigns or courses of a region.
    public var ownRegionPath: String? {
        switch self {
        case .region(let path): path
        case .venue: nil
        }
    }

    /// The subtree whose region-only records this account reads: its region, or its venue's.
    /// Reading is wider than writing for a venue: a library sees its township's teams and
    /// campaigns (public records anyway) but changes none of them.
    public var readablePath: String {
        switch self {
        case .region(let path): path
        case .venue(_, let regionPath): regionPath
        }
    }

    /// Whether a region-only record under `regionPath` is readable: inside the readable subtree.
    public func reads(regionPath: String) -> Bool { RegionPath.isWithin(regionPath, readablePath) }

    /// Reads that also reach up: a township sees the city's courses and campaigns it takes part in.
    public func readsAlongLine(regionPath: String) -> Bool {
        reads(regionPath: regionPath) || RegionPath.isWithin(readablePath, regionPath)
    }

    // MARK: Queries

    public func filter<M: ScopedModel>(_ query: QueryBuilder<M>) -> QueryBuilder<M> {
        switch self {
        case .region(let path): query.filter(M.regionPathKey =~ path)
        case .venue(let id, _): M.restrict(query, toVenue: id)
        }
    }

    /// Rows of which any of the given parties is this account's (an order: the village or the venue).
    public func filter<M: Model>(_ query: QueryBuilder<M>, anyOf parties: [PartyKeys<M>]) -> QueryBuilder<M> {
        switch self {
        case .region(let path):
            return query.group(.or) { group in for p in parties { group.filter(p.regionPath =~ path) } }
        case .venue(let id, _):
            let venueKeys = parties.compactMap(\.venueID)
            guard !venueKeys.isEmpty else { return query.filter(.sql(unsafeRaw: "1 = 0")) }
            return query.group(.or) { group in for key in venueKeys { group.filter(key == id) } }
        }
    }

    /// Region-only rows this account reads (`reads(regionPath:)`), as a query.
    public func filterReadable<M: Model>(_ query: QueryBuilder<M>,
                                         _ key: KeyPath<M, FieldProperty<M, String>>) -> QueryBuilder<M> {
        query.filter(key =~ readablePath)
    }

    /// Region-only rows this account may change (`covers(regionPath:)`), as a query.
    public func filterCovered<M: Model>(_ query: QueryBuilder<M>,
                                        _ key: KeyPath<M, FieldProperty<M, String>>) -> QueryBuilder<M> {
        switch self {
        case .region(let path): query.filter(key =~ path)
        case .venue: query.filter(.sql(unsafeRaw: "1 = 0"))
        }
    }
}

/// One side of a record: where it belongs and, when a venue holds it, which venue.
public struct Party: Sendable, Equatable {
    public let regionPath: String
    public let venueID: UUID?

    public init(regionPath: String, venueID: UUID?) {
        self.regionPath = regionPath
        self.venueID = venueID
    }
}

/// Where a two-party table keeps each party, for `Scope.filter(_:anyOf:)`.
public struct PartyKeys<M: Model> {
    let regionPath: KeyPath<M, FieldProperty<M, String>>
    let venueID: KeyPath<M, FieldProperty<M, UUID>>?

    public init(regionPath: KeyPath<M, FieldProperty<M, String>>, venueID: KeyPath<M, FieldProperty<M, UUID>>?) {
        self.regionPath = regionPath
        self.venueID = venueID
    }
}

/// A table whose rows belong to a region (and possibly a venue).
public protocol ScopedModel: Model {
    static var regionPathKey: KeyPath<Self, FieldProperty<Self, String>> { get }
    static func restrict(_ query: QueryBuilder<Self>, toVenue venueID: UUID) -> QueryBuilder<Self>
    var regionPath: String { get }
    var owningVenueID: UUID? { get }
}

extension ScopedModel {
    public var party: Party { Party(regionPath: regionPath, venueID: owningVenueID) }
}

/// A table whose rows have two sides that may each act on them (an order: the ordering village
/// and the serving venue; a circulation batch: the sender and the receiver). Either side reads it.
public protocol TwoPartyModel: Model {
    static var partyKeys: [PartyKeys<Self>] { get }
    var parties: [Party] { get }
}

extension Scope {
    public func filter<M: TwoPartyModel>(_ query: QueryBuilder<M>) -> QueryBuilder<M> { filter(query, anyOf: M.partyKeys) }
    public func canSee<M: TwoPartyModel>(_ record: M) -> Bool { record.parties.contains { contains($0) } }
}

/// Materialized region paths (`/410183/410183100/…/`): the one place that knows a subtree is a prefix.
public enum RegionPath {
    /// Whether `path` lies in the subtree rooted at `ancestor` (a path is within itself).
    public static func isWithin(_ path: String, _ ancestor: String) -> Bool { path.hasPrefix(ancestor) }

    /// The same test in raw SQL, for aggregates written with SQLKit.
    public static func sql(_ column: String, within ancestor: String) -> SQLQueryString {
        "\(unsafeRaw: column) LIKE \(bind: ancestor + "%")"
    }

    /// The deepest path that both lie within.
    public static func common(_ paths: [String]) -> String {
        guard var prefix = paths.first else { return "" }
        for p in paths.dropFirst() { while !p.hasPrefix(prefix) { prefix = String(prefix.dropLast()) } }
        return prefix
    }
}

extension QueryBuilder {
    /// Rows whose region path lies in the subtree at `path` (a township's rows, a village's).
    @discardableResult
    public func within(_ key: KeyPath<Model, FieldProperty<Model, String>>, _ path: String) -> Self {
        filter(key =~ path)
    }

    @discardableResult
    public func within(_ key: KeyPath<Model, OptionalFieldProperty<Model, String>>, _ path: String) -> Self {
        filter(key =~ path)
    }

    /// The same for a joined table's region path.
    @discardableResult
    public func within<Joined: Schema>(_ joined: Joined.Type, _ key: KeyPath<Joined, FieldProperty<Joined, String>>,
                                       _ path: String) -> Self {
        filter(joined, key =~ path)
    }
}

extension Scope {
    /// The scope as a condition for raw SQL over a table's region-path and venue-id columns.
    func sqlCondition(regionPath column: String, venueID venueColumn: String) -> SQLQueryString {
        switch self {
        case .region(let path): "\(unsafeRaw: column) LIKE \(bind: path + "%")"
        case .venue(let id, _): "\(unsafeRaw: venueColumn) = \(bind: id)"
        }
    }
}
