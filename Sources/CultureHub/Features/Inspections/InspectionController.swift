import Fluent
import Foundation
import Scheduling
import Vapor

/// A submitted form whose field names are not known in advance (one per checklist item), with
/// an optional photo: multipart needs a Decodable, so the keys are read one by one.
struct DynamicForm: Decodable {
    var fields: [String: String] = [:]
    var photo: File?

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys {
            if key.stringValue == "photo" {
                photo = try? c.decode(File.self, forKey: key)
            } else if let value = try? c.decode(String.self, forKey: key) {
                fields[key.stringValue] = value
            }
        }
    }
}

/// `/staff/inspections`: inspection records with their checklist, and the rectification each
/// finding opened (R8.3).
enum InspectionController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await render(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.content.decode(InspectionInput.self)
        do {
            let inspection = try await InspectionDesk.record(input, by: req.staff(), today: req.displayTime.today,
                                                             now: req.now, settings: req.settings, lang: req.lang,
                                                             on: req.db)
            let tasks = try await RectificationTask.query(on: req.db).filter(\.$inspection.$id == inspection.id!).count()
            Flash.set(req, tasks == 0 ? "督查记录已保存，各项均合格。" : "督查记录已保存，已向场馆下发 \(tasks) 项整改任务，期限内需反馈整改情况。",
                      tasks == 0 ? "Inspection saved; everything passed." : "Inspection saved; \(tasks) rectification tasks sent to the venue.")
            return req.redirect(to: SiteURL.evaluation(.inspection(.id(inspection.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, form: input.formValues, errors: errors, status: .unprocessableEntity)
        }
    }

    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let query = staff.scope.filter(Inspection.query(on: req.db))
        let total = try await query.count()
        let list = try await query.with(\.$venue).with(\.$items).sort(\.$inspectedOn, .descending).sort(\.$createdAt, .descending).range((page - 1) * 20..<(page * 20)).all()
        let title = ctx.t("督查与整改", "Inspections")
        let rows: [[HNode]] = list.map { i in
            let failed = i.items.filter { !$0.passed }.count
            return [H.a(i.inspectedOn, href: SiteURL.evaluation(.inspection(.id(i.id!))).path), H.text(i.venue.name), H.text(i.inspector),
                    H.text(i.unannounced ? ctx.t("暗访", "Unannounced") : ctx.t("明查", "Announced")),
                    failed == 0 ? H.badge(ctx.t("全部合格", "All passed"), tone: "ok") : H.badge(ctx.t("\(failed) 项问题", "\(failed) findings"), tone: "warn")]
        }
        var body: [HNode] = [
            H.h1(title),
            H.p(ctx.t("记录明查暗访的检查结果。每个不合格项自动生成整改任务，由场馆在期限内反馈，市局核验销号或退回重改；问题计入当期考核扣分。",
                      "Record inspections. Each failed item opens a rectification task: the venue answers by the deadline, the bureau verifies or reopens; findings count as deductions."), cls: "lead"),
            H.el("p", [("class", "filters")], [H.a(ctx.t("整改任务", "Rectification tasks"), href: SiteURL.evaluation(.rectifications).path, cls: "button")] + EvaluationTables.links(ctx, .inspections)),
            list.isEmpty ? Tables.empty(ctx.t("还没有督查记录。", "No inspections yet."))
                : Tables.table(caption: ctx.t("督查记录", "Inspections"), headers: [ctx.t("日期", "Date"), ctx.t("场馆", "Venue"), ctx.t("督查人", "Inspector"), ctx.t("方式", "Kind"), ctx.t("结果", "Result")], rows: rows),
            Pagination(page: page, per: 20, total: total).render(ctx) { SiteURL.evaluation(.inspections).with([("page", String($0))]) },
        ]
        if staff.role.may(.evaluate) {
            body.append(H.section(labelledBy: "new", title: ctx.t("登记督查", "Record an inspection"), [try await newForm(req, ctx, form: form, errors: errors)]))
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), body)
        return Layout.response(html, status: status)
    }

    static func newForm(_ req: Request, _ ctx: PageContext, form: [String: String], errors: FieldErrors) async throws -> HNode {
        let venues = try await Venue.query(on: req.db).filter(\.$tier != .village).sort(\.$regionPath).sort(\.$name).all()
        let options = [FormField.Option(value: "", label: ctx.t("请选择", "Choose"))] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }
        let choices: [(String, String)] = [("pass", ctx.t("合格", "Pass")), ("fail", ctx.t("不合格", "Fail")), ("na", ctx.t("未检查", "Not checked"))]
        // The fieldset holds the three choices alone, so assistive technology hears them as one
        // group; the note sits beside it and names its item itself (visually hidden), since the
        // legend no longer covers it.
        let checklist: [HNode] = InspectionChecklist.allCases.map { item in
            let name = "item_" + item.rawValue
            let note = "note_" + item.rawValue
            let chosen = form[name] ?? "na"
            return H.div("checklist-item", [
                H.el("fieldset", [("class", "radio-row"), ("aria-describedby", errors[name] == nil ? nil : "e-" + name)], [
                    H.el("legend", [], H.text(item.label(ctx.lang))),
                    errors[name].map { H.el("p", [("class", "field-error"), ("id", "e-" + name)], H.text($0)) } ?? H.empty,
                ] + choices.map { value, label in
                    H.el("label", [("class", "radio")], [H.void("input", [("type", "radio"), ("name", name), ("value", value), ("checked", chosen == value ? "checked" : nil)]), H.text(" " + label)])
                }),
                H.el("label", [("for", "f-" + note)], [H.span(item.label(ctx.lang) + ctx.t("：", ": "), cls: "visually-hidden"),
                                                      H.text(ctx.t("发现的问题（不合格时必填）", "What was found (needed for a fail)"))]),
                errors[note].map { H.el("p", [("class", "field-error"), ("id", "e-" + note)], H.text($0)) } ?? H.empty,
                H.void("input", [("type", "text"), ("id", "f-" + note), ("name", note), ("maxlength", "300"), ("value", form[note] ?? ""),
                                 ("aria-describedby", errors[note] == nil ? nil : "e-" + note)]),
            ])
        }
        let fields = [
            FormField(name: "venue", label: ctx.t("被督查场馆", "Venue"), kind: .select(options), value: form["venue"] ?? "", error: errors["venue"], required: true),
            FormField(name: "inspectedOn", label: ctx.t("督查日期", "Date"), kind: .date, value: form["inspectedOn"] ?? req.displayTime.today, error: errors["inspectedOn"], required: true),
            FormField(name: "inspector", label: ctx.t("督查人（单位或姓名）", "Inspector"), value: form["inspector"] ?? "", error: errors["inspector"], required: true, maxLength: 60),
            FormField(name: "unannounced", label: ctx.t("暗访（事先不通知）", "Unannounced"), kind: .checkbox, value: FormCheck.flag(form["unannounced"]) ? "1" : ""),
            FormField(name: "deadline", label: ctx.t("整改期限（默认 30 天后）", "Rectify by (default: 30 days)"), kind: .date, value: form["deadline"] ?? "", error: errors["deadline"]),
            FormField(name: "summary", label: ctx.t("总体情况（选填）", "Summary (optional)"), kind: .textarea, value: form["summary"] ?? "", error: errors["summary"], maxLength: 1000),
            FormField(name: "photo", label: ctx.t("现场照片（选填，JPEG/PNG/WebP，不超过 5 MB）", "Photo (optional)"), kind: .photo, error: errors["photo"]),
        ]
        return Forms.form(ctx, action: SiteURL.evaluation(.inspections).path, fields: fields, submit: ctx.t("保存督查记录", "Save"),
                          extra: [errors.keys.contains { $0.hasPrefix("note_") || $0.hasPrefix("item") } ? Forms.problem(errors["items"] ?? ctx.t("检查项目有需要修改的地方，见下方标注。", "Some checklist items need attention; see below.")) : H.empty,
                                  H.h3(ctx.t("检查项目", "Checklist"))] + checklist)
    }
}
