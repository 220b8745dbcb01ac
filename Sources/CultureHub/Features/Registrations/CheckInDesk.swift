import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Checks a scanned or typed code against one activity (R4.2). Each refusal has its own
/// outcome and message; refusals are logged in `checkin_attempts`.
enum CheckInDesk {
    enum Outcome: String, Equatable {
        case checkedIn, duplicate, wrongActivity, cancelled, notConfirmed, forged, expired, tooEarly

        var isSuccess: Bool { self == .checkedIn }

        func message(_ lang: Lang) -> String {
            switch self {
            case .checkedIn: lang.t("签到成功。", "Checked in.")
            case .duplicate: lang.t("这个签到码已经签过到了，请勿重复签到。", "This code has already been checked in.")
            case .wrongActivity: lang.t("这是另一个活动的签到码，请核对活动。", "This code belongs to a different activity.")
            case .cancelled: lang.t("这条报名已取消，不能签到。", "This registration was cancelled.")
            case .notConfirmed: lang.t("这条报名还在候补中，没有名额，不能签到。", "This registration is still on the waiting list.")
            case .forged: lang.t("无效的签到码：不是本平台签发的，已记录。", "Invalid code: not issued by this platform. The attempt was logged.")
            case .expired: lang.t("活动已结束超过 2 小时，签到已关闭，签到码失效。", "The activity ended over 2 hours ago; check-in is closed.")
            case .tooEarly: lang.t("签到尚未开始：活动开始前 24 小时内才能签到。", "Check-in opens 24 hours before the activity starts.")
            }
        }
    }

    struct Result: Equatable {
        let outcome: Outcome
        /// Masked, e.g. 张** · 138****5678, when the code named a registration.
        let who: String?
        let places: Int?
        let checkedInAt: Date?
    }

    static let opensBefore: TimeInterval = 24 * 3600
    static let closesAfter: TimeInterval = 2 * 3600

    static func checkIn(code: String, activity: Activity, staffID: UUID, key: SymmetricKey, now: Date,
                        on db: any Database) async throws -> Result {
        let activityID = try activity.requireID()
        guard let token = CheckInToken.decode(Self.token(in: code), key: key),
              let registration = try await Registration.find(token.registrationID, on: db) else {
            return try await refuse(.forged, code: code, activityID: activityID, staffID: staffID, now: now, on: db)
        }
        let who = PersonalData.person(name: registration.name, phone: registration.phone)
        func refused(_ outcome: Outcome) async throws -> Result {
            _ = try await refuse(outcome, code: code, activityID: activityID, staffID: staffID, now: now, on: db)
            return Result(outcome: outcome, who: who, places: registration.places, checkedInAt: registration.checkedInAt)
        }
        guard registration.$activity.id == activityID else { return try await refused(.wrongActivity) }
        switch registration.status {
        case .cancelled: return try await refused(.cancelled)
        case .waitlisted: return try await refused(.notConfirmed)
        case .confirmed, .noShow: break
        }
        if registration.checkedInAt != nil { return try await refused(.duplicate) }
        guard now <= activity.endsAt.addingTimeInterval(closesAfter) else { return try await refused(.expired) }
        guard now >= activity.startsAt.addingTimeInterval(-opensBefore) else { return try await refused(.tooEarly) }
        // Conditional: two scanners at the same door cannot both check one code in.
        let registrationID = try registration.requireID()
        let rows = try await db.writeTransaction { tx in
            let rows = try await (tx as! any SQLDatabase).raw("""
                UPDATE registrations SET checked_in_at = \(bind: now), checked_in_by = \(bind: staffID), status = \(bind: RegistrationStatus.confirmed.rawValue)
                WHERE id = \(bind: registrationID) AND checked_in_at IS NULL RETURNING id
                """).all().count
            if rows > 0 {
                try await AuditLog.record(action: "checkin", entity: Registration.schema, entityID: registrationID.uuidString,
                                          summary: AuditSummary.render(["activity_id": activityID.uuidString, "places": String(registration.places)]), on: tx)
            }
            return rows
        }
        
        guard rows > 0 else { return try await refused(.duplicate) }
        return Result(outcome: .checkedIn, who: who, places: registration.places, checkedInAt: now)
    }

    /// Accepts the bare token or the whole check-in URL a phone camera would open.
    static func token(in code: String) -> String {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if let range = trimmed.range(of: "/checkin/") { return String(trimmed[range.upperBound...].prefix(38)) }
        return trimmed
    }

    private static func refuse(_ outcome: Outcome, code: String, activityID: UUID, staffID: UUID, now: Date, on db: any Database) async throws -> Result {
        let attempt = CheckInAttempt()
        attempt.activityID = activityID
        attempt.staffID = staffID
        attempt.outcome = outcome.rawValue
        attempt.tokenExcerpt = String(code.trimmingCharacters(in: .whitespacesAndNewlines).prefix(60))
        attempt.createdAt = now
        try await attempt.create(on: db)
        return Result(outcome: outcome, who: nil, places: nil, checkedInAt: nil)
    }

    struct Counts: Equatable, Content {
        let confirmedPlaces: Int
        let checkedInPlaces: Int
        let checkedInRegistrations: Int
        let capacity: Int
    }

    static func counts(_ activity: Activity, on db: any Database) async throws -> Counts {
        let id = try activity.requireID()
        let checkedIn = try await Registration.query(on: db).filter(\.$activity.$id == id).filter(\.$checkedInAt != nil).all(\.$places)
        return Counts(confirmedPlaces: activity.confirmedPlaces, checkedInPlaces: checkedIn.reduce(0, +),
                      checkedInRegistrations: checkedIn.count, capacity: activity.capacity)
    }
}

/// Personal data in lists (DESIGN §3 rule 10).
enum PersonalData {
    /// "张**" for 张三丰: the family name only.
    static func name(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// "138****5678"; anything that is not an 11-digit number keeps only its last 4.
    static func phone(_ phone: String) -> String {
        guard !phone.isEmpty else { return "" }
        return phone.count == 11 ? MobileNumber.masked(phone) : "****" + String(phone.suffix(4))
    }

    /// Free text with every mobile number in it masked ("李主任 138****1111"), for contact
    /// lines people type themselves.
    static func maskingPhones(in text: String) -> String {
        // A run of letters and digits is masked only when it is exactly a mobile number (not part of an id).
        text.replacing(/[0-9A-Za-z]+/) { match in
            let run = String(match.output)
            return MobileNumber.normalize(run) == run ? MobileNumber.masked(run) : run
        }
    }

    static func person(name: String, phone: String) -> String {
        [Self.name(name), Self.phone(phone)].filter { !$0.isEmpty }.joined(separator: " · ")
    }
}
