import Fluent
import Foundation
import KPIMetrics
import Vapor

/// Complaints about the venues in scope: overdue and oldest first, then accept, answer, close (R5.4).
enum StaffComplaintsController {
    enum Filter: String, CaseIterable {
        case open, overdue, answered, closed, all
        func label(_ lang: Lang) -> String {
            switch self {
            case .open: lang.t("待办理", "To handle"); case .overdue: lang.t("已超期", "Overdue"); case .answered: lang.t("已答复", "Answered")
            case .closed: lang.t("已办结", "Closed"); case .all: lang.t("全部", "All")
            }
        }
    }

    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let time = req.displayTime
        let filter = Filter(rawValue: req.query[String.self, at: "show"] ?? "") ?? .open
        let scoped = { staff.scope.filter(Complaint.query(on: req.db)) }
        let query = scoped().with(\.$venue)
        switch filter {
        case .open: query.filter(\.$status ~~ [.submitted, .accepted]).sort(\.$dueAt)
        case .overdue: query.filter(\.$status ~~ [.submitted, .accepted]).filter(\.$dueAt < req.now).sort(\.$dueAt)
        case .answered: query.filter(\.$status == .answered).sort(\.$answeredAt, .descending)
        case .closed: query.filter(\.$status == .closed).sort(\.$closedAt, .descending)
        case .all: query.sort(\.$createdAt, .descending)
        }
        let page = try await query.paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let open = try await scoped().filter(\.$status ~~ [.submitted, .accepted]).count()
        let overdue = try await scoped().filter(\.$status ~~ [.submitted, .accepted]).filter(\.$dueAt < req.now).count()
        let answered = try await scoped().filter(\.$answeredAt != nil).count()
        let onTime = try await scoped().filter(\.$answeredAt != nil).filter(.sql(unsafeRaw: "answered_at <= due_at")).count()
        let rows: [[HNode]] = page.items.map { c in
            [H.a(c.reference, href: SiteURL.feedback(.staffComplaint(.id(c.id!))).path), H.text(c.kind.label(ctx.lang) + " · " + c.category.label(ctx.lang)),
             H.text(c.venue.name), H.text(String(c.text.prefix(40)) + (c.text.count > 40 ? "…" : "")), H.text(time.dateTime(c.createdAt)),
             H.text(time.dateTime(c.dueAt.addingTimeInterval(-60))), ComplaintView.statusBadge(ctx, c, now: req.now)]
        }
        let title = ctx.t("投诉与建议", "Complaints and suggestions")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.facts([
                (ctx.t("待办理", "To handle"), H.text(ctx.t("\(open) 件", "\(open)"))),
                (ctx.t("已超期未答复", "Overdue"), overdue > 0 ? H.span(ctx.t("\(overdue) 件", "\(overdue)"), cls: "status-overdue") : H.text(ctx.t("0 件", "0"))),
                (ctx.t("按期答复率", "Answered on time"), H.text(answered == 0 ? "—" : percentText(Double(onTime) / Double(answered)) + ctx.t("（\(onTime)/\(answered)）", " (\(onTime)/\(answered))"))),
            ]),
            H.el("p", [("class", "filters")], Filter.allCases.map {
                H.a($0.label(ctx.lang), href: SiteURL.feedback(.staffComplaints).with([("show", $0.rawValue)]), cls: "button small", current: $0 == filter)
            }),
            rows.isEmpty ? Tables.empty(filter == .open || filter == .overdue ? ctx.t("没有待办理的投诉和建议。", "Nothing is waiting.") : ctx.t("没有符合条件的记录。", "Nothing matches."))
                : Tables.table(caption: title + " · " + filter.label(ctx.lang), headers: [ctx.t("编号", "Reference"), ctx.t("类型", "Type"), ctx.t("场馆", "Venue"),
                                                                                      ctx.t("内容", "Text"), ctx.t("提交", "Submitted"), ctx.t("答复期限", "Due"), ctx.t("状态", "Status")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.feedback(.staffComplaints).with([("show", filter.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let (staff, complaint) = try await scoped(req)
        let ctx = PageContext(req, hasForm: true)
        let id = complaint.id!
        var actions: [HNode] = []
        if staff.role.may(.editRegistry) {
            if complaint.status == .submitted {
                actions.append(Forms.actionButton(ctx, action: SiteURL.feedback(.staffComplaintAccept(.id(id))).path, title: ctx.t("受理", "Accept")))
            }
            if complaint.status.isOpen {
                actions.append(Forms.form(ctx, action: SiteURL.feedback(.staffComplaintAnswer(.id(id))).path, fields: [
                    FormField(name: "answer", label: ctx.t("答复内容", "Answer"), kind: .textarea,
                              error: req.query[String.self, at: "error"] == "answer" ? ctx.t("请填写答复内容（\(ComplaintDesk.maxText) 字以内）。", "Write the answer (up to \(ComplaintDesk.maxText) characters).") : nil,
                              hint: complaint.contact == .phone ? ctx.t("群众希望电话联系：请先电话沟通，再把沟通结果写在这里。", "The citizen asked for a call: call first, then record the outcome here.")
                                  : ctx.t("群众会在“我的投诉与建议”中看到答复。", "The citizen sees this under My complaints."),
                              required: true, maxLength: ComplaintDesk.maxText),
                ], submit: ctx.t("提交答复", "Send answer")))
            }
            if complaint.status == .answered {
                actions.append(Forms.actionButton(ctx, action: SiteURL.feedback(.staffComplaintClose(.id(id))).path, title: ctx.t("办结", "Close")))
            }
        }
        if staff.role.may(.evaluate) && complaint.kind == .complaint {
            // Whether a complaint was justified is the bureau's call; an upheld one is deducted in evaluation (R8.1).
            actions.append(H.p(complaint.upheld == true ? ctx.t("考核认定：查实（计入考核扣分）", "Evaluation: upheld (deducted)")
                               : complaint.upheld == false ? ctx.t("考核认定：未查实", "Evaluation: not upheld") : ctx.t("考核认定：尚未认定", "Evaluation: not yet decided"), cls: "hint"))
            actions.append(Forms.actionButton(ctx, action: SiteURL.feedback(.staffComplaintUpheld(.id(id))).with([("value", complaint.upheld == true ? "0" : "1")]),
                                              title: complaint.upheld == true ? ctx.t("改为未查实", "Mark as not upheld") : ctx.t("认定为查实的有效投诉", "Mark as upheld")))
        }
        let title = ctx.t("投诉与建议", "Complaints and suggestions")
        let html = try await ComplaintView.page(ctx, complaint, now: req.now, time: req.displayTime, photoURL: SiteURL.feedback(.staffComplaintPhoto(.id(id))).path,
                                                crumbs: StaffPage.crumbs(ctx, [(title, SiteURL.feedback(.staffComplaints).path)]), actions: actions, area: .staff, on: req.db)
        return Layout.response(html)
    }

    @Sendable static func accept(req: Request) async throws -> Response {
        try await act(req) { staff, c in
            try await ComplaintDesk.accept(c, staffID: staff.account.requireID(), note: "", now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已受理。请在期限前答复。", "Accepted. Please answer before the deadline.")
        }
    }

    @Sendable static func answer(req: Request) async throws -> Response {
        struct Form: Content { var answer: String? }
        let text = try req.content.decode(Form.self).answer ?? ""
        return try await act(req) { staff, c in
            try await ComplaintDesk.answer(c, staffID: staff.account.requireID(), text: text, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "答复已发出，群众可以在 7 天内确认办结或重新打开。", "Answer sent. The citizen can close it or reopen it within 7 days.")
        }
    }

    @Sendable static func close(req: Request) async throws -> Response {
        try await act(req) { staff, c in
            try await ComplaintDesk.close(c, byStaff: true, actorID: staff.account.requireID(), note: "", now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已办结。", "Closed.")
        }
    }

    @Sendable static func upheld(req: Request) async throws -> Response {
        let staff = try req.staff()
        let complaint = try await req.scopedRecord(Complaint.self, toWrite: .evaluate)
        let value = req.query[String.self, at: "value"] == "1"
        try await ComplaintDesk.decideUpheld(complaint, value, by: staff, on: req.db)
        Flash.set(req, value ? "已认定为查实的有效投诉，将计入该场馆当期考核扣分。" : "已改为未查实，不计入考核扣分。",
                  value ? "Marked as upheld; it counts as a deduction this period." : "Marked as not upheld; no deduction.")
        return req.redirect(to: SiteURL.feedback(.staffComplaint(.id(complaint.id!))).path)
    }

    @Sendable static func photo(req: Request) async throws -> Response {
        let (_, complaint) = try await scoped(req)
        guard let name = complaint.photoPath else { throw AppError.notFound }
        return try Uploads.response(for: name, settings: req.settings, cache: "private, max-age=3600")
    }

    private static func act(_ req: Request, _ body: (Staff, Complaint) async throws -> Void) async throws -> Response {
        let staff = try req.staff()
        let complaint = try await req.scopedRecord(Complaint.self, toWrite: .handleFeedback)
        let back = SiteURL.feedback(.staffComplaint(.id(complaint.id!)))
        do {
            try await body(staff, complaint)
        } catch AppError.invalid(let errors) {
            return req.redirect(to: back.with([("error", errors.keys.first)]) + "#next")
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: back.path)
    }

    /// Out of scope reads answer 404, like other staff records.
    private static func scoped(_ req: Request) async throws -> (Staff, Complaint) {
        (try req.staff(), try await req.scopedRecord(Complaint.self))
    }
}
