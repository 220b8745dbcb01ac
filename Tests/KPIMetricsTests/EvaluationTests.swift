import Testing
@testable import KPIMetrics

@Suite struct PeriodTests {
    @Test func keysParseAndSpanTheirDays() throws {
        let m = try #require(EvaluationPeriod(type: .month, key: "2024-02"))
        #expect(m.firstDay == "2024-02-01" && m.lastDay == "2024-02-29" && m.dayCount == 29 && m.endDay == "2024-03-01")
        let q = try #require(EvaluationPeriod(type: .quarter, key: "2026-Q4"))
        #expect(q.firstDay == "2026-10-01" && q.lastDay == "2026-12-31" && q.dayCount == 92)
        #expect(EvaluationPeriod(type: .year, key: "2026")?.dayCount == 365)
        #expect(q.previous.key == "2026-Q3")
        #expect(EvaluationPeriod(type: .year, key: "2026")!.previous.key == "2025")
        #expect(EvaluationPeriod.containing("2026-11-28", type: .month)?.key == "2026-11")
        for bad in ["2026-13", "2026-1", "26-11", "2026-Q5", "2026-11-01", "x", "1999", "2026-+1", "+202-01"] {
            #expect(EvaluationPeriod(type: .month, key: bad) == nil || bad == "2026-Q5")
        }
        #expect(EvaluationPeriod(type: .quarter, key: "2026-Q5") == nil)
        #expect(EvaluationPeriod(type: .year, key: "2026-11") == nil)
    }

    @Test func weekdaysAndDaysOpenForAVenueOpenedMidPeriod() {
        let nov = EvaluationPeriod(type: .month, key: "2026-11")!
        // November 2026 starts on a Sunday: five Sundays and Mondays, four of the rest.
        #expect(nov.weekdayCounts() == [5, 4, 4, 4, 4, 4, 5])
        #expect(nov.weekdayCounts(from: "2026-11-23") == [2, 1, 1, 1, 1, 1, 1])
        #expect(nov.daysOpen(openedOn: "2026-11-21") == 10)
        #expect(nov.daysOpen(openedOn: "2026-12-02") == 0)
        #expect(nov.daysOpen(openedOn: "2020-01-01") == 30)
        #expect(nov.daysOpen(openedOn: nil) == 30)
    }
}

@Suite struct KPITests {
    static var township: UnitInputs {
        var i = UnitInputs()
        i.population = 48_000
        i.weeklyOpeningMinutes = 40 * 60
        i.openSpaceMinutes = 12_000
        i.usedSpaceMinutes = 4_500
        i.activities = 10; i.largeEvents = 1; i.trainings = 3; i.specialGroupEvents = 1
        i.participations = 2_400; i.distinctParticipants = 960
        i.confirmedPlaces = 200; i.checkedInPlaces = 170
        i.ratings = 40; i.satisfiedRatings = 33
        i.reportsDue = 10; i.reportsOnTime = 9
        i.villages = 20; i.villagesWithCentre = 19; i.villagesServedByMobile = 15
        i.ordersAnswered = 8; i.ordersAnsweredOnTime = 8; i.ordersDue = 5; i.ordersDelivered = 4
        i.fullTimeStaff = 1; i.fullTimeRequired = 2
        i.staffTrained = 3; i.staffOwingTraining = 4
        i.venues = 21; i.venuesWithNotice = 21
        i.volunteerMinutes = 90
        return i
    }

    @Test func everyIndicatorFromHandComputedInputs() {
        let m = KPI.measures(Self.township, unit: .township)
        #expect(m.count == Indicator.allCases.count)
        #expect(m[.openingHours]?.value == 40)
        #expect(m[.utilization]?.value == 0.375)
        #expect(m[.participationPerThousand]?.value == 50)
        #expect(m[.participationRate]?.value == 0.02)
        #expect(m[.showUp]?.value == 0.85)
        #expect(m[.satisfaction]?.value == 0.825)
        #expect(m[.specialGroupEvents]?.value == 1)
        #expect(m[.reportingTimeliness]?.value == 0.9)
        #expect(m[.villageCoverage]?.value == 0.95)
        #expect(m[.mobileCoverage]?.value == 0.75)
        #expect(m[.orderResponse]?.value == 1 && m[.orderFulfilment]?.value == 0.8)
        #expect(m[.staffing]?.value == 0.5 && m[.trainingCompliance]?.value == 0.75)
        #expect(m[.volunteerHours]?.value == 1.5)
    }

    @Test func venuesSkipTownshipIndicators() {
        let m = KPI.measures(Self.township, unit: .venue)
        #expect(m[.villageCoverage] == nil && m[.staffing] == nil && m[.participationPerThousand] == nil)
        #expect(m[.satisfaction] != nil)
    }

