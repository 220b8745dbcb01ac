import Fluent
import Foundation
import SQLKit
import Vapor

/// A team as staff register it; the registration fields are also kept on their own.
struct FolkTeamInput: Content, Equatable {
    var name: String?
    var kind: String?
    var place: String?
    var leaderName: String?
    var leaderPhone: String?
    var foundedYear: String?
    var description: String?
    var registered: String?
    var registrationNumber: String?
    var registeredOn: String?

    var registration: TeamRegistrationInput {
        TeamRegistrationInput(registered: registered, registrationNumber: registrationNumber,
                              registeredOn: registeredOn)
    }
}

/// 正式登记注册, given when a team is registered or later.
struct TeamRegistrationInput: Content, Equatable {
    var registered: String?
    var registrationNumber: String?
    var registeredOn: String?
}

struct TeamMemberInput: Content, Equatable {
    var memberName: String?
    var part: String?
    var joinedYear: String?
}

/// An activity the team took part in.
struct TeamActivityInput: Content, Equatable {
    var activity: String?
    var role: String?
}

struct TeamGuidanceInput: Content, Equatable {
    var day: String?
    var hours: String?
    var topic: String?
    var notes: String?
}

/// Registering folk art teams and keeping their record: members, registration, the
/// activities they took part in, and guidance sessions (R6.2).
enum FolkTeamDesk {
    static func register(_ input: FolkTeamInput, by staff: Staff, now: Date, lang: Lang,
                         on db: any Database) async throws -> FolkTeam {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 40)
        let kind: FolkArtKind? = check.choice("kind", input.kind)
        let placeID = check.uuid("place", input.place)
        let leaderName = check.text("leaderName", input.leaderName, max: 20)
        let leaderPhone = (input.leaderPhone ?? "").trimmingCharacters(in: .whitespaces)
        let founded = check.int("foundedYear", input.foundedYear, required: false, min: 1949, max: 2100)
        let details = check.text("description", input.description, required: false, max: 300)
        var leader: Account?
        if !leaderPhone.isEmpty {
            if let phone = MobileNumber.normalize(leaderPhone) {
                leader = try await Account.query(on: db).filter(\.$login == phone).filter(\.$role == .citizen).first()
                if leader == nil { check.fail("leaderPhone", "没有找到用这个手机号注册的群众账号，请先请队长在平台注册。", "No citizen account uses this number; ask the leader to register first.") }
            } else {
                check.fail("leaderPhone", "请填写队长注册时用的 11 位手机号。", "Enter the 11-digit number the leader registered with.")
            }
        }
        let registration = readRegistration(input.registration, &check)
        try check.throwIfInvalid()
        guard let place = try await Region.find(placeID!, on: db), place.level != .city, staff.scope.covers(regionPath: place.path) else {
            throw AppError.invalid(["place": lang.t("请选择您管辖范围内的乡镇或村（社区）。", "Choose a township or village in your scope.")])
        }
        let township = place.level == .township ? place : try await Region.find(place.$parent.id, on: db)
        guard let township else { throw AppError.invalid(["place": lang.t("请选择乡镇或村（社区）。", "Choose a township or village.")]) }
        let team = FolkTeam()
        team.name = name
        team.kind = kind!
        team.$township.id = try township.requireID()
        team.townshipPath = township.path
        team.$village.id = place.level == .village ? place.id : nil
        team.regionPath = place.path
        team.$leader.id = leader?.id
        team.leaderName = leaderName
        team.foundedYear = founded
        team.registered = registration.registered
        team.registrationNumber = registration.number
        team.registeredOn = registration.day
        team.details = details
        team.createdAt = now
        do {
            try await db.writeTransaction { tx in try await team.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["name": lang.t("\(township.name)已经登记了同名的团队“\(name)”。", "\(township.name) already has a team called “\(name)”.")])
        }
        return team
    }

    /// 正式登记注册: a number and a date, both or neither.
    static func readRegistration(_ input: TeamRegistrationInput,
                                 _ check: inout FormCheck) -> (registered: Bool, number: String, day: String?) {
        let registered = FormCheck.flag(input.registered)
        let number = check.text("registrationNumber", input.registrationNumber, required: registered, max: 40)
        let day = check.date("registeredOn", input.registeredOn, required: registered)
        return registered ? (true, number, day) : (false, "", nil)
    }

    static func updateRegistration(_ team: FolkTeam, _ input: TeamRegistrationInput, by staff: Staff, lang: Lang,
                                   on db: any Database) async throws {
        try authorizeRegistry(team, staff)
        var check = FormCheck(lang)
        let registration = readRegistration(input, &check)
        try check.throwIfInvalid()
        team.registered = registration.registered
        team.registrationNumber = registration.number
        team.registeredOn = registration.day
        try await db.writeTransaction { tx in try await team.update(on: tx) }
    }

    static func addMember(_ team: FolkTeam, _ input: TeamMemberInput, by staff: Staff, now: Date, lang: Lang,
                          on db: any Database) async throws -> FolkTeamMember {
        try authorizeRegistry(team, staff)
        var check = FormCheck(lang)
        let name = check.text("memberName", input.memberName, max: 20)
        let part = check.text("part", input.part, required: false, max: 30)
        let joined = check.int("joinedYear", input.joinedYear, required: false, min: 1949, max: 2100)
        try check.throwIfInvalid()
        let m = FolkTeamMember()
        m.$team.id = try team.requireID()
        m.name = name
        m.part = part
        m.joinedYear = joined
        m.createdAt = now
        try await db.writeTransaction { tx in try await m.create(on: tx) }
        return m
    }

    static func removeMember(_ team: FolkTeam, memberID: UUID, by staff: Staff, on db: any Database) async throws {
        try authorizeRegistry(team, staff)
        guard let m = try await FolkTeamMember.find(memberID, on: db), m.$team.id == team.id else { throw AppError.notFound }
        try await db.writeTransaction { tx in try await m.delete(on: tx) }
    }

    /// Records that the team took part in an activity; the activity must be in the staff
    /// member's subtree too, so a township cannot claim another township's show.
    static func linkActivity(_ team: FolkTeam, _ input: TeamActivityInput, by staff: Staff, now: Date, lang: Lang,
                             on db: any Database) async throws -> Activity {
        try await authorizeGuidance(team, staff, on: db)
        var check = FormCheck(lang)
        let activityID = check.uuid("activity", input.activity)
        let role = check.text("role", input.role, required: false, max: 30)
        try check.throwIfInvalid()
        guard let activity = try await Activity.find(activityID!, on: db), activity.status != .cancelled,
              activity.staffParties.contains(where: staff.scope.contains) else {
            throw AppError.invalid(["activity": lang.t("请选择您管辖范围内、未取消的活动。", "Choose an activity in your scope that is not cancelled.")])
        }
        let link = FolkTeamActivity()
        link.$team.id = try team.requireID()
        link.$activity.id = try activity.requireID()
        link.role = role.isEmpty ? "演出" : role
        link.createdAt = now
        do {
            try await db.writeTransaction { tx in try await link.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["activity": lang.t("已经记录过这个团队参加了这场活动。", "This team is already recorded for that activity.")])
        }
        return activity
    }

    static func logGuidance(_ team: FolkTeam, _ input: TeamGuidanceInput, by staff: Staff, today: String, now: Date,
                            lang: Lang, on db: any Database) async throws -> FolkTeamGuidance {
        try await authorizeGuidance(team, staff, on: db)
        var check = FormCheck(lang)
        let day = check.date("day", input.day)
        let hours = check.double("hours", input.hours, min: 0.5, max: 12)
        let topic = check.text("topic", input.topic, max: 60)
        let notes = check.text("notes", input.notes, required: false, max: 300)
        if let day, day > today { check.fail("day", "只能登记已经开展的辅导。", "Log guidance already given.") }
        try check.throwIfInvalid()
        let g = FolkTeamGuidance()
        g.$team.id = try team.requireID()
        g.guideAccountID = staff.account.id
        g.guideName = staff.account.displayName
        g.day = day!
        g.minutes = Int((hours! * 60).rounded())
        g.topic = topic
        g.notes = notes
        g.createdAt = now
        try await db.writeTransaction { tx in try await g.create(on: tx) }
        return g
    }

    /// Townships and the bureau keep the registry.
    static func authorizeRegistry(_ team: FolkTeam, _ staff: Staff) throws {
        try staff.require(.editRegistry, regionPath: team.regionPath)
    }

    /// Guidance and participation may also come from the cultural centre or the township
    /// station whose service area holds the team (`VenueReach`).
    static func authorizeGuidance(_ team: FolkTeam, _ staff: Staff, on db: any Database) async throws {
        try await staff.requireGuidance(of: team.regionPath, on: db)
    }
}

