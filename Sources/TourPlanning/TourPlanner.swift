import Foundation

/// A place on the map, in degrees (WGS-84 or GCJ-02 alike: only distances matter here).
public struct Coordinate: Sendable, Equatable {
    public let latitude: Double
    public let longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in kilometres (haversine): plenty for planning a county's road trips.
    public func distance(to other: Coordinate) -> Double {
        let r = 6371.0088
        let dLat = (other.latitude - latitude) * .pi / 180
        let dLon = (other.longitude - longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * .pi / 180) * cos(other.latitude * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}

/// A village to visit, with the days it cannot receive the visit (yyyy-MM-dd).
public struct TourStop: Sendable, Equatable {
    public let id: String
    public let location: Coordinate
    public let unavailable: Set<String>
    public init(id: String, location: Coordinate, unavailable: Set<String> = []) {
        self.id = id
        self.location = location
        self.unavailable = unavailable
    }
}

public struct TourDay: Sendable, Equatable {
    public let day: String
    public let stops: [TourStop]
    /// Venue → stops in order → venue, in kilometres.
    public let distance: Double
}

public struct TourPlan: Sendable, Equatable {
    /// The visiting order before it is cut into days.
    public let order: [TourStop]
    public let days: [TourDay]
    /// Stops that found no available day within the planning horizon.
    public let unscheduled: [TourStop]
    public var totalDistance: Double { days.map(\.distance).reduce(0, +) }
}

/// Plans mobile-service visits (送戏下乡, film, mobile library) from a venue to a set of villages:
/// a short visiting order (nearest neighbour, then 2-opt, never longer than the order given),
/// cut into days of at most `maxPerDay` visits, each village on a day it has not marked
/// unavailable. Staff adjust the result before accepting it.
public enum TourPlanner {
    /// Length of the open path origin → stops in the given order.
    public static func pathLength(from origin: Coordinate, _ stops: [TourStop]) -> Double {
        var total = 0.0
        var here = origin
        for stop in stops {
            total += here.distance(to: stop.location)
            here = stop.location
        }
        return total
    }

    /// Nearest neighbour from the origin, or the given order if that is shorter, improved by 2-opt
    /// until no reversal shortens the path. 2-opt only ever shortens, so the result is never
    /// longer than the input order.
    public static func order(from origin: Coordinate, _ stops: [TourStop]) -> [TourStop] {
        guard stops.count > 1 else { return stops }
        var remaining = stops
        var nearest: [TourStop] = []
        var here = origin
        while !remaining.isEmpty {
            let index = remaining.indices.min { here.distance(to: remaining[$0].location) < here.distance(to: remaining[$1].location) }!
            here = remaining[index].location
            nearest.append(remaining.remove(at: index))
        }
        var best = pathLength(from: origin, nearest) <= pathLength(from: origin, stops) ? nearest : stops
        var improved = true
        var rounds = 0
        while improved && rounds < 100 {
            improved = false
            rounds += 1
            for i in 0..<(best.count - 1) {
                for j in (i + 1)..<best.count {
                    let before = i == 0 ? origin : best[i - 1].location
                    let after: Coordinate? = j + 1 < best.count ? best[j + 1].location : nil
                    // Reversing best[i...j] swaps edges (before, i) + (j, after) for (before, j) + (i, after).
                    let old = before.distance(to: best[i].location) + (after.map { best[j].location.distance(to: $0) } ?? 0)
                    let new = before.distance(to: best[j].location) + (after.map { best[i].location.distance(to: $0) } ?? 0)
                    if new + 1e-9 < old {
                        best[i...j].reverse()
                        improved = true
                    }
                }
            }
        }
        return best
    }

    /// Cuts an order into days from `startDay`, at most `maxPerDay` visits a day, skipping days a
    /// village is unavailable (it moves to the next day that suits it) and days in `skipDays`
    /// (e.g. the troupe's rest days). Looks `horizonDays` ahead at most.
    public static func schedule(_ order: [TourStop], from origin: Coordinate, startDay: String, maxPerDay: Int,
                                skipDays: Set<String> = [], horizonDays: Int = 120) -> TourPlan {
        var remaining = order
        var days: [TourDay] = []
        var day = startDay
        var offset = 0
        while !remaining.isEmpty && offset < horizonDays && maxPerDay > 0 {
            if !skipDays.contains(day) {
                var today: [TourStop] = []
                var index = 0
                while index < remaining.count && today.count < maxPerDay {
                    if remaining[index].unavailable.contains(day) { index += 1 } else { today.append(remaining.remove(at: index)) }
                }
                if !today.isEmpty {
                    days.append(TourDay(day: day, stops: today, distance: pathLength(from: origin, today) + today.last!.location.distance(to: origin)))
                }
            }
            offset += 1
            day = Self.day(after: startDay, offset)
        }
        return TourPlan(order: order, days: days, unscheduled: remaining)
    }

    public static func plan(from origin: Coordinate, _ stops: [TourStop], startDay: String, maxPerDay: Int,
                            skipDays: Set<String> = [], horizonDays: Int = 120) -> TourPlan {
        schedule(order(from: origin, stops), from: origin, startDay: startDay, maxPerDay: maxPerDay, skipDays: skipDays, horizonDays: horizonDays)
    }

    static func day(after start: String, _ days: Int) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let parts = start.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = cal.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              let next = cal.date(byAdding: .day, value: days, to: date) else { return start }
        let c = cal.dateComponents([.year, .month, .day], from: next)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
