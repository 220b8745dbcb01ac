import Fluent
import Foundation

/// What part of the network a staff account may see and change (R9.1, DESIGN §3 rule 4).
/// Every staff read starts from `filter`, every staff write passes `authorize`.
public enum Scope: Sendable, Equatable {
    /// A region and everything under it; the city scope is the root's subtree.
    case region(path: String)
    /// A single venue and its spaces, resources and notices.
    case venue(id: UUID, regionPath: String)

    public func filter<M: ScopedModel>(_ query: QueryBuilder<M>) -> QueryBuilder<M> {
        switch self {
        case .region(let path): query.filter(M.regionPathKey =~ path)
        case .venue(let id, _): M.restrict(query, toVenue: id)
        }
    }

    public func contains<M: ScopedModel>(_ record: M) -> Bool {
        switch self {
        case .region(let path): record.regionPath.hasPrefix(path)
        case .venue(let id, _): record.owningVenueID == id
        }
    }

    /// Out-of-scope writes answer 403: the record exists, but is not this account's.
    public func authorize<M: ScopedModel>(_ record: M) throws {
        guard contains(record) else { throw AppError.forbidden }
    }

    /// Whether a new record placed under `regionPath` would be inside this scope.
    public func covers(regionPath: String) -> Bool {
        switch self {
        case .region(let path): regionPath.hasPrefix(path)
        case .venue: false
        }
    }
}

/// A table whose rows belong to a region (and possibly a venue).
public protocol ScopedModel: Model {
    static var regionPathKey: KeyPath<Self, FieldProperty<Self, String>> { get }
    static func restrict(_ query: QueryBuilder<Self>, toVenue venueID: UUID) -> QueryBuilder<Self>
    var regionPath: String { get }
    var owningVenueID: UUID? { get }
}
