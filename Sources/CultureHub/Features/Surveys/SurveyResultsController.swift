import Fluent
import Foundation
import KPIMetrics
import SVGCharts
import Vapor
import XLSXWriter

/// Results per question with charts and tables, and the CSV and XLSX exports (R5.2–R5.3).
enum SurveyResultsController {
    @Sendable static func page(req: Request) async throws -> Response {
        let (_, survey) = try await StaffSurveysController.load(req)
        let ctx = PageContext(req)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let results = try await SurveyResults.load(survey, questions: questions, on: req.db)
        let id = survey.id!
        let anonymous = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == id).filter(\.$anonymous == true).count()
        var nodes: [HNode] = [
            H.h1(ctx.t("结果：", "Results: ") + survey.title(ctx.lang)),
            H.p(ctx.t("共收回 \(results.total) 份答卷。", "\(results.total) questionnaire(s) returned."), cls: "lead"),
            anonymous == 0 ? H.empty : H.p(ctx.t(
                "其中匿名线上答卷 \(anonymous) 份：保留并计入下面各题的统计，但不计入满意度考核（除非考核方案另有规定）。",
                "\(anonymous) of them are anonymous online answers: kept and counted below, but not in the satisfaction "
                    + "figures unless the evaluation scheme says so."), cls: "hint"),
            H.el("p", [("class", "actions")], [
                H.a(ctx.t("导出 Excel（XLSX）", "Export Excel (XLSX)"), href: SiteURL.surveys(.staffExportXLSX(.id(id))).path, cls: "button"),
                H.a(ctx.t("导出 CSV", "Export CSV"), href: SiteURL.surveys(.staffExportCSV(.id(id))).path, cls: "button"),
                H.a(ctx.t("返回问卷", "Back to the survey"), href: SiteURL.surveys(.staffShow(.id(id))).path, cls: "button"),
            ]),
        ]
        if results.total > 0 {
            let donut = DonutChart(title: ctx.t("答卷来源", "Where the answers came from"),
                                   summary: ctx.t("按渠道统计的答卷份数。", "Questionnaires by channel."),
                                   slices: results.byChannel.map { .init(label: SurveyResults.channelLabel($0.channel, offline: $0.offline, ctx.lang), value: Double($0.count)) })
            nodes.append(figure(donut.svg(id: "channels"), small: true, table: donut.dataTable(labelHeader: ctx.t("渠道", "Channel"), valueHeader: ctx.t("份数", "Count"), shareHeader: ctx.t("占比", "Share"))))
        }
        for r in results.questions {
            let q = r.question
            let heading = "\(q.position). " + q.text(ctx.lang)
            var body: [HNode] = [H.p(ctx.t("\(q.kind.zh) · \(r.answered) 人作答", "\(q.kind.en) · \(r.answered) answered"), cls: "hint")]
            switch q.kind {
            case .single, .multiple, .scale:
                let labels = q.kind == .scale ? Score.range.map { "\($0) " + Score.label($0, ctx.lang) } : q.options.indices.map { q.option($0 + 1, ctx.lang) }
                let order = q.kind == .scale ? Array((0..<5).reversed()) : Array(r.counts.indices)
                let chart = HorizontalBarChart(
                    title: heading, summary: ctx.t("各选项人数占作答人数的比例。", "Share of respondents choosing each option."),
                    bars: order.map { i in .init(label: labels[i], fraction: r.answered > 0 ? Double(r.counts[i]) / Double(r.answered) : 0,
                                                 valueText: "\(r.counts[i])" + ctx.t("（", " (") + percentText(r.answered > 0 ? Double(r.counts[i]) / Double(r.answered) : nil) + ctx.t("）", ")")) })
                body.append(figure(chart.svg(id: "q\(q.position)"), table: chart.dataTable(labelHeader: ctx.t("选项", "Option"), valueHeader: ctx.t("人数（占比）", "Count (share)"))))
                if let h = r.histogram, let average = h.average {
                    body.append(H.p(ctx.t("平均 \(String(format: "%.2f", average)) 分；满意率（4–5 分）\(percentText(h.rate))", "Average \(String(format: "%.2f", average)); satisfied (4–5) \(percentText(h.rate))")
                                    + (q.forSatisfaction ? ctx.t("，计入单位满意率。", "; counts towards the unit's satisfaction.") : "。"), cls: "rating-average"))
                }
            case .text:
                body.append(r.texts.isEmpty ? H.p(ctx.t("还没有文字回答。", "No text answers yet."), cls: "hint")
                            : H.el("ul", [("class", "comments")], r.texts.map { H.el("li", [], H.text($0)) }))
                if r.texts.count == 50 { body.append(H.p(ctx.t("只显示最新 50 条，全部内容请导出。", "Showing the latest 50; export for all."), cls: "hint")) }
            }
            nodes.append(H.section(labelledBy: "q-\(q.position)", title: heading, body))
        }
        let title = ctx.t("问卷结果", "Survey results")
        return Layout.response(Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("满意度调查问卷", "Surveys"), SiteURL.surveys(.staffIndex).path),
                                                                                                      (survey.title(ctx.lang), SiteURL.surveys(.staffShow(.id(id))).path), (title, nil)]), nodes))
    }

    private static func figure(_ svg: String, small: Bool = false, table: DataTable) -> HNode {
        H.el("figure", [("class", small ? "chart-figure chart-small" : "chart-figure")], [.raw(svg), H.el("figcaption", [], [.raw(table.html())])])
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        let (_, survey) = try await StaffSurveysController.load(req)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let sheet = try await SurveyResults.answerSheet(survey, questions: questions, time: req.displayTime, lang: req.lang, on: req.db)
        try await AuditLog.record(action: "export", entity: Survey.schema, entityID: survey.id!.uuidString, summary: "survey answers CSV, \(sheet.rows.count) rows", on: req.db)
        return Download.file(Data(SurveyResults.csv(sheet, lang: req.lang).utf8), type: "text/csv; charset=utf-8", name: "survey-\(survey.id!.uuidString.prefix(8).lowercased()).csv")
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        let (_, survey) = try await StaffSurveysController.load(req)
        let lang = req.lang
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let results = try await SurveyResults.load(survey, questions: questions, on: req.db)
        let answers = try await SurveyResults.answerSheet(survey, questions: questions, time: req.displayTime, lang: lang, on: req.db)
        let summary = results.summarySheet(lang: lang)
        let workbook = Workbook(title: survey.title(lang), sheets: [
            Sheet(name: lang.t("汇总", "Summary"), columnWidths: [6, 40, 24, 10, 10], rows: [summary.headers.map(Cell.text)] + summary.rows),
            Sheet(name: lang.t("答卷", "Answers"), columnWidths: [12, 12, 8, 14, 18] + questions.map { $0.kind == .text ? 40 : 16 },
                  rows: [answers.headers.map(Cell.text)] + answers.rows),
            Sheet(name: lang.t("题目", "Questions"), columnWidths: [6, 12, 50, 60], rows: [[.text(lang.t("题号", "No.")), .text(lang.t("题型", "Kind")), .text(lang.t("题目", "Question")), .text(lang.t("选项", "Options"))]]
                  + questions.map { q in [.integer(q.position), .text(q.kind.label(lang)), .text(q.text(lang)),
                                          .text(q.options.indices.map { "\($0 + 1). \(q.option($0 + 1, lang))" }.joined(separator: "\n"))] }),
        ])
        try await AuditLog.record(action: "export", entity: Survey.schema, entityID: survey.id!.uuidString, summary: "survey results XLSX, \(answers.rows.count) rows", on: req.db)
        return Download.file(try workbook.data(created: req.now), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        name: "survey-\(survey.id!.uuidString.prefix(8).lowercased()).xlsx")
    }
}
