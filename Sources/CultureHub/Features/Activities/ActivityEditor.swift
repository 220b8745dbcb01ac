import Fluent
import Foundation
import Scheduling
import Vapor

struct ActivityInput: Content, Equatable {
    var venue: String?
    var serviceItem: String?
    var space: String?
    var village: String?
    var location: String?
    var kind: String?
    var title: String?
    var description: String?
    var groups: [String]?
    var date: String?
    var starts: String?
    var ends: String?
    var registration: String?
    var capacity: String?
    var cancelHours: String?
    var perAccount: String?
    var mode: String?
    var streamURL: String?

    init() { registration = RegistrationMode.required.rawValue; cancelHours = "2"; perAccount = "1"; groups = [TargetGroup.everyone.rawValue] }
    init(_ a: Activity, time: DisplayTime) {
        venue = a.$venue.id.uuidString; serviceItem = a.$serviceItem.id?.uuidString; space = a.$space.id?.uuidString
        village = a.$village.id?.uuidString; location = a.location; kind = a.kind.rawValue; title = a.title; description = a.details
        groups = a.targetGroups.map(\.rawValue); date = DisplayTime.day(a.startsAt, in: time.timeZone)
        starts = DisplayTime.clock(time.minuteOfDay(a.startsAt)); ends = DisplayTime.clock(time.minuteOfDay(a.endsAt))
        registration = a.registration.rawValue; capacity = String(a.capacity)
        cancelHours = a.cancelDeadline.map { String(Int(a.startsAt.timeIntervalSince($0) / 3600)) } ?? "0"
        perAccount = String(a.perAccountLimit)
        mode = a.mode.rawValue; streamURL = a.streamURL
    }
}

