import Testing
@testable import Volunteering

@Suite struct StarLevelTests {
    @Test func aThresholdCountsOnceReachedExactly() {
        let s = StarLevel.standard
        #expect(s.stars(minutes: 5_970) == 0)          // 99.5 h
        #expect(s.stars(minutes: 6_000) == 1)          // 100 h
        #expect(s.stars(minutes: 17_999) == 1)
        #expect(s.stars(minutes: 18_000) == 2)
        #expect(s.stars(minutes: 89_999) == 4)
        #expect(s.stars(minutes: 90_000) == 5)
        #expect(s.stars(minutes: 1_000_000) == 5)
        #expect(s.stars(minutes: 0) == 0 && s.stars(minutes: -5) == 0)
    }

    @Test func minutesToTheNextStar() {
        let s = StarLevel.standard
        #expect(s.minutesToNextStar(minutes: 5_970) == 30)
        #expect(s.minutesToNextStar(minutes: 6_000) == 12_000)
        #expect(s.minutesToNextStar(minutes: 90_000) == nil)
    }

    @Test func changedThresholdsMoveTheBoundaries() throws {
        let s = try #require(StarLevel(parsing: "50, 150,300"))
        #expect(s.thresholdHours == [50, 150, 300])
        #expect(s.stars(minutes: 2_999) == 0 && s.stars(minutes: 3_000) == 1 && s.stars(minutes: 18_000) == 3)
        #expect(s.minutesToNextStar(minutes: 18_000) == nil)
    }

    @Test func malformedThresholdsAreRefused() {
        #expect(StarLevel(parsing: "100,100,600") == nil)
        #expect(StarLevel(parsing: "300,100") == nil)
        #expect(StarLevel(parsing: "0,100") == nil)
        #expect(StarLevel(parsing: "") == nil)
        #expect(StarLevel(parsing: "100,abc") == nil)
    }
}
