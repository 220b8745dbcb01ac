import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
@testable import CultureHub

/// KPI inputs from SQL aggregates. The same literal answers are expected on SQLite and on
/// PostgreSQL (TEST_DATABASE_URL), which is how the two databases are compared.
@Suite struct EvaluationInputsTests {
    @Test func octoberInputsAreTheHandComputedOnes() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await EvaluationFixture.seed(f, on: app.db)
            let time = DisplayTime(timeZone: EvaluationFixture.zone, now: clock.now())
            let units = try await EvaluationUnit.all(under: "/", on: app.db)
            #expect(units.map(\.name) == ["城关镇", "米村镇", "新密市图书馆"])
            let inputs = try await EvaluationInputs.load(units, period: EvaluationPeriod(type: .month, key: "2026-10")!, time: time, settings: app.settings, on: app.db)
            let chengguan = inputs[f.chengguan.id!]!
            #expect(chengguan == EvaluationFixture.chengguanInputs)
            var micun = UnitInputs()
            micun.population = 45_000; micun.weeklyOpeningMinutes = 2_880; micun.openSpaceMinutes = 480 * 27
            micun.villages = 1; micun.villagesWithCentre = 1; micun.fullTimeRequired = 2; micun.venues = 2
            #expect(inputs[f.micun.id!]! == micun)
            var library = UnitInputs()
            library.venues = 1
            #expect(inputs[f.library.id!]! == library)
        }
    }
}
