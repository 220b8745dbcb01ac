import Fluent
import Foundation
import Scheduling
import SQLKit
import Vapor
import Workforce

struct CourseInput: Content, Equatable {
    var title: String?
    var provider: String?
    var kind: String?
    var level: String?
    var startsOn: String?
    var endsOn: String?
    var days: String?
}

/// Who attended a course; days left empty are the course's.
struct AttendanceInput: Content, Equatable {
    var member: String?
    var days: String?
    var certificateNote: String?
}

/// Training courses and who attended (R7.2).
enum TrainingDesk {
    static func createCourse(_ input: CourseInput, by staff: Staff, now: Date, lang: Lang,
                             on db: any Database) async throws -> TrainingCourse {
        try staff.require(.editRegistry)
        guard let home = staff.scope.ownRegionPath else { throw AppError.forbidden }
        var check = FormCheck(lang)
        let title = check.text("title", input.title, max: 60)
        let provider = check.text("provider", input.provider, max: 60)
        let kind: TrainingKind? = check.choice("kind", input.kind)
        let level: TrainingLevel? = check.choice("level", input.level)
        let starts = check.date("startsOn", input.startsOn)
        let ends = check.date("endsOn", input.endsOn)
        let days = check.double("days", input.days, min: 0.5, max: 366)
        if let days, (days * 2).rounded() != days * 2 { check.fail("days", "培训天数按半天计，例如 2.5。", "Days in halves, e.g. 2.5.") }
        if let starts, let ends {
            if ends < starts { check.fail("endsOn", "结束日期不能早于开始日期。", "The end cannot be before the start.") }
            else if let span = LocalDay.span(from: starts, to: ends), let days, days > Double(span) {
                check.fail("days", "培训天数（\(days)）超过了开始到结束的 \(span) 天。", "\(days) days is more than the \(span) days from start to end.")
            }
        }
        try check.throwIfInvalid()
        let c = TrainingCourse()
        c.title = title
        c.provider = provider
        c.kind = kind!
        c.level = level!
        c.startsOn = starts!
        c.endsOn = ends!
        c.dayHalves = Int((days! * 2).rounded())
        c.regionPath = home
        c.createdBy = staff.account.id
        c.createdAt = now
        try await db.writeTransaction { tx in try await c.create(on: tx) }
        return c
    }

    static func attend(_ course: TrainingCourse, _ input: AttendanceInput, by staff: Staff, now: Date, lang: Lang,
                       on db: any Database) async throws -> TrainingAttendance {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let memberID = check.uuid("member", input.member)
        let days = check.double("days", (input.days ?? "").isEmpty ? String(course.days) : input.days, min: 0.5,
                                max: 366)
        let note = check.text("certificateNote", input.certificateNote, required: false, max: 100)
        if let days, (days * 2).rounded() != days * 2 { check.fail("days", "培训天数按半天计，例如 2.5。", "Days in halves, e.g. 2.5.") }
        if let days, days > course.days { check.fail("days", "认定天数不能超过课程的 \(course.days) 天。", "At most the course's \(course.days) days.") }
        try check.throwIfInvalid()
        guard let member = try await StaffMember.find(memberID!, on: db), staff.scope.contains(member) else {
            throw AppError.invalid(["member": lang.t("请选择您管辖范围内的工作人员。", "Choose a staff member in your scope.")])
        }
        let a = TrainingAttendance()
        a.$course.id = try course.requireID()
        a.$member.id = try member.requireID()
        a.regionPath = member.regionPath
        a.dayHalves = Int((days! * 2).rounded())
        a.certificateNote = note
        a.createdAt = now
        do {
            try await db.writeTransaction { tx in try await a.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["member": lang.t("\(member.name) 已经登记过参加这次培训。", "\(member.name) is already recorded for this course.")])
        }
        return a
    }
}
