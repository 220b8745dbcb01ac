import Fluent
import Foundation
import Vapor
import Workforce
import XLSXWriter

/// `/staff/funding`: budgets by unit, category and source; spending; execution rate and unit
/// costs; CSV and XLSX exports (R7.3).
enum FundingController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, action: nil, form: [:], errors: [:])
    }

    /// The budget form shares the page with the spending form: its fields carry a prefix so
    /// no two controls share an id.
    static let budgetPrefix = "b_"

    @Sendable static func addBudget(req: Request) async throws -> Response {
        let raw = try req.content.decode([String: String].self)
        let form = Dictionary(raw.map { ($0.key.hasPrefix(budgetPrefix) ? String($0.key.dropFirst(budgetPrefix.count)) : $0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let input = BudgetInput(venue: form["venue"], year: form["year"], category: form["category"],
                                source: form["source"], amount: form["amount"], note: form["note"])
        do {
            let line = try await FundingDesk.addBudget(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记预算 ¥\(Funding.yuan(Int(line.amountFen)))（\(line.category.zh) · \(line.source.zh)）。", "Budget of ¥\(Funding.yuan(Int(line.amountFen))) recorded.")
            return req.redirect(to: SiteURL.workforce(.funding).with([("year", String(line.year))]))
        } catch AppError.invalid(let errors) {
            return try await render(req, action: "budget", form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func spend(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(SpendingInput.self)
        do {
            let e = try await FundingDesk.spend(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记支出 ¥\(Funding.yuan(Int(e.amountFen)))（\(e.category.zh)）" + (e.overrideReason.isEmpty ? "。" : "，超出预算，原因已记录。"),
                      "Spending of ¥\(Funding.yuan(Int(e.amountFen))) recorded" + (e.overrideReason.isEmpty ? "." : ", over budget with the reason."))
            return req.redirect(to: SiteURL.workforce(.funding).with([("year", String(e.year))]))
        } catch AppError.invalid(let errors) {
            return try await render(req, action: "spend", form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func year(_ req: Request) -> Int {
        let thisYear = Int(req.displayTime.today.prefix(4))!
        return min(max(req.query[Int.self, at: "year"] ?? thisYear, 2000), thisYear + 1)
    }

    static func render(_ req: Request, action: String?, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let year = year(req)
        let thisYear = Int(req.displayTime.today.prefix(4))!
        let report = try await FundingReport.load(staff.scope, year: year, time: req.displayTime, on: req.db)
        let units = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$regionPath).sort(\.$name).limit(1_000).all()
        let recent = try await staff.scope.filter(Expenditure.query(on: req.db)).filter(\.$year == year).with(\.$venue).sort(\.$spentOn, .descending).sort(\.$id).limit(20).all()
        let title = ctx.t("经费", "Funding")
        let f: (String) -> [String: String] = { action == $0 ? form : [:] }
        let e: (String) -> FieldErrors = { action == $0 ? errors : [:] }
        let unitOptions = [FormField.Option(value: "", label: ctx.t("请选择", "Choose"))] + units.map { .init(value: $0.id!.uuidString, label: $0.name) }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("文化工作人员", "Culture staff"), SiteURL.workforce(.people).path), (title, nil)]), [
            H.h1(title + " · \(year)"),
            H.el("p", [("class", "filters")], (max(2000, thisYear - 3)...(thisYear + 1)).reversed().map {
                H.a(String($0), href: SiteURL.workforce(.funding).with([("year", String($0))]), cls: "button small", current: $0 == year)
            } + [H.a(ctx.t("导出 Excel（XLSX）", "Export Excel (XLSX)"), href: SiteURL.workforce(.fundingXLSX).with([("year", String(year))]), cls: "button small"),
                 H.a(ctx.t("导出 CSV", "Export CSV"), href: SiteURL.workforce(.fundingCSV).with([("year", String(year))]), cls: "button small")]),
            report.rows.isEmpty ? Tables.empty(ctx.t("\(year) 年还没有登记预算或支出。", "No budgets or spending for \(year) yet."))
                : Tables.table(caption: ctx.t("预算执行", "Budget execution"), headers: sheetHeaders(ctx.lang), rows: (report.rows + [report.totals]).enumerated().map { n, r in
                    sheetRow(r, total: n == report.rows.count, lang: ctx.lang).map { H.text(text($0)) }
                }),
            H.p(ctx.t("执行率 = 支出 ÷ 预算；每场活动成本、每人次成本 = 全年支出 ÷ 当年已结束的活动场次或参与人次（以上报人数为准，未上报的按现场人数或签到人数）。",
                      "Execution = spent ÷ budget; cost per activity or participation = the year's spending ÷ activities held or people reached (reported attendance, else headcount or check-ins)."), cls: "hint"),
            recent.isEmpty ? H.empty : H.section(labelledBy: "recent", title: ctx.t("最近的支出", "Recent spending"), [
                Tables.table(caption: ctx.t("最近的支出", "Recent spending"), headers: [ctx.t("日期", "Date"), ctx.t("单位", "Unit"), ctx.t("类别", "Category"), ctx.t("金额（元）", "Amount (yuan)"), ctx.t("凭证", "Voucher"), ctx.t("超支原因", "Over budget because")],
                             rows: recent.map { [H.text($0.spentOn), H.text($0.venue.name), H.text($0.category.label(ctx.lang)), H.text(Funding.yuan(Int($0.amountFen))), H.text($0.voucher), H.text($0.overrideReason.isEmpty ? "—" : $0.overrideReason)] }),
            ]),
            staff.role.may(.editRegistry) && !units.isEmpty ? H.section(labelledBy: "spend", title: ctx.t("登记支出", "Record spending"), [
                Forms.form(ctx, action: SiteURL.workforce(.fundingSpend).path, fields: [
                    FormField(name: "venue", label: ctx.t("单位", "Unit"), kind: .select(unitOptions), value: f("spend")["venue"] ?? "", error: e("spend")["venue"], required: true),
                    FormField(name: "spentOn", label: ctx.t("支出日期", "Date"), kind: .date, value: f("spend")["spentOn"] ?? "", error: e("spend")["spentOn"], required: true),
                    FormField(name: "category", label: ctx.t("类别", "Category"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + BudgetCategory.options(ctx.lang)), value: f("spend")["category"] ?? "", error: e("spend")["category"], required: true),
                    FormField(name: "amount", label: ctx.t("金额（元）", "Amount (yuan)"), value: f("spend")["amount"] ?? "", error: e("spend")["amount"], required: true, maxLength: 16, inputmode: "decimal"),
                    FormField(name: "voucher", label: ctx.t("凭证说明", "Voucher"), value: f("spend")["voucher"] ?? "", error: e("spend")["voucher"], hint: ctx.t("例如：记账凭证 2026-11-031，演出服装", "e.g. voucher no. and what for"), required: true, maxLength: 100),
                    FormField(name: "overrideReason", label: ctx.t("超支原因（超出预算时必填）", "Why over budget (needed when it is)"), value: f("spend")["overrideReason"] ?? "", error: e("spend")["overrideReason"], maxLength: 200),
                ], submit: ctx.t("登记支出", "Record")),
            ]) : H.empty,
            staff.role.may(.editRegistry) && !units.isEmpty ? H.section(labelledBy: "budget", title: ctx.t("登记预算", "Record a budget line"), [
                Forms.form(ctx, action: SiteURL.workforce(.fundingBudgets).path, fields: [
                    FormField(name: budgetPrefix + "venue", label: ctx.t("单位", "Unit"), kind: .select(unitOptions), value: f("budget")["venue"] ?? "", error: e("budget")["venue"], required: true),
                    FormField(name: budgetPrefix + "year", label: ctx.t("年度", "Year"), kind: .number, value: f("budget")["year"] ?? String(year), error: e("budget")["year"], required: true, maxLength: 4),
                    FormField(name: budgetPrefix + "category", label: ctx.t("类别", "Category"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + BudgetCategory.options(ctx.lang)), value: f("budget")["category"] ?? "", error: e("budget")["category"], required: true),
                    FormField(name: budgetPrefix + "source", label: ctx.t("来源", "Source"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + FundingSource.options(ctx.lang)), value: f("budget")["source"] ?? "", error: e("budget")["source"], required: true),
                    FormField(name: budgetPrefix + "amount", label: ctx.t("金额（元）", "Amount (yuan)"), value: f("budget")["amount"] ?? "", error: e("budget")["amount"], required: true, maxLength: 16, inputmode: "decimal"),
                    FormField(name: budgetPrefix + "note", label: ctx.t("备注（选填）", "Note (optional)"), value: f("budget")["note"] ?? "", error: e("budget")["note"], maxLength: 100),
                ], submit: ctx.t("登记预算", "Record")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    static func sheetHeaders(_ lang: Lang) -> [String] {
        [lang.t("单位", "Unit")] + BudgetCategory.allCases.flatMap { [lang.t("\($0.zh)预算", "\($0.en) budget"), lang.t("\($0.zh)支出", "\($0.en) spent")] }
            + [lang.t("预算合计", "Budget"), lang.t("支出合计", "Spent"), lang.t("执行率", "Execution"), lang.t("活动场次", "Activities"), lang.t("参与人次", "Participation"),
               lang.t("每场成本", "Per activity"), lang.t("每人次成本", "Per participation")]
    }

    /// Money in yuan as numbers (two decimals), so a spreadsheet can add them up.
    static func sheetRow(_ r: FundingReport.Row, total: Bool, lang: Lang) -> [Cell] {
        let yuan: (Int64) -> Cell = { .number(Double($0) / 100) }
        return [.text(total ? lang.t("合计", "Total") : r.venue)] + BudgetCategory.allCases.flatMap { [yuan(r.budget[$0] ?? 0), yuan(r.spent[$0] ?? 0)] }
            + [yuan(r.totalBudget), yuan(r.totalSpent), r.rate.map(Cell.percent) ?? .empty, .integer(r.activities), .integer(r.participation),
               Funding.costPer(r.activities, spentFen: Int(r.totalSpent)).map { .number(Double($0) / 100) } ?? .empty,
               Funding.costPer(r.participation, spentFen: Int(r.totalSpent)).map { .number(Double($0) / 100) } ?? .empty]
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .number(let x): Funding.yuan(Int((x * 100).rounded()))
        case .percent(let x): String(format: "%.1f%%", x * 100)
        case .integer(let n): String(n)
        case .text(let s): s
        case .empty: "—"
        default: ""
        }
    }

    @Sendable static func csv(req: Request) async throws -> Response {
        let (sheet, year) = try await sheet(req)
        try await AuditLog.record(action: "export", entity: BudgetLine.schema, entityID: String(year), summary: "funding CSV, \(sheet.rows.count - 1) rows", on: req.db)
        let table = SurveyResults.Sheet(headers: sheetHeaders(req.lang), rows: Array(sheet.rows.dropFirst()))
        return Download.file(Data(SurveyResults.csv(table, lang: req.lang).utf8), type: "text/csv; charset=utf-8", name: "funding-\(year).csv")
    }

    @Sendable static func xlsx(req: Request) async throws -> Response {
        let (sheet, year) = try await sheet(req)
        try await AuditLog.record(action: "export", entity: BudgetLine.schema, entityID: String(year), summary: "funding XLSX, \(sheet.rows.count - 1) rows", on: req.db)
        let workbook = Workbook(title: req.lang.t("\(year) 年经费执行", "Funding \(year)"), sheets: [sheet])
        return Download.file(try workbook.data(created: req.now), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "funding-\(year).xlsx")
    }

    private static func sheet(_ req: Request) async throws -> (Sheet, Int) {
        let staff = try req.staff()
        let year = year(req)
        let report = try await FundingReport.load(staff.scope, year: year, time: req.displayTime, on: req.db)
        let rows = report.rows.map { sheetRow($0, total: false, lang: req.lang) } + [sheetRow(report.totals, total: true, lang: req.lang)]
        return (Sheet(name: String(year), columnWidths: [28] + Array(repeating: 14, count: 15), rows: [sheetHeaders(req.lang).map(Cell.text)] + rows), year)
    }
}
