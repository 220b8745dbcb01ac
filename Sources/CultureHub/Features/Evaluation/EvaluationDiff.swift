import Fluent
import Foundation
import KPIMetrics
import Vapor

/// A published run against today's data (R8.2): the snapshot never changes, so records added
/// or corrected later show here as differences, unit by unit and indicator by indicator.
enum EvaluationDiff {
    struct Change: Equatable {
        let unit: String
        let unitID: UUID
        let snapshotTotal: Double
        let liveTotal: Double
        /// (indicator, snapshot value, live value) for every figure that moved.
        let indicators: [(Indicator, Double?, Double?)]

        static func == (a: Change, b: Change) -> Bool { a.unitID == b.unitID && a.snapshotTotal == b.snapshotTotal && a.liveTotal == b.liveTotal }
    }

    static func changes(_ data: EvaluationRunData, time: DisplayTime, settings: Settings, on db: any Database) async throws -> [Change] {
        let all = try await EvaluationUnit.all(under: "/", on: db)
        let inRun = Set(data.results.map(\.unitID))
        let live = try await EvaluationDesk.score(data.scheme, period: data.period, under: "/", units: all.filter { inRun.contains($0.id) }, time: time, settings: settings, on: db)
        let liveByID = Dictionary(uniqueKeysWithValues: live.map { ($0.unit.id, $0) })
        return UnitKind.allCases.flatMap { data.ranked($0) }.compactMap { r -> Change? in
            guard let now = liveByID[r.unitID], let then = try? r.score else { return nil }
            let before = Dictionary(uniqueKeysWithValues: then.items.map { ($0.indicator, $0.measure.value) })
            let moved = now.score.items.compactMap { item -> (Indicator, Double?, Double?)? in
                let old = before[item.indicator] ?? nil
                let same = old == item.measure.value || (old != nil && item.measure.value != nil && abs(old! - item.measure.value!) < 1e-9)
                return same ? nil : (item.indicator, old, item.measure.value)
            }
            guard !moved.isEmpty || abs(now.score.total - r.total) >= 0.005 else { return nil }
            return Change(unit: r.unitName, unitID: r.unitID, snapshotTotal: r.total, liveTotal: now.score.total, indicators: moved)
        }
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let data = try await EvaluationExport.load(req)
        guard data.run.status == .published else { return req.redirect(to: SiteURL.evaluation(.run(.id(data.run.id!))).path) }
        let changes = try await changes(data, time: req.displayTime, settings: req.settings, on: req.db)
        let ctx = PageContext(req)
        let runTitle = EvaluationRunView.title(ctx, data.run)
        let title = ctx.t("与当前数据对比", "Compared with today's data")
        let rows: [[HNode]] = changes.map { c in
            [H.text(c.unit), H.text(Scoring.text(c.snapshotTotal)), H.text(Scoring.text(c.liveTotal)),
             H.text(c.indicators.map { "\($0.0.label(ctx.lang))：\(EvaluationFormat.value($0.0, $0.1, ctx.lang)) → \(EvaluationFormat.value($0.0, $0.2, ctx.lang))" }.joined(separator: "；"))]
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path),
                                                                                      (runTitle, SiteURL.evaluation(.run(.id(data.run.id!))).path), (title, nil)]), [
            H.h1(runTitle + " · " + title),
            H.p(ctx.t("发布的结果是不可更改的快照。下表按相同方案、相同考核期用当前数据重新计算，只列出与快照不同的单位；排名以发布结果为准。",
                      "The published results are a frozen snapshot. This recomputes the same period with the same scheme from today's data and lists only units that differ; the published ranking stands."), cls: "lead"),
            changes.isEmpty ? Tables.empty(ctx.t("当前数据与发布时一致，没有差异。", "Today's data matches the snapshot: no differences."))
                : Tables.table(caption: title, headers: [ctx.t("单位", "Unit"), ctx.t("发布时总分", "Published"), ctx.t("按当前数据", "Today"), ctx.t("变化的指标", "Changed figures")], rows: rows),
        ])
        return Layout.response(html)
    }
}