    @Test func zeroPopulationAndNoRatingsAreNoData() {
        var i = UnitInputs()
        i.population = 0
        let m = KPI.measures(i, unit: .township)
        #expect(m[.participationPerThousand]?.value == nil)
        #expect(m[.participationRate]?.value == nil)
        #expect(m[.satisfaction]?.value == nil)
        #expect(m[.openingHours]?.value == nil)
        #expect(m[.activities]?.value == 0)
    }

    @Test func utilizationCountsWeekdaysAndClipsBookings() {
        // Open 9:00–17:00 Monday to Friday: 480 minutes on each of 21 weekdays in November 2026.
        let weekly = [480, 480, 480, 480, 480, 0, 0]
        let days = EvaluationPeriod(type: .month, key: "2026-11")!.weekdayCounts()
        #expect(Utilization.openMinutes(weeklyMinutes: weekly, weekdayCounts: days) == 480 * 21)
        #expect(Utilization.overlap(start: 50, end: 150, periodStart: 100, periodEnd: 200) == 50)
        #expect(Utilization.overlap(start: 0, end: 50, periodStart: 100, periodEnd: 200) == 0)
    }
}

@Suite struct SchemeTests {
    @Test func standardSchemesAreValidForEveryPeriodType() {
        for type in PeriodType.allCases {
            let s = Scheme.standard(type)
            #expect(s.problems().isEmpty, "\(type)")
            #expect(s.items.reduce(0) { $0 + $1.weight } == 100)
        }
        #expect(Scheme.standard(.year).item(.largeEvents)?.target == 4)
        #expect(Scheme.standard(.year).item(.trainings)?.target == 12)
        #expect(Scheme.standard(.quarter).item(.trainings)?.target == 3)
        #expect(Scheme.standard(.month).item(.largeEvents)?.target == 1)
    }

    @Test func problemsNameWhatToFix() {
        var s = Scheme.standard(.year)
        s.items[0].weight = 9
        #expect(s.problems() == [.weightsDoNotAddUp(sum: 101, total: 100)])
        s.items[0].weight = 8
        s.total = 1000
        #expect(s.problems() == [.weightsDoNotAddUp(sum: 100, total: 1000)])
        s.total = 90
        #expect(s.problems().first == .totalNotAllowed(90))
        s = Scheme(periodType: .month, total: 100, items: [SchemeItem(.satisfaction, weight: 50, target: 85), SchemeItem(.satisfaction, weight: 50, target: 0.85)], deductions: [DeductionRule(.upheldComplaint, pointsEach: 3, cap: 2)])
        #expect(s.problems() == [.targetOutOfRange(.satisfaction), .duplicate(.satisfaction), .deductionInvalid(.upheldComplaint)])
        #expect(SchemeProblem.weightsDoNotAddUp(sum: 99.5, total: 100).zh == "各项分值合计 99.5 分，应等于总分 100 分。")
    }
}

@Suite struct ScoringTests {
    static let scheme = Scheme(periodType: .year, total: 100, items: [
        SchemeItem(.satisfaction, weight: 40, target: 0.85),
        SchemeItem(.specialGroupEvents, weight: 30, target: 2),
        SchemeItem(.openingHours, weight: 30, target: 42),
    ], deductions: [DeductionRule(.inspectionFinding, pointsEach: 2, cap: 5), DeductionRule(.upheldComplaint, pointsEach: 1, cap: 5)])

    @Test func aWholeTownshipScoreByHand() {
        var i = KPITests.township
        i.inspectionFindings = 4 // 4 × 2 = 8, capped at 5
        i.upheldComplaints = 1
        let s = Scoring.score(Self.scheme, measures: KPI.measures(i, unit: .township), inputs: i)
        // 40 × 0.825/0.85 = 38.8235…; 30 × 1/2 = 15; 30 × 40/42 = 28.5714…
        #expect(abs(s.earned - 82.395) < 0.001)
        #expect(s.possible == 100)
        #expect(s.deductions == [.inspectionFinding: 5, .upheldComplaint: 1])
        #expect(s.total == 76.39)
        #expect(s.items.map(\.met) == [false, false, false])
    }

    @Test func itemsWithoutDataAreLeftOutAndTheRestScaled() {
        var i = KPITests.township
        i.ratings = 0; i.satisfiedRatings = 0
        let s = Scoring.score(Self.scheme, measures: KPI.measures(i, unit: .township), inputs: i)
        #expect(s.items[0].points == nil)
        #expect(s.possible == 60)
        // (15 + 28.5714) ÷ 60 × 100 = 72.619…
        #expect(s.total == 72.62)
    }

