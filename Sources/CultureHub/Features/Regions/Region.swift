import Fluent
import Foundation

/// A node of the administrative tree (R1.1). `path` holds the codes from the root,
/// e.g. `/410183/410183100/410183100201/`, so a subtree is one prefix match (DESIGN §3 rule 4).
public final class Region: Model, @unchecked Sendable {
    public static let schema = "regions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: RegionKind
    @Field(key: "level") public var level: RegionLevel
    @OptionalParent(key: "parent_id") public var parent: Region?
    @Field(key: "path") public var path: String
    @Field(key: "population") public var population: Int
    @Field(key: "is_remote") public var isRemote: Bool
    @Field(key: "is_poor") public var isPoor: Bool
    @Field(key: "is_demo") public var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(id: UUID? = nil, code: String, name: String, kind: RegionKind, parent: Region?,
                population: Int, isRemote: Bool = false, isPoor: Bool = false, isDemo: Bool = false) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.level = kind.level
        self.$parent.id = parent?.id
        self.path = (parent?.path ?? "/") + code + "/"
        self.population = population
        self.isRemote = isRemote
        self.isPoor = isPoor
        self.isDemo = isDemo
    }
}

extension Region: ScopedModel {
    public static var regionPathKey: KeyPath<Region, FieldProperty<Region, String>> { \.$path }
    public var regionPath: String { path }
    public var owningVenueID: UUID? { nil }
    public static func restrict(_ query: QueryBuilder<Region>, toVenue venueID: UUID) -> QueryBuilder<Region> {
        // A venue-scoped account manages one venue, not the administrative tree.
        query.filter(\.$id == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }
}
