import Foundation
import KPIMetrics
import Vapor

/// Evaluation in `/api/v1`. Rates are fractions (0.85), as elsewhere in the API; counts are
/// counts and opening hours are hours a week, in targets and figures alike.
struct SchemeItemDTO: Content { let indicator: Indicator; let weight: Double; let target: Double }
struct DeductionDTO: Content { let kind: DeductionKind; let pointsEach: Double; let cap: Double }
struct SchemeDTO: Content {
    let periodType: PeriodType; let version: Int; let total: Int; let note: String; let createdAt: Date
    let items: [SchemeItemDTO]; let deductions: [DeductionDTO]; let countsAnonymousSurveys: Bool

    init(_ record: EvaluationSchemeRecord) throws {
        let scheme = try record.scheme
        periodType = record.periodType; version = record.version; total = scheme.total; note = record.note; createdAt = record.createdAt
        items = scheme.items.map { SchemeItemDTO(indicator: $0.indicator, weight: $0.weight, target: $0.target) }
        deductions = scheme.deductions.map { DeductionDTO(kind: $0.kind, pointsEach: $0.pointsEach, cap: $0.cap) }
        countsAnonymousSurveys = scheme.countsAnonymousSurveys
    }
}

struct RunDTO: Content {
    let id: UUID; let periodType: PeriodType; let period: String; let firstDay: String; let lastDay: String; let status: RunStatus
    let schemeVersion: Int?; let computedAt: Date; let reviewedAt: Date?; let publishedAt: Date?

    init(_ run: EvaluationRun, schemeVersion: Int?) {
        id = run.id!; periodType = run.periodType; period = run.periodKey; status = run.status
        firstDay = run.period?.firstDay ?? ""; lastDay = run.period?.lastDay ?? ""
        self.schemeVersion = schemeVersion; computedAt = run.computedAt; reviewedAt = run.reviewedAt; publishedAt = run.publishedAt
    }
}

struct RankedUnitDTO: Content { let unitKind: UnitKind; let unitId: UUID; let unitName: String; let total: Double; let rank: Int; let exposure: Double }
struct RunDetailDTO: Content {
    let run: RunDTO; let schemeTotal: Int; let townships: [RankedUnitDTO]; let venues: [RankedUnitDTO]

    init(_ data: EvaluationRunData) {
        run = RunDTO(data.run, schemeVersion: data.schemeVersion); schemeTotal = data.scheme.total
        let ranked = { (kind: UnitKind) in data.ranked(kind).map { RankedUnitDTO(unitKind: $0.unitKind, unitId: $0.unitID, unitName: $0.unitName, total: $0.total, rank: $0.rank, exposure: $0.exposure) } }
        townships = ranked(.township); venues = ranked(.venue)
    }
}

struct ItemScoreDTO: Content {
    let indicator: Indicator; let weight: Double; let target: Double; let value: Double?; let numerator: Double; let denominator: Double?
    let points: Double?; let met: Bool?
}
struct GapDTO: Content {
    let indicator: Indicator; let value: Double?; let target: Double
    /// more, moreSuccesses, moreCovered, moreWeeklyHours, moreParticipations or cannotReach.
    let action: String; let amount: Double?; let text: String

    init(_ gap: Gap, by day: String?, lang: Lang) {
        indicator = gap.indicator; value = gap.value; target = gap.target; text = EvaluationFormat.gap(gap, by: day, lang)
        (action, amount) = switch gap.action {
        case .more(let n): ("more", Double(n))
        case .moreSuccesses(let n): ("moreSuccesses", Double(n))
        case .moreCovered(let n): ("moreCovered", Double(n))
        case .moreWeeklyHours(let h): ("moreWeeklyHours", h)
        case .moreParticipations(let n): ("moreParticipations", Double(n))
        case .cannotReach: ("cannotReach", nil)
        }
    }
}
struct UnitResultDTO: Content {
    let runId: UUID; let period: String; let status: RunStatus; let unitKind: UnitKind; let unitId: UUID; let unitName: String
    let total: Double; let rank: Int; let exposure: Double; let earned: Double; let possible: Double; let scaled: Double
    let deductions: [String: Double]; let items: [ItemScoreDTO]; let inputs: UnitInputs; let shortBy: [GapDTO]
}

struct ShortfallDTO: Content {
    let unitKind: UnitKind; let unitId: UUID; let unitName: String; let periodType: PeriodType; let period: String; let lastDay: String
    let scoreSoFar: Double; let gaps: [GapDTO]
}

struct DiffDTO: Content {
    struct Figure: Content { let indicator: Indicator; let published: Double?; let today: Double? }
    let unitId: UUID; let unitName: String; let publishedTotal: Double; let todayTotal: Double; let figures: [Figure]
}

struct IntegrityFlagDTO: Content {
    let rule: IntegrityRule; let activityId: UUID; let activity: String; let venue: String; let endedAt: Date; let detail: String
}
