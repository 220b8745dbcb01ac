import Fluent
import NIOConcurrencyHelpers
import Foundation
import KPIMetrics
import Vapor

/// Shortfall reminders (R8.2): during a period each township and venue sees how far it is from
/// each target of the current scheme and what would close the gap before the period ends.
enum ShortfallReport {
    struct Entry {
        let unit: EvaluationUnit
        let period: EvaluationPeriod
        let score: UnitScore
        var gaps: [Gap] { Shortfall.gaps(score) }
    }

    /// The units this staff member answers for: a township manager's township, a city venue's
    /// manager's venue, or (for the bureau) every unit.
    static func units(for staff: Staff, on db: any Database) async throws -> [EvaluationUnit] {
        let all = try await EvaluationUnit.all(under: "/", on: db)
        switch staff.scope {
        case .venue(let id, _): return all.filter { $0.id == id }
        case .region(let path):
            if staff.role.may(.evaluate) || staff.role == .bureauAdmin { return all }
            return all.filter { $0.kind == .township && (RegionPath.isWithin(path, $0.path) || RegionPath.isWithin($0.path, path)) }
        }
    }

    static func load(_ units: [EvaluationUnit], type: PeriodType, time: DisplayTime, settings: Settings, on db: any Database) async throws -> [Entry] {
        guard !units.isEmpty, let period = EvaluationPeriod.containing(time.today, type: type) else { return [] }
        let record = try await EvaluationDesk.currentScheme(type, now: time.now, on: db)
        let key = "\(period.key)|\(record.version)|" + units.map(\.id.uuidString).joined(separator: ",")
        if let cached = ShortfallCache.shared.get(key, now: time.now) { return cached }
        let entries = try await EvaluationDesk.score(try record.scheme, period: period, under: "/", units: units, time: time, settings: settings, on: db)
            .map { Entry(unit: $0.unit, period: period, score: $0.score) }
        ShortfallCache.shared.put(key, entries, now: time.now)
        return entries
    }

    static func list(_ ctx: PageContext, _ entry: Entry) -> HNode {
        let gaps = entry.gaps
        guard !gaps.isEmpty else {
            return H.p(ctx.t("\(entry.unit.name)本期各项指标都已达到目标，请继续保持。", "\(entry.unit.name) meets every target this period."), cls: "hint")
        }
        return Tables.table(caption: ctx.t("\(entry.unit.name) · 距离目标还差", "\(entry.unit.name): gaps to targets"),
                            headers: [ctx.t("指标", "Indicator"), ctx.t("目前", "Now"), ctx.t("目标", "Target"), ctx.t("怎样达标", "What would close the gap")],
                            rows: gaps.map { g in
                                [H.text(g.indicator.label(ctx.lang)), H.text(EvaluationFormat.value(g.indicator, g.value, ctx.lang)),
                                 H.text(EvaluationFormat.target(g.indicator, g.target, ctx.lang)), H.text(EvaluationFormat.gap(g, by: entry.period.lastDay, ctx.lang))]
                            })
    }
}

/// Gaps are reminders on busy pages (every township's workbench), and a period's figures move
/// slowly: each process keeps them for five minutes instead of recomputing on every visit.
final class ShortfallCache: Sendable {
    static let shared = ShortfallCache()
    static let lifetime: TimeInterval = 300
    private let store = NIOLockedValueBox<[String: (at: Date, entries: [ShortfallReport.Entry])]>([:])

    func get(_ key: String, now: Date) -> [ShortfallReport.Entry]? {
        store.withLockedValue { s in s[key].flatMap { now.timeIntervalSince($0.at) < Self.lifetime && now >= $0.at ? $0.entries : nil } }
    }

    func put(_ key: String, _ entries: [ShortfallReport.Entry], now: Date) {
        store.withLockedValue { s in
            if s.count > 5_000 { s = s.filter { now.timeIntervalSince($0.value.at) < Self.lifetime } }
            s[key] = (now, entries)
        }
    }
}

enum ShortfallController {
    @Sendable static func page(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let type = req.query[String.self, at: "type"].flatMap(PeriodType.init(rawValue:)) ?? .year
        var units = try await ShortfallReport.units(for: staff, on: req.db)
        let chosen = req.query[UUID.self, at: "unit"]
        if let chosen { units = units.filter { $0.id == chosen } }
        let entries = try await ShortfallReport.load(units, type: type, time: req.displayTime, settings: req.settings, on: req.db)
        let title = ctx.t("考核目标差距", "Gaps to targets")
        let period = EvaluationPeriod.containing(req.displayTime.today, type: type)!
        let typeLinks = PeriodType.allCases.map { H.a(ctx.t("本\($0 == .year ? "年" : $0 == .quarter ? "季度" : "月")", "This \($0.rawValue)"),
                                                      href: SiteURL.evaluation(.shortfall).with([("type", $0.rawValue), ("unit", chosen?.uuidString)]), cls: "button small", current: $0 == type) }
        let body: [HNode]
        if entries.count > 1 {
            // The bureau's overview: units with the most gaps first.
            let sorted = entries.sorted { ($0.gaps.count, $1.score.total) > ($1.gaps.count, $0.score.total) }
            body = [Tables.table(caption: ctx.t("各单位未达标指标数（按当前数据）", "Targets not yet met, by unit (today's data)"),
                                 headers: [ctx.t("单位", "Unit"), ctx.t("类别", "Kind"), ctx.t("当前得分", "Score so far"), ctx.t("未达标指标", "Targets not met")],
                                 rows: sorted.map { e in
                                     [H.a(e.unit.name, href: SiteURL.evaluation(.shortfall).with([("type", type.rawValue), ("unit", e.unit.id.uuidString)])),
                                      H.text(e.unit.kind.label(ctx.lang)), H.text(Scoring.text(e.score.total)), H.text(String(e.gaps.count))]
                                 })]
        } else if let entry = entries.first {
            body = [ShortfallReport.list(ctx, entry)]
        } else {
            body = [Tables.empty(ctx.t("您的账号不对应参加考核的乡镇或市直场馆。", "Your account is not for a township or city venue that is evaluated."))]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("按当前考核方案和截至今天的数据计算（每 5 分钟更新一次），考核期 \(period.firstDay) 至 \(period.lastDay)。场次类目标按整期计算，请在 \(EvaluationFormat.dayText(period.lastDay, .zh)) 前完成。",
                      "By the current scheme and today's data (refreshed every 5 minutes) for \(period.firstDay) to \(period.lastDay). Count targets are for the whole period: finish by \(period.lastDay)."), cls: "lead"),
            H.el("p", [("class", "filters")], typeLinks + EvaluationTables.links(ctx, .shortfall, [("type", type.rawValue)])),
        ] + body)
        return Layout.response(html)
    }
}