/// A team's year: activities, guidance, space bookings (R6.2 annual record).
struct FolkTeamYear {
    let year: Int
    let activities: [FolkTeamActivity]
    let guidance: [FolkTeamGuidance]
    let bookings: [SpaceBooking]

    var guidanceMinutes: Int { guidance.reduce(0) { $0 + $1.minutes } }
    var bookedMinutes: Int { bookings.reduce(0) { $0 + Int($1.endsAt.timeIntervalSince($1.startsAt) / 60) } }

    static func load(_ team: FolkTeam, year: Int, time: DisplayTime, on db: any Database) async throws -> FolkTeamYear {
        let id = try team.requireID()
        let from = time.instant(day: String(format: "%04d-01-01", year), minute: 0)!, to = time.instant(day: String(format: "%04d-01-01", year + 1), minute: 0)!
        let activities = try await FolkTeamActivity.query(on: db).filter(\.$team.$id == id).join(Activity.self, on: \FolkTeamActivity.$activity.$id == \Activity.$id)
            .filter(Activity.self, \.$startsAt >= from).filter(Activity.self, \.$startsAt < to).with(\.$activity).all()
            .sorted { $0.activity.startsAt > $1.activity.startsAt }
        let guidance = try await FolkTeamGuidance.query(on: db).filter(\.$team.$id == id).filter(\.$day >= "\(year)-01-01").filter(\.$day <= "\(year)-12-31")
            .sort(\.$day, .descending).all()
        let bookings = try await SpaceBooking.query(on: db).filter(\.$teamID == id).filter(\.$status == .approved)
            .filter(\.$startsAt >= from).filter(\.$startsAt < to).with(\.$space).sort(\.$startsAt, .descending).all()
        return FolkTeamYear(year: year, activities: activities, guidance: guidance, bookings: bookings)
    }
}
