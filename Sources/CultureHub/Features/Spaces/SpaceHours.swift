import Fluent
import Foundation

/// One bookable period of a space on a weekday (R4.4), e.g. the rehearsal room on Saturday
/// 14:00–21:00. A space without any keeps to its venue's opening hours.
public final class SpaceHours: Model, @unchecked Sendable {
    public static let schema = "space_hours"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "space_id") public var space: Space
    /// Monday = 1 … Sunday = 7.
    @Field(key: "weekday") public var weekday: Int
    /// Minutes after midnight, local display time.
    @Field(key: "opens_at") public var opensAt: Int
    @Field(key: "closes_at") public var closesAt: Int

    public init() {}

    init(spaceID: UUID, weekday: Int, opensAt: Int, closesAt: Int) {
        self.$space.id = spaceID
        self.weekday = weekday
        self.opensAt = opensAt
        self.closesAt = closesAt
    }
}

/// A space's week of bookable periods, its own or its venue's.
struct BookableWeek: Equatable {
    /// Weekday → periods as (opens, closes) minutes, in order.
    let days: [Int: [ClockPeriod]]
    /// Whether these are the space's own hours rather than the venue's.
    let isOwn: Bool

    struct ClockPeriod: Equatable { let opens: Int; let closes: Int }

    static func load(spaceID: UUID, venueID: UUID, on db: any Database) async throws -> BookableWeek {
        let own = try await SpaceHours.query(on: db).filter(\.$space.$id == spaceID).all()
        if !own.isEmpty {
            return BookableWeek(days: group(own.map { ($0.weekday, ClockPeriod(opens: $0.opensAt, closes: $0.closesAt)) }), isOwn: true)
        }
        let venue = try await OpeningHours.query(on: db).filter(\.$venue.$id == venueID).all()
        return BookableWeek(days: group(venue.map { ($0.weekday, ClockPeriod(opens: $0.opensAt, closes: $0.closesAt)) }), isOwn: false)
    }

    private static func group(_ rows: [(Int, ClockPeriod)]) -> [Int: [ClockPeriod]] {
        Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1).sorted { $0.opens < $1.opens } }
    }

    /// "周一 09:00–12:00、14:00–17:00；周三 …", or a note that nothing is bookable.
    func text(_ lang: Lang) -> String {
        let lines = Weekday.allCases.compactMap { day -> String? in
            guard let periods = days[day.rawValue], !periods.isEmpty else { return nil }
            return day.label(lang) + " " + periods.map { DisplayTime.clock($0.opens) + "–" + DisplayTime.clock($0.closes) }.joined(separator: lang.t("、", ", "))
        }
        return lines.isEmpty ? lang.t("暂未设置可预约时间", "No bookable hours set") : lines.joined(separator: lang.t("；", "; "))
    }
}
