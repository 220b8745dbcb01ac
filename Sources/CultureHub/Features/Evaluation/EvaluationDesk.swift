import Fluent
import Foundation
import KPIMetrics
import SQLKit

/// Schemes and runs: every change to them goes through here (R8.1, R8.2).
enum EvaluationDesk {
    /// The newest version for a period type; the standard scheme becomes version 1 the first time.
    static func currentScheme(_ type: PeriodType, now: Date, on db: any Database) async throws -> EvaluationSchemeRecord {
        if let record = try await EvaluationSchemeRecord.query(on: db).filter(\.$periodType == type).sort(\.$version, .descending).first() {
            return record
        }
        let record = try EvaluationSchemeRecord(scheme: .standard(type), version: 1, note: "默认方案（按国家和省市标准）", by: nil, at: now)
        do {
            try await record.create(on: db)
            return record
        } catch {
            // Two first visits at once: the unique (type, version) lets one win; read it back.
            guard let winner = try await EvaluationSchemeRecord.query(on: db).filter(\.$periodType == type).sort(\.$version, .descending).first() else { throw error }
            return winner
        }
    }

    /// Saves the form as the next version. Nothing is saved unless the whole scheme is valid.
    static func saveScheme(_ form: [String: String], type: PeriodType, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws -> EvaluationSchemeRecord {
        try staff.require(.evaluate)
        return try await store(try parseScheme(form, type: type, lang: lang), note: form["note"], by: staff, now: now, lang: lang, on: db)
    }

    /// Stores a checked scheme as the next version of its period type (the form and the API
    /// each check it and name the problems in their own field names first).
    static func store(_ scheme: Scheme, note raw: String?, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws -> EvaluationSchemeRecord {
        try staff.require(.evaluate)
        if let problem = scheme.problems().first { throw AppError.invalid(["scheme": lang.t(problem.zh, problem.en)]) }
        let note = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 200 else { throw AppError.invalid(["note": lang.t("说明不能超过 200 个字。", "At most 200 characters.")]) }
        let type = scheme.periodType
        do {
            return try await db.writeTransaction { tx in
                let last = try await EvaluationSchemeRecord.query(on: tx).filter(\.$periodType == type).sort(\.$version, .descending).first()
                let record = try EvaluationSchemeRecord(scheme: scheme, version: (last?.version ?? 0) + 1, note: note, by: staff.account.id, at: now)
                try await record.create(on: tx)
                return record
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two saves at once: the unique (type, version) keeps one; the other is told, not overwritten.
            throw AppError.conflict(zh: "同事刚刚保存了这个方案的新版本，请刷新查看后再修改。", en: "A colleague has just saved a new version of this scheme; reload it before changing it.")
        }
    }

    /// Form fields: `total`; per indicator `w_<key>` (points, empty to leave it out) and `t_<key>`
    /// (rates in percent); per deduction `d_<kind>` and `dcap_<kind>`.
    static func parseScheme(_ form: [String: String], type: PeriodType, lang: Lang) throws -> Scheme {
        var check = FormCheck(lang)
        let total = check.int("total", form["total"], min: 1, max: 100_000) ?? 0
        for key in form.keys where key.hasPrefix("w_") || key.hasPrefix("t_") {
            if Indicator(rawValue: String(key.dropFirst(2))) == nil {
                let problem = SchemeProblem.unknownIndicator(String(key.dropFirst(2)))
                check.fail("scheme", problem.zh, problem.en)
            }
        }
        var items: [SchemeItem] = []
        for indicator in Indicator.allCases {
            let weightRaw = (form["w_" + indicator.rawValue] ?? "").trimmingCharacters(in: .whitespaces)
            guard !weightRaw.isEmpty, weightRaw != "0" else { continue }
            let weight = check.double("w_" + indicator.rawValue, weightRaw, min: 0, max: 100_000)
            let targetField = "t_" + indicator.rawValue
            guard let target = check.double(targetField, form[targetField], min: 0, max: 1_000_000) else {
                if (form[targetField] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { check.fail(targetField, "请填写目标值。", "Enter a target.") }
                continue
            }
            if let weight { items.append(SchemeItem(indicator, weight: weight, target: indicator.kind == .rate ? target / 100 : target)) }
        }
        var deductions: [DeductionRule] = []
        for kind in DeductionKind.allCases {
            let each = check.double("d_" + kind.rawValue, form["d_" + kind.rawValue], min: 0, max: 1000) ?? 0
            let cap = check.double("dcap_" + kind.rawValue, form["dcap_" + kind.rawValue], min: 0, max: 100_000) ?? 0
            if each > 0 || cap > 0 { deductions.append(DeductionRule(kind, pointsEach: each, cap: cap)) }
        }
        try check.throwIfInvalid()
        let scheme = Scheme(periodType: type, total: total, items: items, deductions: deductions,
                            countsAnonymousSurveys: FormCheck.flag(form["anonymous"]))
        for problem in scheme.problems() {
            let field: String = switch problem {
            case .totalNotAllowed, .weightsDoNotAddUp: "total"
            case .noItems, .unknownIndicator, .duplicate: "scheme"
            case .weightNotPositive(let i): "w_" + i.rawValue
            case .targetOutOfRange(let i): "t_" + i.rawValue
            case .deductionInvalid(let k): "d_" + k.rawValue
            }
            check.fail(field, problem.zh, problem.en)
        }
        try check.throwIfInvalid()
        return scheme
    }

    struct Scored: Sendable {
        let unit: EvaluationUnit
        let inputs: UnitInputs
        let exposure: Double
        let score: UnitScore
    }

    /// Every unit under `path` scored for the period with the scheme, from live data.
    static func score(_ scheme: Scheme, period: EvaluationPeriod, under path: String, units: [EvaluationUnit]? = nil, time: DisplayTime, settings: Settings, on db: any Database) async throws -> [Scored] {
        var list = units ?? []
        if units == nil { list = try await EvaluationUnit.all(under: path, on: db) }
        let inputs = try await EvaluationInputs.load(list, period: period, time: time, settings: settings,
                                                     countingAnonymousSurveys: scheme.countsAnonymousSurveys, on: db)
        return list.map { unit in
            let i = inputs[unit.id] ?? UnitInputs()
            let exposure = Double(period.daysOpen(openedOn: unit.openedOn)) / Double(period.dayCount)
            return Scored(unit: unit, inputs: i, exposure: exposure, score: Scoring.score(scheme, measures: KPI.measures(i, unit: unit.kind), inputs: i, exposure: exposure))
        }
    }

    /// Computes a new draft run for the period with the current scheme.
    static func compute(type: PeriodType, key: String, by staff: Staff, time: DisplayTime, settings: Settings, lang: Lang, on db: any Database) async throws -> EvaluationRun {
        try staff.require(.evaluate)
        guard let period = EvaluationPeriod(type: type, key: key) else {
            throw AppError.invalid(["period": lang.t("请选择考核期，例如 2026-11、2026-Q4 或 2026。", "Choose a period, e.g. 2026-11, 2026-Q4 or 2026.")])
        }
        guard period.firstDay <= time.today else {
            throw AppError.invalid(["period": lang.t("\(key) 还没有开始，不能考核。", "\(key) has not begun yet.")])
        }
        let record = try await currentScheme(type, now: time.now, on: db)
        let scored = try await score(try record.scheme, period: period, under: "/", time: time, settings: settings, on: db)
        return try await createRun(scored, scheme: record, period: period, status: .draft, by: staff.account.id, now: time.now, on: db)
    }

    /// A run and its results in one transaction: the web, the `evaluate` command and the demo
    /// all create runs this way. A published one (the demo's history) is signed off by `by`.
    static func createRun(_ scored: [Scored], scheme record: EvaluationSchemeRecord, period: EvaluationPeriod, status: RunStatus,
                          by account: UUID?, now: Date, on db: any Database) async throws -> EvaluationRun {
        try await db.writeTransaction { tx in
            let run = EvaluationRun()
            run.$scheme.id = record.id!; run.periodType = period.type; run.periodKey = period.key; run.status = status
            run.computedAt = now; run.$createdBy.id = account; run.createdAt = now
            if status == .published {
                run.$reviewedBy.id = account; run.reviewedAt = now; run.$publishedBy.id = account; run.publishedAt = now
            }
            try await run.create(on: tx)
            try await writeResults(scored, run: run.id!, on: tx)
            return run
        }
    }

    static func writeResults(_ scored: [Scored], run: UUID, on db: any Database) async throws {
        var ranks: [UUID: Int] = [:]
        for kind in UnitKind.allCases {
            ranks.merge(Ranking.ranks(scored.filter { $0.unit.kind == kind }.map { (id: $0.unit.id, score: $0.score.total) })) { a, _ in a }
        }
        let encoder = JSONEncoder.sorted
        for s in scored {
            let r = EvaluationResult()
            r.$run.id = run
            r.unitKind = s.unit.kind; r.unitID = s.unit.id; r.unitName = s.unit.name; r.regionPath = s.unit.path
            r.total = s.score.total; r.rank = ranks[s.unit.id] ?? 0; r.exposure = s.exposure
            r.scoreJSON = String(decoding: try encoder.encode(s.score), as: UTF8.self)
            r.inputsJSON = String(decoding: try encoder.encode(s.inputs), as: UTF8.self)
            try await r.create(on: db)
        }
    }

    /// Recomputes a draft from today's data (a draft is a working copy; review and published runs are not).
    static func recompute(_ run: EvaluationRun, by staff: Staff, time: DisplayTime, settings: Settings, lang: Lang, on db: any Database) async throws {
        try staff.require(.evaluate)
        guard run.status == .draft, let period = run.period else { throw notEditable(run, lang) }
        let record = try await currentScheme(run.periodType, now: time.now, on: db)
        let scored = try await score(try record.scheme, period: period, under: "/", time: time, settings: settings, on: db)
        try await db.writeTransaction { tx in
            // The status check and the rewrite are one statement's worth of truth: a run published
            // in the meantime leaves this update with no row, and nothing is rewritten.
            let changed = try await transition(run.id!, from: .draft, to: .draft, set: { $0.set(\.$computedAt, to: time.now).set(\.$scheme.$id, to: record.id!) }, on: tx)
            guard changed else { throw notEditable(run, lang) }
            try await EvaluationResult.query(on: tx).filter(\.$run.$id == run.id!).delete()
            try await writeResults(scored, run: run.id!, on: tx)
        }
    }

    enum Step: String { case submit, returnToDraft, publish }

    /// draft → review (submit), review → draft (send back), review → published (publish, bureau only).
    static func advance(_ run: EvaluationRun, _ step: Step, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.evaluate)
        let (from, to): (RunStatus, RunStatus) = switch step {
        case .submit: (.draft, .review)
        case .returnToDraft: (.review, .draft)
        case .publish: (.review, .published)
        }
        if step == .publish { try staff.require(.publishEvaluation) }
        if run.status == .published {
            throw AppError.conflict(zh: "这次考核已经发布，发布后不能再修改或重复发布。", en: "This run is already published; it cannot be changed or published again.")
        }
        if step == .publish, try await EvaluationRun.query(on: db).filter(\.$periodType == run.periodType).filter(\.$periodKey == run.periodKey)
            .filter(\.$status == .published).count() > 0 {
            throw AppError.conflict(zh: "\(run.periodKey) 已有一次发布的考核结果，同一考核期只能发布一次。", en: "\(run.periodKey) already has a published run; a period is published once.")
        }
        let changed: Bool
        do {
            changed = try await transition(run.id!, from: from, to: to, set: { q in
                switch step {
                case .submit: q.set(\.$reviewedBy.$id, to: nil).set(\.$reviewedAt, to: nil)
                case .returnToDraft: q.set(\.$reviewedBy.$id, to: staff.account.id).set(\.$reviewedAt, to: now)
                case .publish: q.set(\.$publishedBy.$id, to: staff.account.id).set(\.$publishedAt, to: now).set(\.$reviewedBy.$id, to: staff.account.id).set(\.$reviewedAt, to: now)
                }
            }, on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(zh: "\(run.periodKey) 已有一次发布的考核结果，同一考核期只能发布一次。", en: "\(run.periodKey) already has a published run; a period is published once.")
        }
        guard changed else {
            throw AppError.conflict(zh: "这次考核的状态已被他人改变，请刷新后再操作。", en: "Someone else changed this run's status; reload and try again.")
        }
        try await AuditLog.record(action: "evaluation." + step.rawValue, entity: EvaluationRun.schema, entityID: run.id!.uuidString,
                                  summary: "\(run.periodType.rawValue) \(run.periodKey): \(from.rawValue) → \(to.rawValue)", on: db)
    }

    /// One conditional UPDATE: true when the run was in `from` and now is in `to`.
    private static func transition(_ id: UUID, from: RunStatus, to: RunStatus, set: (QueryBuilder<EvaluationRun>) -> QueryBuilder<EvaluationRun>, on db: any Database) async throws -> Bool {
        let before = try await EvaluationRun.query(on: db).filter(\.$id == id).filter(\.$status == from).count()
        guard before == 1 else { return false }
        try await set(EvaluationRun.query(on: db).filter(\.$id == id).filter(\.$status == from).set(\.$status, to: to)).update()
        return try await EvaluationRun.query(on: db).filter(\.$id == id).filter(\.$status == to).count() == 1
    }

    static func notEditable(_ run: EvaluationRun, _ lang: Lang) -> AppError {
        run.status == .published
            ? .conflict(zh: "这次考核已经发布，结果不能再修改。数据如有变化，会在结果页显示与发布时的差异。", en: "This run is published and cannot change; later data changes show as differences on its page.")
            : .conflict(zh: "只有草稿可以重新计算；请先退回草稿。", en: "Only a draft can be recomputed; send it back to draft first.")
    }
}
