import Fluent
import Foundation
import Scheduling

/// The complaint workflow (R5.4): submitted → accepted → answered → closed, one reopen within
/// 7 days of the answer. Each step is one transaction that also writes the history line.
enum ComplaintDesk {
    static let reopenWindow: TimeInterval = 7 * 86_400
    static let maxText = 1000

    struct Submission {
        var kind: ComplaintKind
        var category: ComplaintCategory
        var venue: Venue
        var activityID: UUID?
        var text: String
        var photoPath: String?
        var contact: ContactPreference
    }

    static func submit(_ s: Submission, account: Account, calendar: WorkingCalendar, workingDays: Int, now: Date, on db: any Database) async throws -> Complaint {
        try account.requireCitizen()
        return try await db.writeTransaction { tx in
            let complaint = Complaint()
            complaint.$account.id = try account.requireID()
            complaint.kind = s.kind
            complaint.category = s.category
            complaint.$venue.id = try s.venue.requireID()
            complaint.$activity.id = s.activityID
            complaint.regionPath = s.venue.regionPath
            complaint.text = s.text
            complaint.photoPath = s.photoPath
            complaint.contact = s.contact
            complaint.status = .submitted
            complaint.answer = ""
            complaint.dueAt = calendar.deadline(after: now, workingDays: workingDays)
            complaint.createdAt = now
            try await complaint.create(on: tx)
            try await ComplaintEvent.append(to: complaint.requireID(), .submitted, byStaff: false, actorID: account.id, note: "", at: now, on: tx)
            return complaint
        }
    }

    static func accept(_ c: Complaint, staffID: UUID, note: String, now: Date, lang: Lang, on db: any Database) async throws {
        guard c.status == .submitted else { throw stateConflict(c, lang) }
        try await db.writeTransaction { tx in
            c.status = .accepted
            c.acceptedAt = now
            try await c.update(on: tx)
            try await ComplaintEvent.append(to: c.requireID(), .accepted, byStaff: true, actorID: staffID, note: note, at: now, on: tx)
        }
    }

    /// Answering a complaint nobody formally accepted accepts it in the same step.
    static func answer(_ c: Complaint, staffID: UUID, text: String, now: Date, lang: Lang, on db: any Database) async throws {
        guard c.status.isOpen else { throw stateConflict(c, lang) }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= maxText else {
            throw AppError.invalid(["answer": lang.t("请填写答复内容（\(maxText) 字以内），群众会看到。", "Write the answer (up to \(maxText) characters); the citizen sees it.")])
        }
        try await db.writeTransaction { tx in
            if c.status == .submitted {
                c.acceptedAt = now
                try await ComplaintEvent.append(to: c.requireID(), .accepted, byStaff: true, actorID: staffID, note: "", at: now, on: tx)
            }
            c.status = .answered
            c.answer = text
            if c.answeredAt == nil { c.answeredAt = now }
            try await c.update(on: tx)
            try await ComplaintEvent.append(to: c.requireID(), .answered, byStaff: true, actorID: staffID, note: text, at: now, on: tx)
        }
    }

    /// Closed by the citizen ("resolved") or by staff after answering.
    static func close(_ c: Complaint, byStaff: Bool, actorID: UUID, note: String, now: Date, lang: Lang, on db: any Database) async throws {
        guard c.status == .answered else {
            throw c.status == .closed ? stateConflict(c, lang)
                : AppError.conflict(zh: "答复之后才能办结。", en: "A complaint can be closed only after it has been answered.")
        }
        try await db.writeTransaction { tx in
            c.status = .closed
            c.closedAt = now
            try await c.update(on: tx)
            try await ComplaintEvent.append(to: c.requireID(), .closed, byStaff: byStaff, actorID: actorID, note: note, at: now, on: tx)
        }
    }

    /// Why a reopen is refused, or nil when the citizen may reopen now.
    static func reopenRefusal(_ c: Complaint, now: Date) -> (zh: String, en: String)? {
        guard c.status == .answered || c.status == .closed, let answered = c.answeredAt else {
            return ("还没有答复，不需要重新打开。", "It has not been answered yet, so there is nothing to reopen.")
        }
        if c.reopenedAt != nil { return ("每件投诉只能重新打开一次。", "A complaint can be reopened once only.") }
        if now.timeIntervalSince(answered) > reopenWindow { return ("答复已超过 7 天，不能再重新打开；如有新问题，请另行提交。", "More than 7 days have passed since the answer; please submit a new one.") }
        return nil
    }

    /// Back to "accepted" with a fresh deadline; the reason goes into the history.
    static func reopen(_ c: Complaint, account: Account, reason: String, calendar: WorkingCalendar, workingDays: Int,
                       now: Date, lang: Lang, on db: any Database) async throws {
        if let refusal = reopenRefusal(c, now: now) { throw AppError.conflict(zh: refusal.zh, en: refusal.en) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= maxText else {
            throw AppError.invalid(["reason": lang.t("请说明为什么对答复不满意（\(maxText) 字以内）。", "Say why the answer does not settle it (up to \(maxText) characters).")])
        }
        try await db.writeTransaction { tx in
            c.status = .accepted
            c.reopenedAt = now
            c.closedAt = nil
            c.dueAt = calendar.deadline(after: now, workingDays: workingDays)
            try await c.update(on: tx)
            try await ComplaintEvent.append(to: c.requireID(), .reopened, byStaff: false, actorID: account.id, note: reason, at: now, on: tx)
        }
    }

    /// The bureau's call whether a complaint was justified (查实): an upheld one is deducted in
    /// evaluation (R8.1), so the decision is the evaluators' and is audited.
    static func decideUpheld(_ c: Complaint, _ upheld: Bool, by staff: Staff, on db: any Database) async throws {
        try staff.require(.evaluate)
        try await db.writeTransaction { tx in
            c.upheld = upheld
            try await c.update(on: tx)
            try await AuditLog.record(action: upheld ? "complaint.upheld" : "complaint.notUpheld", entity: Complaint.schema, entityID: c.requireID().uuidString,
                                      summary: "\(c.reference): \(upheld ? "upheld" : "not upheld")", on: tx)
        }
    }

    private static func stateConflict(_ c: Complaint, _ lang: Lang) -> AppError {
        AppError.conflict(zh: "这件投诉现在的状态是“\(c.status.zh)”，不能这样操作；请刷新页面查看最新情况。",
                          en: "This complaint is now \"\(c.status.en)\", so that step does not apply; reload the page to see the latest.")
    }
}
