import Fluent
import Foundation
import KPIMetrics
import SVGCharts
import Vapor

/// One unit in a run: every indicator with the figures it came from, points, deductions and
/// what would close each gap; every figure links to its records (R8.2 drill-down).
enum EvaluationUnitView {
    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        let data = try await EvaluationRunData.load(try req.id(), on: req.db)
        guard EvaluationRunData.visible(data.run, to: staff) else { throw AppError.notFound }
        let unitID = try req.id("unit")
        guard let result = data.results.first(where: { $0.unitID == unitID }) else { throw AppError.notFound }
        guard EvaluationRunData.canOpen(result, staff: staff) else { throw AppError.notFound }
        let ctx = PageContext(req)
        let trend = try await trend(unit: unitID, type: data.run.periodType, on: req.db)
        return Layout.response(render(ctx, data, result: result, score: try result.score, inputs: try result.inputs, trend: trend, today: req.displayTime.today))
    }

    /// The unit's totals in the last twelve published runs of the same period type, oldest first.
    static func trend(unit: UUID, type: PeriodType, on db: any Database) async throws -> [(key: String, total: Double)] {
        let rows = try await EvaluationResult.query(on: db).join(EvaluationRun.self, on: \EvaluationResult.$run.$id == \EvaluationRun.$id)
            .filter(\.$unitID == unit).filter(EvaluationRun.self, \.$status == .published).filter(EvaluationRun.self, \.$periodType == type)
            .sort(EvaluationRun.self, \.$periodKey, .descending).limit(12).all()
        return try rows.map { (key: try $0.joined(EvaluationRun.self).periodKey, total: $0.total) }.reversed()
    }

    static func render(_ ctx: PageContext, _ data: EvaluationRunData, result: EvaluationResult, score: UnitScore, inputs: UnitInputs, trend: [(key: String, total: Double)] = [], today: String) -> String {
        let run = data.run, runID = run.id!
        let title = "\(result.unitName) · " + EvaluationRunView.title(ctx, run)
        let records = { (indicator: String) in SiteURL.evaluation(.runRecords(.id(runID), .id(result.unitID))).with([("show", indicator)]) }
        let rows: [[HNode]] = score.items.map { item in
            let i = item.indicator
            let basis = basisText(i, item.measure, ctx.lang)
            let recordKind = RecordKind.forIndicator(i)
            return [H.text(i.label(ctx.lang)), H.text(EvaluationFormat.value(i, item.measure.value, ctx.lang)), H.text(EvaluationFormat.target(i, item.target, ctx.lang)),
                    H.text(Scoring.text(item.weight)), H.text(EvaluationFormat.points(item.points)),
                    recordKind.map { H.a(basis, href: records($0.rawValue)) } ?? H.text(basis),
                    item.met == nil ? H.badge(ctx.t("无数据，不计分", "No data, not scored")) : item.met! ? H.badge(ctx.t("达标", "Met"), tone: "ok") : H.badge(ctx.t("未达标", "Below"), tone: "warn")]
        }
        let deductionRows: [[HNode]] = data.scheme.deductions.map { rule in
            let n = switch rule.kind { case .inspectionFinding: inputs.inspectionFindings; case .upheldComplaint: inputs.upheldComplaints; case .integrityFlag: inputs.integrityFlags }
            let link = H.a(String(n), href: records(rule.kind == .inspectionFinding ? RecordKind.findings.rawValue : rule.kind == .integrityFlag ? RecordKind.inflated.rawValue : RecordKind.complaints.rawValue))
            return [H.text(rule.kind.label(ctx.lang)), link, H.text(ctx.t("每次 \(Scoring.text(rule.pointsEach)) 分，最多 \(Scoring.text(rule.cap)) 分", "\(Scoring.text(rule.pointsEach)) each, at most \(Scoring.text(rule.cap))")),
                    H.text(score.deductions[rule.kind].map { "−" + Scoring.text($0) } ?? "0")]
        }
        let chart = GroupedBarChart(
            title: ctx.t("各项指标完成情况", "Indicators against target"),
            summary: ctx.t("每项指标实际值占目标值的百分比（封顶 150%）；100% 为达标。数字见下表。", "Each indicator as a share of its target (capped at 150 %); 100 % meets it. Figures in the table."),
            groups: score.items.filter { $0.measure.value != nil }.map { $0.indicator.label(ctx.lang) },
            series: [ctx.t("完成目标的百分比", "% of target")],
            values: score.items.compactMap { item in item.measure.value.map { [min(150, item.target > 0 ? $0 / item.target * 100 : 100)] } })
        let gaps = Shortfall.gaps(score)
        let over = data.period.lastDay < today
        return Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [
            (ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (EvaluationRunView.title(ctx, run), SiteURL.evaluation(.run(.id(runID))).path), (result.unitName, nil),
        ]), [
            H.h1(title),
            H.facts([
                (ctx.t("总分", "Total"), H.text(ctx.t("\(Scoring.text(result.total)) 分（满分 \(data.scheme.total)）", "\(Scoring.text(result.total)) of \(data.scheme.total)"))),
                (ctx.t("名次", "Rank"), H.text(ctx.t("第 \(result.rank) 名（\(result.unitKind.zh)）", "#\(result.rank) among \(result.unitKind.en.lowercased())s"))),
                (ctx.t("计分方法", "How it is scored"), H.text(ctx.t(
                    "每项按“实际值 ÷ 目标值”得分，最高得满分；无数据的指标不计分，其余按比例折算到满分（已得 \(Scoring.text(score.earned)) / 可得 \(Scoring.text(score.possible))，折算 \(Scoring.text(score.scaled))），再减扣分。",
                    "Each item earns its weight × value ÷ target, at most the full weight; items without data are left out and the rest scaled to the total (\(Scoring.text(score.earned)) of \(Scoring.text(score.possible)), scaled \(Scoring.text(score.scaled))), then deductions."))),
                result.exposure < 1 ? (ctx.t("开放天数", "Days open"), H.text(ctx.t("本期开放 \(Int((result.exposure * Double(data.period.dayCount)).rounded())) 天，场次类目标按比例折算", "Open \(Int((result.exposure * Double(data.period.dayCount)).rounded())) days; count targets pro rata"))) : nil,
            ].compactMap { $0 }),
            trend.count < 2 ? H.empty : H.section(labelledBy: "trend", title: ctx.t("历次考核得分", "Scores over time"), [
                H.el("figure", [("class", "chart-figure compact")], [.raw(LineChart(
                    title: ctx.t("\(result.unitName)历次\(data.run.periodType.zh)考核得分", "\(result.unitName): published \(data.run.periodType.en.lowercased()) scores"),
                    summary: ctx.t("已发布的考核总分，按考核期先后；数字见下表。", "Published totals by period; figures in the table below."),
                    labels: trend.map(\.key), series: [.init(name: ctx.t("总分", "Total"), values: trend.map(\.total))],
                    maximum: Double(data.scheme.total), format: { Scoring.text($0) }).svg(id: "trend-chart"))]),
                Tables.table(caption: ctx.t("历次考核得分", "Scores over time"), headers: [ctx.t("考核期", "Period"), ctx.t("总分", "Total")],
                             rows: trend.map { [H.text($0.key), H.text(Scoring.text($0.total))] }),
            ]),
            H.section(labelledBy: "items", title: ctx.t("指标得分", "Indicators"), [
                chart.groups.isEmpty ? H.empty : H.el("figure", [("class", "chart-figure")], [.raw(chart.svg(id: "unit-chart"))]),
                Tables.table(caption: ctx.t("指标得分（点击计算依据查看原始记录）", "Indicators (open the basis to see the records)"),
                             headers: [ctx.t("指标", "Indicator"), ctx.t("实际值", "Value"), ctx.t("目标", "Target"), ctx.t("分值", "Weight"), ctx.t("得分", "Points"), ctx.t("计算依据", "Basis"), ctx.t("结果", "Result")], rows: rows),
            ]),
            H.section(labelledBy: "deductions", title: ctx.t("扣分", "Deductions"), [
                deductionRows.isEmpty ? Tables.empty(ctx.t("本方案没有扣分项。", "This scheme has no deductions."))
                    : Tables.table(caption: ctx.t("扣分", "Deductions"), headers: [ctx.t("扣分项", "Kind"), ctx.t("次数", "Count"), ctx.t("规则", "Rule"), ctx.t("扣分", "Deducted")], rows: deductionRows),
            ]),
            gaps.isEmpty ? H.empty : H.section(labelledBy: "gaps", title: over ? ctx.t("未达标指标及差距", "Below target, by how much") : ctx.t("未达标指标及改进方向", "Below target, and what would close the gap"), [
                H.ul(gaps.map { H.text($0.indicator.label(ctx.lang) + "：" + EvaluationFormat.gap($0, by: over ? nil : data.period.lastDay, ctx.lang)) }),
            ]),
        ])
    }

    /// The figures an indicator came from, in words.
    static func basisText(_ i: Indicator, _ m: Measure, _ lang: Lang) -> String {
        let n = EvaluationFormat.number(m.numerator), d = m.denominator.map(EvaluationFormat.number) ?? "0"
        switch i {
        case .openingHours: return m.value == nil ? lang.t("未填写开放时间", "No opening hours") : lang.t("每周 \(n) 分钟", "\(n) minutes a week")
        case .utilization: return lang.t("使用 \(n) / 开放 \(d) 场地分钟", "\(n) used of \(d) open space-minutes")
        case .participationPerThousand: return lang.t("\(n) 人次 / 人口 \(d)", "\(n) participations / population \(d)")
        case .participationRate: return lang.t("\(n) 人 / 人口 \(d)", "\(n) people / population \(d)")
        case .showUp: return lang.t("签到 \(n) / 报名 \(d) 个名额", "\(n) checked in of \(d) places")
        case .satisfaction: return lang.t("满意 \(n) / 有效评价 \(d)", "\(n) satisfied of \(d) valid")
        case .reportingTimeliness: return lang.t("按时 \(n) / 应报 \(d)", "\(n) on time of \(d) due")
        case .villageCoverage: return lang.t("已建 \(n) / 全部 \(d) 个村", "\(n) of \(d) villages")
        case .mobileCoverage: return lang.t("送达 \(n) / 全部 \(d) 个村", "\(n) of \(d) villages reached")
        case .orderResponse: return lang.t("按时受理 \(n) / 已受理 \(d)", "\(n) on time of \(d) answered")
        case .orderFulfilment: return lang.t("兑现 \(n) / 应兑现 \(d)", "\(n) delivered of \(d) due")
        case .staffing: return lang.t("在岗 \(n) / 应配 \(d) 名专职", "\(n) of \(d) full-time posts filled")
        case .trainingCompliance: return lang.t("达标 \(n) / 应训 \(d) 人", "\(n) of \(d) staff on track")
        case .noticeCompliance: return lang.t("有公示 \(n) / 场馆 \(d)", "\(n) of \(d) venues with a notice")
        case .volunteerHours: return lang.t("\(n) 分钟", "\(n) minutes")
        case .activities, .largeEvents, .trainings, .specialGroupEvents: return lang.t("\(n) 场", "\(n)")
        }
    }
}
