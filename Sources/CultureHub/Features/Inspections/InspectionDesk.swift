import Fluent
import Foundation
import Scheduling
import Vapor

/// Inspections and the rectification each finding opens (R8.3). Every write goes through here.
enum InspectionDesk {
    static let defaultDeadlineDays = 30

    struct Input: Content {
        var venue: String?
        var inspectedOn: String?
        var inspector: String?
        var unannounced: String?
        var summary: String?
        var deadline: String?
        var photo: File?
        var items: [String: String]?
        var notes: [String: String]?
    }

    /// Records an inspection with its checklist; each failed item opens a rectification task
    /// for the venue. Nothing is saved unless every field is right.
    static func record(_ form: [String: String], photo: File?, by staff: Staff, today: String, now: Date, settings: Settings, lang: Lang, on db: any Database) async throws -> Inspection {
        try staff.require(.evaluate)
        var check = FormCheck(lang)
        let venueID = check.uuid("venue", form["venue"])
        let day = check.date("inspectedOn", form["inspectedOn"])
        if let day, day > today { check.fail("inspectedOn", "督查日期不能晚于今天。", "The inspection cannot be in the future.") }
        let inspector = check.text("inspector", form["inspector"], max: 60)
        let summary = check.text("summary", form["summary"], required: false, max: 1000)
        let deadline = check.date("deadline", form["deadline"], required: false)
        if let deadline, let day, deadline <= day { check.fail("deadline", "整改期限应晚于督查日期。", "The deadline must be after the inspection.") }
        var results: [(InspectionChecklist, Bool, String)] = []
        for item in InspectionChecklist.allCases {
            let note = check.text("note_" + item.rawValue, form["note_" + item.rawValue], required: false, max: 300)
            switch form["item_" + item.rawValue] ?? "" {
            case "pass": results.append((item, true, note))
            case "fail":
                if note.isEmpty { check.fail("note_" + item.rawValue, "不合格的项目请写明发现的问题。", "Say what was found for a failed item.") }
                results.append((item, false, note))
            case "", "na": break
            default: check.fail("item_" + item.rawValue, "请选择合格、不合格或未检查。", "Choose pass, fail or not checked.")
            }
        }
        if results.isEmpty { check.fail("items", "请至少填写一项检查结果。", "Record at least one checklist item.") }
        let venue: Venue? = if let venueID { try await Venue.find(venueID, on: db) } else { nil }
        if venueID != nil, venue == nil { check.fail("venue", "请选择被督查的场馆。", "Choose the venue inspected.") }
        try check.throwIfInvalid()
        var photoPath: String?
        if let photo, photo.data.readableBytes > 0 { photoPath = try Uploads.storeImage(photo, in: settings.dataDirectory, lang: lang) }
        guard let venue, let day else { throw AppError.invalid(check.errors) }
        let (stored, checked) = (photoPath, results)
        let due = deadline ?? LocalDay.string(number: (LocalDay.number(day) ?? 0) + defaultDeadlineDays)
        return try await db.writeTransaction { tx in
            let inspection = Inspection(venue: venue, on: day, inspector: inspector, unannounced: FormCheck.flag(form["unannounced"]), summary: summary, by: staff.account.id, at: now)
            inspection.photoPath = stored
            try await inspection.create(on: tx)
            for (item, passed, note) in checked {
                let row = InspectionItem(inspection: inspection.id!, item: item, passed: passed, note: note)
                try await row.create(on: tx)
                guard !passed else { continue }
                let task = RectificationTask()
                task.$inspection.id = inspection.id!; task.$item.id = row.id!; task.$venue.id = venue.id!; task.regionPath = venue.regionPath
                task.finding = "\(item.zh)：\(note)"; task.deadline = due; task.status = .open; task.response = ""; task.reopenReason = ""; task.createdAt = now
                try await task.create(on: tx)
            }
            return inspection
        }
    }

    /// The unit answers with what it did, and optionally a photo as evidence.
    static func respond(_ task: RectificationTask, response raw: String?, photo: File?, by staff: Staff, now: Date, settings: Settings, lang: Lang, on db: any Database) async throws {
        try staff.scope.authorize(task)
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let response = check.text("response", raw, max: 1000)
        try check.throwIfInvalid()
        guard task.status.needsUnit else {
            throw AppError.conflict(zh: "这项整改已反馈或已销号，不需要再次反馈。", en: "This task has been answered or closed already.")
        }
        var photoPath = task.evidencePhoto
        if let photo, photo.data.readableBytes > 0 { photoPath = try Uploads.storeImage(photo, in: settings.dataDirectory, lang: lang) }
        try await RectificationTask.query(on: db).filter(\.$id == task.id!).filter(\.$status ~~ [.open, .reopened])
            .set(\.$status, to: .responded).set(\.$response, to: response).set(\.$evidencePhoto, to: photoPath).set(\.$respondedAt, to: now).update()
    }

    /// The bureau verifies the fix (closing the task) or reopens it with a reason.
    static func verify(_ task: RectificationTask, accept: Bool, reason raw: String?, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.evaluate)
        var check = FormCheck(lang)
        let reason = accept ? "" : check.text("reason", raw, max: 300)
        try check.throwIfInvalid()
        guard task.status == .responded else {
            throw AppError.conflict(zh: "只有单位已反馈的整改才能核验。", en: "Only an answered task can be verified or reopened.")
        }
        let q = RectificationTask.query(on: db).filter(\.$id == task.id!).filter(\.$status == .responded)
        if accept {
            try await q.set(\.$status, to: .verified).set(\.$verifiedAt, to: now).set(\.$verifiedBy.$id, to: staff.account.id).update()
        } else {
            try await q.set(\.$status, to: .reopened).set(\.$reopenReason, to: reason).update()
        }
    }
}
