import Testing
@testable import Workforce

@Suite struct StaffingTests {
    @Test func theRequirementMayRiseWithPopulation() {
        #expect(StaffingRule().requiredFullTime(population: 120_000) == 2)
        let rule = StaffingRule(townshipFullTime: 2, residentsPerExtraPost: 30_000, villagePartTime: 1)
        #expect(rule.requiredFullTime(population: 45_000) == 2)
        #expect(rule.requiredFullTime(population: 90_000) == 3)
        #expect(rule.requiredFullTime(population: 90_001) == 4)
        #expect(rule.requiredFullTime(population: 0) == 2)
    }

    @Test func aTownshipThatLosesAMemberInJuneIsShortFromTheNextDay() {
        // Days of 2026: 1 January = 0; 30 June = 180.
        let posts = [PostSpan(firstDay: -400, lastDay: nil), PostSpan(firstDay: -200, lastDay: 180)]
        #expect(Staffing.inPost(posts, on: 180) == 2 && Staffing.inPost(posts, on: 181) == 1)
        #expect(Staffing.shortSince(posts, required: 2, today: 100, earliest: 0) == nil)
        #expect(Staffing.shortSince(posts, required: 2, today: 300, earliest: 0) == 181)
        #expect(Staffing.shortSince([], required: 1, today: 300, earliest: 0) == 0, "never staffed: short since the earliest day looked at")
    }

    @Test func overlapsAreInclusive() {
        let a = PostSpan(firstDay: 10, lastDay: 20)
        #expect(a.overlaps(PostSpan(firstDay: 20, lastDay: nil)))
        #expect(!a.overlaps(PostSpan(firstDay: 21, lastDay: 30)))
        #expect(PostSpan(firstDay: 0, lastDay: nil).overlaps(PostSpan(firstDay: 500, lastDay: 501)))
        #expect(a.days(from: 15, to: 100) == 6)
    }
}

@Suite struct TrainingComplianceTests {
    let year = (first: 0, last: 364)

    func evaluate(_ posts: [TrainingCompliance.Post], _ credits: [TrainingCompliance.Credit], today: Int = 364) -> TrainingCompliance {
        TrainingCompliance.evaluate(posts: posts, credits: credits, yearFirst: year.first, yearLast: year.last, today: today, rule: TrainingRule())
    }

    @Test func exactlyFifteenDaysIsEnoughAndFourteenAndAHalfIsNot() {
        let city = [TrainingCompliance.Post(tier: .city, span: PostSpan(firstDay: -1000, lastDay: nil))]
        #expect(evaluate(city, [.init(kind: .offJob, days: 10), .init(kind: .offJob, days: 5)]).isCompliant)
        let short = evaluate(city, [.init(kind: .offJob, days: 14.5)])
        #expect(!short.isCompliant && short.owed[.offJob] == 0.5)
        #expect(!evaluate(city, [.init(kind: .centralised, days: 15)]).isCompliant, "city staff need off-job days")
    }

    @Test func someoneWhoMovedMidYearOwesEachTierProRata() {
        // City venue until 1 July (day 181), then a township station.
        let moved = [TrainingCompliance.Post(tier: .city, span: PostSpan(firstDay: -300, lastDay: 181)),
                     TrainingCompliance.Post(tier: .township, span: PostSpan(firstDay: 182, lastDay: nil))]
        let r = evaluate(moved, [.init(kind: .offJob, days: 7.5), .init(kind: .centralised, days: 2.5)])
        #expect(r.required[.offJob] == 7.5 && r.required[.centralised] == 2.5)
        #expect(r.isCompliant)
    }

    @Test func behindScheduleDuringTheYear() {
        let township = [TrainingCompliance.Post(tier: .township, span: PostSpan(firstDay: -50, lastDay: nil))]
        // By 1 October (day 273), three quarters of 5 days are due: 3.5 (rounded to halves).
        let r = evaluate(township, [.init(kind: .centralised, days: 3)], today: 273)
        #expect(r.expectedByNow[.centralised] == 4 || r.expectedByNow[.centralised] == 3.5)
        #expect(r.isBehind && !r.isCompliant)
        #expect(!evaluate(township, [.init(kind: .centralised, days: 4)], today: 273).isBehind)
        #expect(!evaluate(township, [], today: -10).isBehind, "before the year starts nothing is due")
    }
}

@Suite struct FundingTests {
    @Test func amountsStayInFen() {
        #expect(Funding.executionRate(spentFen: 50, budgetFen: 200) == 0.25)
        #expect(Funding.executionRate(spentFen: 50, budgetFen: 0) == nil)
        #expect(Funding.costPer(3, spentFen: 1_000) == 333)
        #expect(Funding.costPer(2, spentFen: 1_001) == 501)
        #expect(Funding.costPer(0, spentFen: 1_000) == nil)
        #expect(Funding.yuan(123_456_789) == "1,234,567.89" && Funding.yuan(5) == "0.05" && Funding.yuan(100_000) == "1,000.00")
        // Ten thousand payments of ¥0.10 add up to exactly ¥1,000.
        #expect(Array(repeating: 10, count: 10_000).reduce(0, +) == 100_000)
    }
}
