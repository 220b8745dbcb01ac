import Testing
@testable import TourPlanning

/// A small deterministic generator, so the property tests are repeatable.
struct Seeded {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

@Suite struct TourPlannerTests {
    let venue = Coordinate(latitude: 34.53, longitude: 113.38) // Xinmi

    func villages(_ n: Int, seed: UInt64) -> [TourStop] {
        var g = Seeded(state: seed)
        return (0..<n).map { TourStop(id: "v\($0)", location: Coordinate(latitude: 34.35 + g.next() * 0.35, longitude: 113.15 + g.next() * 0.45)) }
    }

    @Test func distanceIsRoughlyRight() {
        // One degree of latitude is about 111 km.
        let d = Coordinate(latitude: 34, longitude: 113).distance(to: Coordinate(latitude: 35, longitude: 113))
        #expect(abs(d - 111.2) < 0.5)
    }

    @Test func neverLongerThanTheGivenOrderAndEveryVillageOnce() {
        for seed in UInt64(1)...40 {
            let stops = villages(Int(seed % 17) + 2, seed: seed)
            let ordered = TourPlanner.order(from: venue, stops)
            #expect(TourPlanner.pathLength(from: venue, ordered) <= TourPlanner.pathLength(from: venue, stops) + 1e-9)
            #expect(ordered.map(\.id).sorted() == stops.map(\.id).sorted())
        }
    }

    @Test func twoOptUncrossesAZigzag() {
        // Four villages on a line, given in a crossing order: the best open path visits them in line.
        let line = (1...4).map { TourStop(id: "\($0)", location: Coordinate(latitude: 34.53, longitude: 113.38 + Double($0) * 0.05)) }
        let zigzag = [line[2], line[0], line[3], line[1]]
        #expect(TourPlanner.order(from: venue, zigzag).map(\.id) == ["1", "2", "3", "4"])
    }

    @Test func dayLimitsAndUnavailableDaysAreKept() {
        var stops = villages(11, seed: 7)
        stops[0] = TourStop(id: stops[0].id, location: stops[0].location, unavailable: ["2026-12-01", "2026-12-02"])
        let plan = TourPlanner.plan(from: venue, stops, startDay: "2026-12-01", maxPerDay: 3, skipDays: ["2026-12-03"])
        #expect(plan.days.allSatisfy { $0.stops.count <= 3 })
        #expect(plan.days.flatMap(\.stops).map(\.id).sorted() == stops.map(\.id).sorted() && plan.unscheduled.isEmpty)
        #expect(!plan.days.contains { $0.day == "2026-12-03" })
        let dayOfV0 = plan.days.first { $0.stops.contains { $0.id == "v0" } }!.day
        #expect(dayOfV0 != "2026-12-01" && dayOfV0 != "2026-12-02")
        #expect(plan.days.map(\.day) == plan.days.map(\.day).sorted())
        #expect(plan.totalDistance > 0)
    }

    @Test func aVillageThatIsNeverFreeIsReportedNotDropped() {
        let days = Set((0..<10).map { TourPlanner.day(after: "2026-12-30", $0) })
        let stops = [TourStop(id: "busy", location: venue, unavailable: days), TourStop(id: "free", location: venue)]
        let plan = TourPlanner.plan(from: venue, stops, startDay: "2026-12-30", maxPerDay: 2, horizonDays: 10)
        #expect(plan.unscheduled.map(\.id) == ["busy"] && plan.days.flatMap(\.stops).map(\.id) == ["free"])
        #expect(TourPlanner.day(after: "2026-12-30", 3) == "2027-01-02")
    }
}
