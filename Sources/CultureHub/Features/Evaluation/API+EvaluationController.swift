import Fluent
import Foundation
import KPIMetrics
import Vapor

/// Schemes, runs, drill-down, differences, shortfall and integrity flags in `/api/v1` (R8.1, R8.2,
/// R8.5). The same desks as the pages: the same checks, the same refusals.
enum APIEvaluationController {
    // MARK: Schemes

    /// The current scheme of each period type (the standard one until the bureau saves its own).
    @Sendable static func schemes(req: Request) async throws -> [SchemeDTO] {
        let staff = try req.staff()
        try staff.require(.evaluate)
        var out: [SchemeDTO] = []
        for type in PeriodType.allCases { out.append(try SchemeDTO(try await EvaluationDesk.currentScheme(type, now: req.now, on: req.db))) }
        return out
    }

    struct SchemeBody: Decodable {
        struct Item: Decodable { var indicator: String?; var weight: Double?; var target: Double? }
        struct Deduction: Decodable { var kind: String?; var pointsEach: Double?; var cap: Double? }
        var periodType: String?; var total: Int?; var note: String?; var items: [Item]?; var deductions: [Deduction]?
        var countsAnonymousSurveys: Bool?
    }

    /// Saves a new version. Every problem is named by its JSON path and nothing is saved.
    @Sendable static func saveScheme(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.evaluate)
        let body = try req.json(SchemeBody.self)
        let scheme = try scheme(from: body, lang: req.lang)
        let record = try await EvaluationDesk.store(scheme, note: body.note, by: staff, now: req.now, lang: req.lang, on: req.db)
        return try await created(try SchemeDTO(record), for: req)
    }

    static func scheme(from body: SchemeBody, lang: Lang) throws -> Scheme {
        var check = FormCheck(lang)
        let type = PeriodType(rawValue: body.periodType ?? "")
        if type == nil { check.fail("periodType", "请选择方案适用的考核期：month、quarter 或 year。", "Choose the period type: month, quarter or year.") }
        if body.total == nil { check.fail("total", "请填写总分（100 或 1000）。", "Give the total (100 or 1000).") }
        var items: [SchemeItem] = [], at: [Indicator: Int] = [:]
        for (n, item) in (body.items ?? []).enumerated() {
            guard let indicator = Indicator(rawValue: item.indicator ?? "") else {
                let problem = SchemeProblem.unknownIndicator(item.indicator ?? "")
                check.fail("items[\(n)].indicator", problem.zh, problem.en)
                continue
            }
            guard let weight = item.weight, let target = item.target else {
                check.fail(item.weight == nil ? "items[\(n)].weight" : "items[\(n)].target", "请填写此项。", "This field is required.")
                continue
            }
            // The form's bounds, so a figure too large to mean anything is named, not scored.
            if weight > 100_000 { check.fail("items[\(n)].weight", "分值不能超过 100000。", "At most 100,000 points.") }
            if target > 1_000_000 { check.fail("items[\(n)].target", "目标值不能超过 1000000。", "The target may not exceed 1,000,000.") }
            at[indicator] = at[indicator] ?? n
            items.append(SchemeItem(indicator, weight: weight, target: target))
        }
        var deductions: [DeductionRule] = [], deductionAt: [DeductionKind: Int] = [:]
        for (n, d) in (body.deductions ?? []).enumerated() {
            guard let kind = DeductionKind(rawValue: d.kind ?? "") else {
                check.fail("deductions[\(n)].kind", "扣分项只能是 inspectionFinding、upheldComplaint 或 integrityFlag。", "A deduction is inspectionFinding, upheldComplaint or integrityFlag.")
                continue
            }
            if deductionAt[kind] != nil { check.fail("deductions[\(n)].kind", "每种扣分只能列一次。", "List each deduction once.") }
            deductionAt[kind] = n
            if (d.pointsEach ?? 0) > 1000 || (d.cap ?? 0) > 100_000 {
                check.fail("deductions[\(n)]", "每次扣分不能超过 1000 分，封顶不能超过 100000 分。", "At most 1,000 points a case and a cap of 100,000.")
            }
            deductions.append(DeductionRule(kind, pointsEach: d.pointsEach ?? 0, cap: d.cap ?? 0))
        }
        try check.throwIfInvalid()
        let scheme = Scheme(periodType: type!, total: body.total!, items: items, deductions: deductions,
                            countsAnonymousSurveys: body.countsAnonymousSurveys ?? false)
        for problem in scheme.problems() {
            let field: String = switch problem {
            case .totalNotAllowed, .weightsDoNotAddUp: "total"
            case .noItems, .unknownIndicator: "items"
            case .duplicate(let i): "items[\(items.lastIndex { $0.indicator == i } ?? 0)].indicator"
            case .weightNotPositive(let i): "items[\(at[i] ?? 0)].weight"
            case .targetOutOfRange(let i): "items[\(at[i] ?? 0)].target"
            case .deductionInvalid(let k): "deductions[\(deductionAt[k] ?? 0)]"
            }
            check.fail(field, problem.zh, problem.en)
        }
        try check.throwIfInvalid()
        return scheme
    }

    // MARK: Runs

    /// Published runs for everyone; the bureau's evaluators also see drafts and runs in review.
    static func runList(_ req: Request, publishedOnly: Bool) async throws -> PageDTO<RunDTO> {
        var errors: FieldErrors = [:]
        let type = req.apiEnum(PeriodType.self, "type", into: &errors)
        let status = req.apiEnum(RunStatus.self, "status", into: &errors)
        let page = try req.apiPage()
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let query = EvaluationRun.query(on: req.db).with(\.$scheme)
        if publishedOnly { query.filter(\.$status == .published) } else if let status { query.filter(\.$status == status) }
        if let type { query.filter(\.$periodType == type) }
        return try await query.sort(\.$createdAt, .descending).sort(\.$id).paginate(page).dto { RunDTO($0, schemeVersion: $0.scheme.version) }
    }

    @Sendable static func publicRuns(req: Request) async throws -> PageDTO<RunDTO> { try await runList(req, publishedOnly: true) }

    @Sendable static func publicRun(req: Request) async throws -> RunDetailDTO {
        RunDetailDTO(try await EvaluationRunData.loadPublished(try req.id(), on: req.db))
    }

    @Sendable static func runs(req: Request) async throws -> PageDTO<RunDTO> {
        try await runList(req, publishedOnly: !req.staff().role.may(.evaluate))
    }

    @Sendable static func run(req: Request) async throws -> RunDetailDTO {
        RunDetailDTO(try await EvaluationExport.load(req))
    }

    /// Computes a draft for `{"periodType":"month","period":"2026-10"}` with the current scheme.
    @Sendable static func compute(req: Request) async throws -> Response {
        struct Body: Decodable { var periodType: String?; var period: String? }
        let body = try req.json(Body.self)
        let staff = try req.staff()
        try staff.require(.evaluate)
        guard let type = PeriodType(rawValue: body.periodType ?? "") else {
            throw AppError.invalid(["periodType": req.lang.t("请选择考核期类型：month、quarter 或 year。", "Choose month, quarter or year.")])
        }
        let run = try await EvaluationDesk.compute(type: type, key: body.period ?? "", by: staff, time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db)
        return try await created(RunDetailDTO(try await EvaluationRunData.load(run.id!, on: req.db)), for: req)
    }

    /// recompute (a draft), submit, return (to draft) or publish.
    static func step(req: Request, _ action: String) async throws -> RunDetailDTO {
        let staff = try req.staff()
        // A write on a run the account may not read is refused (403) by the desk's capability
        // check, as on the page and for every write outside the scope; only a missing run is 404.
        guard let run = try await EvaluationRun.find(try req.id(), on: req.db) else { throw AppError.notFound }
        switch action {
        case "recompute": try await EvaluationDesk.recompute(run, by: staff, time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db)
        case "submit": try await EvaluationDesk.advance(run, .submit, by: staff, now: req.now, lang: req.lang, on: req.db)
        case "return": try await EvaluationDesk.advance(run, .returnToDraft, by: staff, now: req.now, lang: req.lang, on: req.db)
        case "publish": try await EvaluationDesk.advance(run, .publish, by: staff, now: req.now, lang: req.lang, on: req.db)
        default: throw AppError.notFound
        }
        return RunDetailDTO(try await EvaluationRunData.load(run.id!, on: req.db))
    }

    /// One unit's figures: every indicator with its basis, points, deductions, the frozen inputs,
    /// and for a period that is over, how far it fell short of each target.
    @Sendable static func unit(req: Request) async throws -> UnitResultDTO {
        let staff = try req.staff()
        let data = try await EvaluationExport.load(req)
        let unitID = try req.id("unitId")
        guard let result = data.results.first(where: { $0.unitID == unitID }) else { throw AppError.notFound }
        guard EvaluationRunData.canOpen(result, staff: staff) else { throw AppError.notFound }
        let score = try result.score
        let ongoing = data.period.lastDay >= req.displayTime.today
        return UnitResultDTO(runId: data.run.id!, period: data.run.periodKey, status: data.run.status, unitKind: result.unitKind, unitId: result.unitID, unitName: result.unitName,
                             total: result.total, rank: result.rank, exposure: result.exposure, earned: score.earned, possible: score.possible, scaled: score.scaled,
                             deductions: Dictionary(uniqueKeysWithValues: score.deductions.map { ($0.key.rawValue, $0.value) }),
                             items: score.items.map { ItemScoreDTO(indicator: $0.indicator, weight: $0.weight, target: $0.target, value: $0.measure.value,
                                                                   numerator: $0.measure.numerator, denominator: $0.measure.denominator, points: $0.points, met: $0.met) },
                             inputs: try result.inputs, shortBy: Shortfall.gaps(score).map { GapDTO($0, by: ongoing ? data.period.lastDay : nil, lang: req.lang) })
    }

    /// A published run against today's data: only units whose figures moved.
    @Sendable static func diff(req: Request) async throws -> [DiffDTO] {
        let data = try await EvaluationExport.load(req)
        guard data.run.status == .published else {
            throw AppError.conflict(zh: "只有已发布的考核才有与当前数据的对比；草稿可以直接重新计算。", en: "Only a published run is compared with today's data; recompute a draft instead.")
        }
        return try await EvaluationDiff.changes(data, time: req.displayTime, settings: req.settings, on: req.db).map { c in
            DiffDTO(unitId: c.unitID, unitName: c.unit, publishedTotal: c.snapshotTotal, todayTotal: c.liveTotal,
                    figures: c.indicators.map { DiffDTO.Figure(indicator: $0.0, published: $0.1, today: $0.2) })
        }
    }

    // MARK: Shortfall and integrity

    /// The gaps of the units this staff member answers for, in the period containing today.
    @Sendable static func shortfall(req: Request) async throws -> [ShortfallDTO] {
        let staff = try req.staff()
        var errors: FieldErrors = [:]
        let type = req.apiEnum(PeriodType.self, "type", into: &errors) ?? .year
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let units = try await ShortfallReport.units(for: staff, on: req.db)
        return try await ShortfallReport.load(units, type: type, time: req.displayTime, settings: req.settings, on: req.db).map { e in
            ShortfallDTO(unitKind: e.unit.kind, unitId: e.unit.id, unitName: e.unit.name, periodType: e.period.type, period: e.period.key, lastDay: e.period.lastDay,
                         scoreSoFar: e.score.total, gaps: e.gaps.map { GapDTO($0, by: e.period.lastDay, lang: req.lang) })
        }
    }

    @Sendable static func integrity(req: Request) async throws -> [IntegrityFlagDTO] {
        let staff = try req.staff()
        try staff.require(.evaluate)
        var errors: FieldErrors = [:]
        let type = req.apiEnum(PeriodType.self, "type", into: &errors) ?? .month
        var period = EvaluationPeriod.containing(req.displayTime.today, type: type)!
        if let key = req.query[String.self, at: "period"], !key.isEmpty {
            if let chosen = EvaluationPeriod(type: type, key: key) { period = chosen } else {
                errors["period"] = req.lang.t("考核期格式不对，例如 2026-11、2026-Q4 或 2026。", "Not a period: e.g. 2026-11, 2026-Q4 or 2026.")
            }
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return try await IntegrityController.flags(period: period, scope: staff.scope, time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db).map {
            IntegrityFlagDTO(rule: $0.rule, activityId: $0.row.id, activity: $0.row.title, venue: $0.row.venue, endedAt: $0.row.ends_at, detail: $0.detail)
        }
    }
}
