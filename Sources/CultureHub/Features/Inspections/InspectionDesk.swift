import Fluent
import Foundation
import Scheduling
import Vapor

/// An inspection with its checklist. The page sends an `item_<key>` and a `note_<key>` field
/// per checklist item, the API a list; both end up keyed by checklist item here, and field
/// errors keep the page's names.
struct InspectionInput: Content, Equatable {
    var venue: String?
    var inspectedOn: String?
    var inspector: String?
    var unannounced: String?
    var summary: String?
    var deadline: String?
    var photo: File?
    /// `pass`, `fail`, or `na` / empty for not checked.
    var results: [String: String] = [:]
    var notes: [String: String] = [:]

    static let resultPrefix = "item_", notePrefix = "note_"

    init(venue: String? = nil, inspectedOn: String? = nil, inspector: String? = nil, unannounced: String? = nil,
         summary: String? = nil, deadline: String? = nil, photo: File? = nil,
         results: [String: String] = [:], notes: [String: String] = [:]) {
        self.venue = venue; self.inspectedOn = inspectedOn; self.inspector = inspector; self.unannounced = unannounced
        self.summary = summary; self.deadline = deadline; self.photo = photo; self.results = results; self.notes = notes
    }

    /// The form's fields by name, to show the user's input again beside the errors.
    var formValues: [String: String] {
        var form = ["venue": venue, "inspectedOn": inspectedOn, "inspector": inspector, "unannounced": unannounced,
                    "summary": summary, "deadline": deadline].compactMapValues { $0 }
        for (key, value) in results { form[Self.resultPrefix + key] = value }
        for (key, value) in notes { form[Self.notePrefix + key] = value }
        return form
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        for key in c.allKeys {
            let name = key.stringValue
            if name == "photo" {
                photo = try? c.decode(File.self, forKey: key)
                continue
            }
            // A field of the wrong shape is left out, as an empty one would be, and the desk says what is missing.
            guard let value = try? c.decode(String.self, forKey: key) else { continue }
            switch name {
            case "venue": venue = value
            case "inspectedOn": inspectedOn = value
            case "inspector": inspector = value
            case "unannounced": unannounced = value
            case "summary": summary = value
            case "deadline": deadline = value
            case _ where name.hasPrefix(Self.resultPrefix):
                results[String(name.dropFirst(Self.resultPrefix.count))] = value
            case _ where name.hasPrefix(Self.notePrefix):
                notes[String(name.dropFirst(Self.notePrefix.count))] = value
            default: break
            }
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (name, value) in formValues { try c.encode(value, forKey: Key(name)) }
        try c.encodeIfPresent(photo, forKey: Key("photo"))
    }
}

/// Inspections and the rectification each finding opens (R8.3). Every write goes through here.
enum InspectionDesk {
    static let defaultDeadlineDays = 30

    /// Records an inspection with its checklist; each failed item opens a rectification task
    /// for the venue. Nothing is saved unless every field is right.
    static func record(_ input: InspectionInput, by staff: Staff, today: String, now: Date, settings: Settings,
                       lang: Lang, on db: any Database) async throws -> Inspection {
        try staff.require(.evaluate)
        var check = FormCheck(lang)
        let venueID = check.uuid("venue", input.venue)
        let day = check.date("inspectedOn", input.inspectedOn)
        if let day, day > today { check.fail("inspectedOn", "督查日期不能晚于今天。", "The inspection cannot be in the future.") }
        let inspector = check.text("inspector", input.inspector, max: 60)
        let summary = check.text("summary", input.summary, required: false, max: 1000)
        let deadline = check.date("deadline", input.deadline, required: false)
        if let deadline, let day, deadline <= day { check.fail("deadline", "整改期限应晚于督查日期。", "The deadline must be after the inspection.") }
        var results: [(InspectionChecklist, Bool, String)] = []
        for item in InspectionChecklist.allCases {
            let note = check.text("note_" + item.rawValue, input.notes[item.rawValue], required: false, max: 300)
            switch input.results[item.rawValue] ?? "" {
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
        if let photo = input.photo, photo.data.readableBytes > 0 {
            photoPath = try Uploads.storeImage(photo, in: settings.dataDirectory, lang: lang)
        }
        guard let venue, let day else { throw AppError.invalid(check.errors) }
        let (stored, checked) = (photoPath, results)
        let due = deadline ?? LocalDay.string(number: (LocalDay.number(day) ?? 0) + defaultDeadlineDays)
        return try await db.writeTransaction { tx in
            let inspection = Inspection(venue: venue, on: day, inspector: inspector,
                                        unannounced: FormCheck.flag(input.unannounced), summary: summary,
                                        by: staff.account.id, at: now)
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