/// Creates and changes activities within the staff member's scope (R4.1).
enum ActivityEditor {
    static func save(_ activity: Activity, _ input: ActivityInput, by staff: Staff, settings: Settings, time: DisplayTime,
                     lang: Lang, on db: any Database) async throws -> [Registration] {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let venueID = check.uuid("venue", input.venue)
        let itemID = check.uuid("serviceItem", input.serviceItem, required: false)
        let spaceID = check.uuid("space", input.space, required: false)
        let villageID = check.uuid("village", input.village, required: false)
        let location = check.text("location", input.location, required: false, max: 100)
        let kind: ServiceKind? = check.choice("kind", input.kind)
        let title = check.text("title", input.title, max: 60)
        let details = check.text("description", input.description, required: false, max: 2000)
        let groups = (input.groups ?? []).compactMap(TargetGroup.init(rawValue:))
        if groups.isEmpty { check.fail("groups", "请至少选择一类服务对象。", "Choose at least one group.") }
        let span = check.daySpan(date: input.date, starts: input.starts, ends: input.ends)
        let mode: RegistrationMode? = check.choice("registration", input.registration)
        let capacity = check.int("capacity", input.capacity, min: 1, max: 100_000)
        let cancelHours = check.int("cancelHours", input.cancelHours, required: false, min: 0, max: 720) ?? 0
        let perAccount = check.int("perAccount", input.perAccount, min: 1, max: settings.maxPartySize)
        let attendance: ActivityMode? = (input.mode ?? "").isEmpty ? .inPerson : check.choice("mode", input.mode)
        let stream = StreamLink.check(input.streamURL, needed: attendance?.hasStream ?? false, into: &check)
        try check.throwIfInvalid()

        guard let venue = try await Venue.find(venueID!, on: db) else { throw AppError.invalid(["venue": lang.t("场馆不存在。", "No such venue.")]) }
        try staff.scope.authorize(venue)
        var space: Space?
        if let spaceID {
            space = try await Space.query(on: db).filter(\.$id == spaceID).filter(\.$venue.$id == venue.id!).first()
            if space == nil { throw AppError.invalid(["space": lang.t("这个场地不属于所选场馆。", "This space is not at the chosen venue.")]) }
            if let space, let capacity, capacity > space.capacity {
                throw AppError.invalid(["capacity": lang.t("超过场地容量（\(space.capacity) 人）。", "More than the space holds (\(space.capacity)).")])
            }
        }
        var village: Region?
        if let villageID {
            village = try await Region.query(on: db).filter(\.$id == villageID).filter(\.$level == .village).first()
            if village == nil { throw AppError.invalid(["village": lang.t("请选择一个村（社区）。", "Choose a village.")]) }
            // A venue takes its services to the villages of the area it serves, not beyond.
            if let village, !RegionPath.isWithin(village.path, venue.regionPath) {
                throw AppError.invalid(["village": lang.t("只能选择本场馆服务范围内的村（社区）。", "Choose a village in the area this venue serves.")])
            }
        }
        if let itemID, try await ServiceItem.query(on: db).filter(\.$id == itemID).filter(\.$venue.$id == venue.id!).first() == nil {
            throw AppError.invalid(["serviceItem": lang.t("这个服务项目不属于所选场馆。", "This menu item is not the chosen venue's.")])
        }
        guard let span, let start = time.instant(day: span.day, minute: span.start), let end = time.instant(day: span.day, minute: span.end) else {
            throw AppError.invalid(["date": lang.t("不是有效的日期。", "Not a valid date.")])
        }
        if activity.id == nil && start <= time.now {
            throw AppError.invalid(["date": lang.t("新活动的时间要在将来。已经办过的活动请如实补录到场人数。", "A new activity must be in the future.")])
        }
        if let capacity, activity.id != nil, mode == .required, capacity < activity.confirmedPlaces {
            throw AppError.invalid(["capacity": lang.t("已有 \(activity.confirmedPlaces) 个名额报名成功，名额不能少于这个数。",
                                                       "\(activity.confirmedPlaces) places are already confirmed; capacity cannot go below that.")])
        }

        let heldIn = village?.path ?? venue.regionPath
        let villageName = village?.name
        return try await db.writeTransaction { tx in
            if let spaceID, let occupant = try await SpaceCalendar.claim(spaceID: spaceID, slot: TimeSlot(start: start, end: end),
                                                                          ignoringActivity: activity.id, on: tx) {
                throw AppError.invalid(["starts": lang.t("场地在这个时间已被占用：\(occupant.describe(time, .zh))。",
                                                         "The space is taken then by \(occupant.describe(time, .en)).")])
            }
            let isNew = activity.id == nil
            if isNew {
                activity.confirmedPlaces = 0
                activity.waitingPlaces = 0
                activity.status = .published
                activity.createdBy = staff.account.id
            } else {
                // Lock the row so registrations cannot slip in while capacity changes.
                try await RegistrationDesk.lockActivity(activity.id!, on: tx)
                if let fresh = try await Activity.find(activity.id!, on: tx), mode == .required, capacity! < fresh.confirmedPlaces {
                    throw AppError.invalid(["capacity": lang.t("已有 \(fresh.confirmedPlaces) 个名额报名成功，名额不能少于这个数。",
                                                               "\(fresh.confirmedPlaces) places are already confirmed.")])
                }
                if let fresh = try await Activity.find(activity.id!, on: tx) {
                    activity.confirmedPlaces = fresh.confirmedPlaces
                    activity.waitingPlaces = fresh.waitingPlaces
                }
            }
            activity.$venue.id = venue.id!
            activity.regionPath = venue.regionPath
            activity.$serviceItem.id = itemID
            activity.$space.id = spaceID
            activity.$village.id = villageID
            activity.heldInPath = heldIn
            activity.location = location.isEmpty ? (villageName.map { $0 + lang.t("综合文化服务中心", " culture centre") } ?? "") : location
            activity.kind = kind!
            activity.title = title
            activity.details = details
            activity.targetGroupCodes = TargetGroup.encode(groups)
            activity.startsAt = start
            activity.endsAt = end
            activity.registration = mode!
            activity.capacity = capacity!
            activity.cancelDeadline = cancelHours > 0 ? start.addingTimeInterval(-Double(cancelHours) * 3600) : nil
            activity.perAccountLimit = perAccount!
            activity.storedMode = attendance!
            activity.streamURL = attendance!.hasStream ? stream : nil
            try await activity.save(on: tx)
            return isNew ? [] : try await RegistrationDesk.promoteWaiting(activityID: activity.id!, on: tx)
        }
    }
}

/// A live-stream link: an https address, needed for online and hybrid activities.
enum StreamLink {
    static func check(_ raw: String?, needed: Bool, into check: inout FormCheck) -> String? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if needed { check.fail("streamURL", "线上或线上线下结合的活动，请填写直播链接。", "Online and hybrid activities need a live-stream link.") }
            return nil
        }
        guard value.count <= 500, let url = URL(string: value), url.scheme == "https", url.host != nil else {
            check.fail("streamURL", "请填写以 https:// 开头的完整链接。", "Enter a full link starting with https://.")
            return nil
        }
        return value
    }
}