    @Test func countTargetsShrinkForAVenueOpenedMidPeriodAndAboveTargetIsCapped() {
        var i = KPITests.township
        i.specialGroupEvents = 1
        let half = Scoring.score(Self.scheme, measures: KPI.measures(i, unit: .township), inputs: i, exposure: 0.5)
        #expect(half.items[1].target == 1 && half.items[1].points == 30 && half.items[1].met == true)
        i.weeklyOpeningMinutes = 60 * 60
        let over = Scoring.score(Self.scheme, measures: KPI.measures(i, unit: .township), inputs: i)
        #expect(over.items[2].points == 30)
        #expect(Scoring.score(Self.scheme, measures: [:], inputs: UnitInputs()).total == 0)
    }

    @Test func deductionsNeverTakeTheTotalBelowZero() {
        let scheme = Scheme(periodType: .month, total: 100, items: [SchemeItem(.activities, weight: 100, target: 10)], deductions: [DeductionRule(.integrityFlag, pointsEach: 5, cap: 50)])
        var i = UnitInputs(); i.activities = 1; i.integrityFlags = 20
        #expect(Scoring.score(scheme, measures: KPI.measures(i, unit: .venue), inputs: i).total == 0)
    }

    @Test func rankingSharesPlacesOnTies() {
        let r = Ranking.ranks([(id: "a", score: 90), (id: "b", score: 95.5), (id: "c", score: 90.001), (id: "d", score: 80)])
        #expect(r == ["b": 1, "a": 2, "c": 2, "d": 4])
        #expect(Scoring.text(87.5) == "87.5" && Scoring.text(90) == "90" && Scoring.text(87.254) == "87.25")
        #expect(Scoring.text(1e300).hasPrefix("1000000000") && Scoring.text(.infinity) == "inf", "no trap beyond Int's range")
    }
}

@Suite struct ShortfallTests {
    @Test func gapsSayWhatWouldCloseThem() {
        let s = Scoring.score(ScoringTests.scheme, measures: KPI.measures(KPITests.township, unit: .township), inputs: KPITests.township)
        let gaps = Shortfall.gaps(s)
        // 33/40 satisfied; (33 + n)/(40 + n) ≥ 0.85 → n ≥ 6.67 → 7.
        #expect(gaps.map(\.action) == [.moreSuccesses(7), .more(1), .moreWeeklyHours(2)])
    }

    @Test func rateEdgeCases() {
        #expect(Shortfall.moreSuccesses(successes: 9, of: 10, target: 0.95) == .moreSuccesses(10))
        #expect(Shortfall.moreSuccesses(successes: 9, of: 10, target: 1) == .cannotReach)
        #expect(Shortfall.moreSuccesses(successes: 0, of: 0, target: 0.85) == .moreSuccesses(1))
        // Exactly at the boundary: 17/20 = 85 % needs nothing more, so no gap at all.
        let item = ItemScore(indicator: .satisfaction, weight: 10, target: 0.85, measure: .rate(17, of: 20), points: 10)
        #expect(Shortfall.gap(item) == nil)
        let per = ItemScore(indicator: .participationPerThousand, weight: 10, target: 100, measure: KPI.perThousand(4_000, population: 48_000), points: 8)
        #expect(Shortfall.gap(per)?.action == .moreParticipations(800))
        // A fixed whole: 14 of 17 venues with a notice need 3 more for 100 %, and 0 of 568,320
        // open space-minutes need 284,160 used for 50 % (not the ratings formula's 568,320).
        let notices = ItemScore(indicator: .noticeCompliance, weight: 4, target: 1, measure: .rate(14, of: 17), points: 3)
        #expect(Shortfall.gap(notices)?.action == .moreCovered(3))
        let space = ItemScore(indicator: .utilization, weight: 8, target: 0.5, measure: .rate(0, of: 568_320), points: 0)
        #expect(Shortfall.gap(space)?.action == .moreCovered(284_160))
        let mobile = ItemScore(indicator: .mobileCoverage, weight: 4, target: 0.9, measure: .rate(0, of: 16), points: 0)
        #expect(Shortfall.gap(mobile)?.action == .moreCovered(15))
    }
}

@Suite struct IntegrityTests {
    @Test func overReportingAndEvidence() {
        #expect(Integrity.overReported(reported: 301, checkedIn: 100, headcount: nil, factor: 3))
        #expect(!Integrity.overReported(reported: 300, checkedIn: 100, headcount: nil, factor: 3))
        #expect(!Integrity.overReported(reported: 300, checkedIn: 50, headcount: 50, factor: 3))
        #expect(Integrity.overReported(reported: 1, checkedIn: 0, headcount: nil, factor: 3))
        #expect(Integrity.filedLate(endedAt: 0, filedAt: 30 * 86_400 + 1, days: 30))
        #expect(!Integrity.filedLate(endedAt: 0, filedAt: 30 * 86_400, days: 30))
        #expect(Integrity.hasNoEvidence(checkedIn: 0, headcount: nil, hasPhoto: false, hasReport: false))
        #expect(!Integrity.hasNoEvidence(checkedIn: 0, headcount: 0, hasPhoto: true, hasReport: false))
    }
}
