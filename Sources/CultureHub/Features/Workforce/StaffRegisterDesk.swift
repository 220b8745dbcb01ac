import Fluent
import Foundation
import Scheduling
import SQLKit
import Vapor
import Workforce

/// A post on the staff register; the subsidy is in yuan, as typed.
struct StaffMemberInput: Content, Equatable {
    var name: String?
    var phone: String?
    var venue: String?
    var postType: String?
    var position: String?
    var startsOn: String?
    var endsOn: String?
    var subsidy: String?
}

/// The culture staff register (R7.1): posts at units in scope, with the rule that one person
/// (one mobile number) holds at most one full-time post at a time.
enum StaffRegisterDesk {
    /// Monthly subsidies above this are a typing error (¥20,000).
    static let maxSubsidyFen = 2_000_000

    static func add(_ input: StaffMemberInput, by staff: Staff, now: Date, lang: Lang,
                    on db: any Database) async throws -> StaffMember {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 20)
        let phone = MobileNumber.normalize(input.phone ?? "")
        if phone == nil { check.fail("phone", "请填写 11 位手机号码。", "Enter an 11-digit mobile number.") }
        let venueID = check.uuid("venue", input.venue)
        let postType: PostType? = check.choice("postType", input.postType)
        let position = check.text("position", input.position, max: 30)
        let starts = check.date("startsOn", input.startsOn)
        let ends = check.date("endsOn", input.endsOn, required: false)
        if let starts, let ends, ends < starts { check.fail("endsOn", "离岗日期不能早于上岗日期。", "The end cannot be before the start.") }
        let subsidy = Money.fen(fromYuan: (input.subsidy ?? "").isEmpty ? "0" : input.subsidy!)
        if subsidy == nil || subsidy! > maxSubsidyFen {
            check.fail("subsidy", "请填写 0 到 20000 元之间的月补贴，最多两位小数。", "Enter a monthly subsidy from 0 to 20,000 yuan, at most two decimals.")
        }
        try check.throwIfInvalid()
        guard let venue = try await Venue.find(venueID!, on: db), staff.scope.contains(venue) || staff.scope.covers(regionPath: venue.regionPath) else {
            throw AppError.invalid(["venue": lang.t("请选择您管辖范围内的单位。", "Choose a unit in your scope.")])
        }
        let member = StaffMember()
        member.name = name
        member.phone = phone!
        member.$venue.id = try venue.requireID()
        member.regionPath = venue.regionPath
        member.tier = UnitTier(venue.type)
        member.postType = postType!
        member.position = position
        member.startsOn = starts!
        member.endsOn = ends
        member.subsidyFen = subsidy!
        member.createdAt = now
        try await db.writeTransaction { tx in
            if member.postType == .fullTime { try await refuseSecondFullTimePost(member, seenBy: staff.scope, on: tx, lang: lang) }
            try await member.create(on: tx)
        }
        return member
    }

    /// Records that someone left a post (retired, moved unit): the post stays in the record.
    static func end(_ member: StaffMember, on day: String?, by staff: Staff, lang: Lang, on db: any Database) async throws {
        try staff.require(.editRegistry)
        try staff.scope.authorize(member)
        var check = FormCheck(lang)
        let day = check.date("endsOn", day)
        if let day, day < member.startsOn { check.fail("endsOn", "离岗日期不能早于上岗日期（\(member.startsOn)）。", "Before the post began (\(member.startsOn)).") }
        try check.throwIfInvalid()
        guard member.endsOn == nil else { throw AppError.conflict(zh: "这个岗位已经登记过离岗了。", en: "This post has already ended.") }
        member.endsOn = day
        try await db.writeTransaction { tx in try await member.update(on: tx) }
    }

    private static func refuseSecondFullTimePost(_ member: StaffMember, seenBy scope: Scope, on db: any Database, lang: Lang) async throws {
        // Serialise on the person: two requests for one number cannot both pass the check.
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "staff:" + member.phone)))").run()
        }
        let others = try await StaffMember.query(on: db).filter(\.$phone == member.phone).filter(\.$postType == .fullTime).with(\.$venue).all()
        let mine = PostSpan(firstDay: LocalDay.number(member.startsOn) ?? 0, lastDay: member.endsOn.flatMap(LocalDay.number))
        if let clash = others.first(where: { PostSpan(firstDay: LocalDay.number($0.startsOn) ?? 0, lastDay: $0.endsOn.flatMap(LocalDay.number)).overlaps(mine) }) {
            // Who holds the other post, and where, is for staff whose scope covers it: the number
            // alone must not look up a person in another township.
            guard scope.contains(clash) else {
                throw AppError.invalid(["startsOn": lang.t("这个手机号的人员在其他单位有专职岗位，同一时间不能再担任另一个专职岗位。请核实号码，或选择兼职、兼任。",
                                                           "The person with this number holds a full-time post elsewhere; one person cannot hold two at once. Check the number, or choose part-time.")])
            }
            let until = clash.endsOn ?? lang.t("至今", "now")
            throw AppError.invalid(["startsOn": lang.t("\(clash.name) 在 \(clash.venue.name) 有专职岗位（\(clash.startsOn) 至 \(until)），同一时间不能再担任另一个专职岗位。请先登记离岗，或选择兼职、兼任。",
                                                       "\(clash.name) holds a full-time post at \(clash.venue.name) (\(clash.startsOn) to \(until)); one person cannot hold two at once. End that post first, or choose part-time.")])
        }
    }
}
