import Fluent
import Foundation

/// Where a venue's work reaches beyond what it holds. A venue-scoped account acts on its own
/// venue; these are the explicit relations that take it further, checked by the same rule.
enum VenueReach {
    /// The cultural centre and the township culture stations give art guidance (艺术辅导) to
    /// the folk teams of the area they serve: the region they stand in. A library, museum,
    /// gymnasium or village centre guides no teams.
    static func guidanceArea(of venueID: UUID, on db: any Database) async throws -> String? {
        guard let venue = try await Venue.find(venueID, on: db), venue.type.guidesTeams else { return nil }
        return venue.regionPath
    }
}

extension VenueType {
    var guidesTeams: Bool { self == .culturalCentre || self == .townshipStation }
}

extension Staff {
    /// Guidance for whatever lies under `regionPath` (a team): a region scope that covers it,
    /// or a venue whose guidance area holds it.
    func requireGuidance(of regionPath: String, on db: any Database) async throws {
        try require(.editRegistry)
        switch scope {
        case .region: try require(scope.covers(regionPath: regionPath))
        case .venue(let id, _):
            let area = try await VenueReach.guidanceArea(of: id, on: db)
            try require(area.map { RegionPath.isWithin(regionPath, $0) } ?? false)
        }
    }
}
