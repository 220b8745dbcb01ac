import Fluent
import Foundation
import Vapor

public enum CirculationKind: String, Codable, Sendable, CaseIterable, Labeled {
    case bookBatch, exhibition, equipment
    public var zh: String { switch self { case .bookBatch: "图书流转"; case .exhibition: "巡回展览"; case .equipment: "设备" } }
    public var en: String { switch self { case .bookBatch: "Book batch"; case .exhibition: "Touring exhibition"; case .equipment: "Equipment" } }
    var unit: (zh: String, en: String) { switch self { case .bookBatch: ("册", "books"); case .exhibition: ("块展板", "panels"); case .equipment: ("件", "items") } }
}

/// A batch sent from a venue down its 总分馆 tree (R1.3). Both ends see it: the sender (which
/// records the return) and the branch or service point that holds it.
public final class Circulation: Model, @unchecked Sendable {
    public static let schema = "circulations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "from_venue_id") public var fromVenue: Venue
    @Field(key: "from_region_path") public var fromRegionPath: String
    @Parent(key: "to_venue_id") public var toVenue: Venue
    /// The holder's region.
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "kind") public var kind: CirculationKind
    @Field(key: "description") public var details: String
    @Field(key: "quantity") public var quantity: Int
    /// Local days, yyyy-MM-dd.
    @Field(key: "sent_on") public var sentOn: String
    @Field(key: "due_back") public var dueBack: String
    @OptionalField(key: "returned_on") public var returnedOn: String?
    @OptionalField(key: "returned_quantity") public var returnedQuantity: Int?
    @Field(key: "return_note") public var returnNote: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var isOut: Bool { returnedOn == nil }
    func isOverdue(today: String) -> Bool { isOut && dueBack < today }
}

extension Circulation: TwoPartyModel {
    public static var partyKeys: [PartyKeys<Circulation>] {
        [PartyKeys(regionPath: \.$fromRegionPath, venueID: \.$fromVenue.$id), PartyKeys(regionPath: \.$regionPath, venueID: \.$toVenue.$id)]
    }
    var sender: Party { Party(regionPath: fromRegionPath, venueID: $fromVenue.id) }
    var receiver: Party { Party(regionPath: regionPath, venueID: $toVenue.id) }
    public var parties: [Party] { [sender, receiver] }
}

extension Scope {
    /// The sender's side: dispatching and recording the return.
    func sends(_ c: Circulation) -> Bool { contains(c.sender) }
}

/// Books, exhibits or equipment sent from one venue to another, due back by a day.
struct CirculationInput: Content, Equatable {
    var from: String?
    var to: String?
    var kind: String?
    var description: String?
    var quantity: String?
    var sentOn: String?
    var dueBack: String?
}

struct ReturnInput: Content, Equatable {
    var returnedOn: String?
    var returnedQuantity: String?
    var returnNote: String?
}

enum CirculationDesk {
    struct Node { let id: UUID; let name: String; let parent: UUID?; let regionPath: String; let role: NetworkRole }

    static func tree(on db: any Database) async throws -> [UUID: Node] {
        let venues = try await Venue.query(on: db).field(\.$id).field(\.$name).field(\.$parentVenue.$id).field(\.$regionPath).field(\.$networkRole).all()
        return Dictionary(uniqueKeysWithValues: venues.map { ($0.id!, Node(id: $0.id!, name: $0.name, parent: $0.$parentVenue.id, regionPath: $0.regionPath, role: $0.networkRole)) })
    }

    /// Whether `descendant` sits below `ancestor` in the 总分馆 tree.
    static func isBelow(_ descendant: UUID, _ ancestor: UUID, in tree: [UUID: Node]) -> Bool {
        var current = tree[descendant]?.parent
        var hops = 0
        while let id = current, hops < 8 {
            if id == ancestor { return true }
            current = tree[id]?.parent
            hops += 1
        }
        return false
    }

    static func dispatch(_ input: CirculationInput, by staff: Staff, today: String, now: Date, lang: Lang,
                         on db: any Database) async throws -> Circulation {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let fromID = check.uuid("from", input.from)
        let toID = check.uuid("to", input.to)
        let kind: CirculationKind? = check.choice("kind", input.kind)
        let details = check.text("description", input.description, max: 200)
        let quantity = check.int("quantity", input.quantity, min: 1, max: 100_000)
        let sent = check.date("sentOn", input.sentOn)
        let due = check.date("dueBack", input.dueBack)
        if let sent, let due, due < sent { check.fail("dueBack", "归还日期不能早于发出日期。", "The return date cannot be before the dispatch date.") }
        try check.throwIfInvalid()
        let tree = try await tree(on: db)
        guard let from = try await Venue.find(fromID!, on: db), staff.scope.contains(from) else {
            throw AppError.invalid(["from": lang.t("请选择您管辖范围内的发出场馆。", "Choose a sending venue in your scope.")])
        }
        guard let to = try await Venue.find(toID!, on: db), isBelow(to.id!, from.id!, in: tree) else {
            throw AppError.invalid(["to": lang.t("只能发给“\(from.name)”下属的分馆或服务点。", "Send only to a branch or service point under “\(from.name)”.")])
        }
        let c = Circulation()
        c.$fromVenue.id = from.id!
        c.fromRegionPath = from.regionPath
        c.$toVenue.id = to.id!
        c.regionPath = to.regionPath
        c.kind = kind!
        c.details = details
        c.quantity = quantity!
        c.sentOn = sent!
        c.dueBack = due!
        c.returnNote = ""
        c.createdBy = staff.account.id
        c.createdAt = now
        try await db.writeTransaction { tx in try await c.create(on: tx) }
        return c
    }

    static func recordReturn(_ c: Circulation, _ input: ReturnInput, by staff: Staff, today: String, lang: Lang,
                             on db: any Database) async throws {
        try staff.require(.editRegistry, as: c.sender)
        guard c.isOut else { throw AppError.conflict(zh: "这批资源已经登记归还了。", en: "This batch has already been returned.") }
        var check = FormCheck(lang)
        let day = check.date("returnedOn", input.returnedOn)
        let quantity = check.int("returnedQuantity", input.returnedQuantity, min: 0, max: c.quantity)
        let note = check.text("returnNote", input.returnNote, required: false, max: 200)
        if let day, day < c.sentOn || day > today { check.fail("returnedOn", "归还日期应在 \(c.sentOn) 到今天之间。", "The return date must be between \(c.sentOn) and today.") }
        if let quantity, quantity < c.quantity, note.isEmpty {
            check.fail("returnNote", "归还数量少于发出的 \(c.quantity)，请说明缺少的原因（如损坏、遗失）。", "Fewer than the \(c.quantity) sent came back: say why (damaged, lost).")
        }
        try check.throwIfInvalid()
        c.returnedOn = day
        c.returnedQuantity = quantity
        c.returnNote = note
        try await db.writeTransaction { tx in try await c.update(on: tx) }
    }
}
