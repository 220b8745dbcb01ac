import Fluent
import Foundation
import SQLKit
import Vapor

/// A government-procured mobile programme (政府采购的送戏下乡): a troupe, a budget in fen and a
/// number of shows, each show an activity held in a village (R4.3).
public final class Programme: Model, @unchecked Sendable {
    public static let schema = "programmes"

    @ID(key: .id) public var id: UUID?
    /// The venue that manages it (usually the cultural centre).
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "title") public var title: String
    /// The troupe or company that performs (承演单位).
    @Field(key: "provider") public var provider: String
    @Field(key: "budget_fen") public var budgetFen: Int
    @Field(key: "shows_planned") public var showsPlanned: Int
    /// Moved only by conditional updates, so shows never exceed what was procured.
    @Field(key: "shows_assigned") public var showsAssigned: Int
    @Field(key: "notes") public var notes: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var costPerShowFen: Int { showsPlanned == 0 ? 0 : budgetFen / showsPlanned }
}

extension Programme: ScopedModel {
    public static var regionPathKey: KeyPath<Programme, FieldProperty<Programme, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Programme>, toVenue venueID: UUID) -> QueryBuilder<Programme> {
        query.filter(\.$venue.$id == venueID)
    }
}

/// A procured programme (送戏下乡 and the like); the budget is in yuan, as typed.
struct ProgrammeInput: Content, Equatable {
    var venue: String?
    var year: String?
    var title: String?
    var provider: String?
    var budget: String?
    var shows: String?
    var notes: String?
}

enum ProgrammeDesk {
    static func create(_ input: ProgrammeInput, by staff: Staff, now: Date, lang: Lang,
                       on db: any Database) async throws -> Programme {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let venueID = check.uuid("venue", input.venue)
        let year = check.int("year", input.year, min: 2000, max: 2100)
        let title = check.text("title", input.title, max: 60)
        let provider = check.text("provider", input.provider, max: 60)
        let budget = Money.fen(fromYuan: input.budget ?? "")
        if budget == nil || budget == 0 { check.fail("budget", "请填写预算金额（元），例如 360000 或 360000.50。", "Enter the budget in yuan, e.g. 360000.") }
        if let budget, budget > 10_000_000_000 { check.fail("budget", "金额过大，请核对（单位是元）。", "That amount is too large; check it is in yuan.") }
        let shows = check.int("shows", input.shows, min: 1, max: 2_000)
        let notes = check.text("notes", input.notes, required: false, max: 500)
        try check.throwIfInvalid()
        guard let venue = try await Venue.find(venueID!, on: db), staff.scope.contains(venue) else {
            throw AppError.invalid(["venue": lang.t("请选择您管辖范围内的场馆。", "Choose a venue in your scope.")])
        }
        let p = Programme()
        p.$venue.id = try venue.requireID()
        p.regionPath = venue.regionPath
        p.year = year!
        p.title = title
        p.provider = provider
        p.budgetFen = budget!
        p.showsPlanned = shows!
        p.showsAssigned = 0
        p.notes = notes
        p.createdBy = staff.account.id
        p.createdAt = now
        try await db.writeTransaction { tx in try await p.create(on: tx) }
        return p
    }

    /// Takes `n` shows of the programme, or says how many are left; call inside the transaction that creates them.
    static func take(_ n: Int, of programme: Programme, lang: Lang, on tx: any Database) async throws {
        let rows = try await (tx as! any SQLDatabase).raw("""
            UPDATE programmes SET shows_assigned = shows_assigned + \(bind: n)
            WHERE id = \(bind: programme.requireID()) AND shows_assigned + \(bind: n) <= shows_planned RETURNING id
            """).all()
        guard rows.isEmpty else { return }
        let left = try await Programme.find(programme.id, on: tx).map { $0.showsPlanned - $0.showsAssigned } ?? 0
        throw AppError.invalid(["programme": lang.t("「\(programme.title)」共采购 \(programme.showsPlanned) 场，只剩 \(left) 场可安排，这次要安排 \(n) 场。",
                                                    "“\(programme.title)” has \(left) of \(programme.showsPlanned) shows left; you are scheduling \(n).")])
    }

    /// A cancelled show goes back to the programme (called in the cancelling transaction).
    static func activityCancelled(_ activity: Activity, on tx: any Database) async throws {
        guard let id = activity.$programme.id else { return }
        try await (tx as! any SQLDatabase).raw("UPDATE programmes SET shows_assigned = shows_assigned - 1 WHERE id = \(bind: id) AND shows_assigned > 0").run()
    }
}
