import Fluent
import Foundation

/// The 总分馆 tree's shape rules. A main library, its township branches and their village points
/// are three levels; a few more leave room for a prefecture, but a chain longer than that is a
/// mistake, and a loop would make every walk up or down the tree endless.
enum VenueTree {
    static let maxDepth = 8

    enum ParentProblem: Equatable {
        case loop
        case tooDeep
    }

    /// Whether hanging `venueID` below `parentID` would close a loop or make the chain too long.
    /// Walks up from the new parent, one small query per level, at most `maxDepth` levels.
    static func problem(placing venueID: UUID?, under parentID: UUID, on db: any Database) async throws -> ParentProblem? {
        var current: UUID? = parentID
        var depth = 1
        var seen = Set<UUID>()
        while let id = current {
            if id == venueID || !seen.insert(id).inserted { return .loop }
            if depth >= maxDepth { return .tooDeep }
            let row = try await Venue.query(on: db).filter(\.$id == id).field(\.$id).field(\.$parentVenue.$id).first()
            current = row?.$parentVenue.id
            depth += 1
        }
        return nil
    }
}
