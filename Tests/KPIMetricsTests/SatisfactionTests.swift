import Testing
@testable import KPIMetrics

@Suite struct SatisfactionTests {
    @Test func noScoresIsNoDataNotZero() {
        let result = Satisfaction.result(rows: [])
        #expect(result.rate == nil && result.total.valid == 0 && result.channelsWithData.isEmpty)
        #expect(ScoreHistogram().average == nil)
    }

    @Test func handComputedFixtureAcrossChannels() {
        // Online ratings: 5,5,4,3,1 → 3 of 5 satisfied. Paper: 4,4,2 → 2 of 3. Third party: 10 fives and 10 threes.
        let rows: [(channel: FeedbackChannel, score: Int, count: Int)] = [
            (.onlineRating, 5, 2), (.onlineRating, 4, 1), (.onlineRating, 3, 1), (.onlineRating, 1, 1),
            (.paperSurvey, 4, 2), (.paperSurvey, 2, 1),
            (.thirdParty, 5, 10), (.thirdParty, 3, 10),
        ]
        let result = Satisfaction.result(rows: rows)
        #expect(result.rate(.onlineRating) == 0.6)
        #expect(result.rate(.paperSurvey) == 2.0 / 3.0)
        #expect(result.rate(.thirdParty) == 0.5)
        #expect(result.rate(.onlineSurvey) == nil && result.count(.onlineSurvey) == 0)
        // All channels: (3 + 2 + 10) ÷ (5 + 3 + 20) = 15/28, not the mean of the channel rates.
        #expect(result.rate == 15.0 / 28.0)
        #expect(result.channelsWithData == [.onlineRating, .paperSurvey, .thirdParty])
        #expect(result.byChannel[.onlineRating]?.average == 18.0 / 5.0)
    }

    @Test func outOfRangeScoresAreNotValid() {
        let result = Satisfaction.result(rows: [(.onlineSurvey, 0, 3), (.onlineSurvey, 6, 1), (.onlineSurvey, 4, 1), (.onlineSurvey, 2, -4)])
        #expect(result.total.valid == 1 && result.rate == 1)
    }

    @Test func boundaryScoreThreeIsNotSatisfied() {
        var h = ScoreHistogram()
        h.add(score: 3)
        h.add(score: 4)
        #expect(h.satisfied == 1 && h.rate == 0.5 && h.counts == [0, 0, 1, 1, 0])
    }
}
