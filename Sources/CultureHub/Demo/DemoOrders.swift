import Fluent
import Foundation
import Scheduling

/// A year of village orders (点单): most delivered, some declined or withdrawn, and, for the demo
/// accounts, one of each step waiting: the library has an overdue and a fresh order to answer,
/// the demo village a proposal to confirm, a visit coming up and a delivered, rated order.
enum DemoOrders {
    static let declineReasons = ["演出队这段时间在外地参加比赛，排不开。", "设备检修中，下月再安排。", "村里场地条件不满足舞台搭建要求，建议改点室内项目。"]
    static let withdrawReasons = ["村里临时有防汛任务，先撤回。", "和村里秋收撞期了。"]
    static let notes = ["村委会院内有戏台，可容纳 300 人。", "观众以老年人为主，希望安排在下午。", "村文化广场有电源，晚上可以放映。", ""]
    static let deliveryNotes = ["到场群众约 200 人，反响热烈。", "老人们听得很认真，希望明年还来。", "当晚下小雨，移到村委会礼堂进行。", ""]

    struct Step {
        let village: Region
        let item: ServiceItem
        let orderedDaysAgo: Double
        let outcome: OrderStatus
        /// Days after the order that the venue answered; nil for none yet.
        let answeredAfter: Double?
    }

    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_201)
        let calendar = WorkingCalendar(timeZone: timeZone)
        let items = try await ServiceItem.query(on: db).filter(\.$orderable == true).filter(\.$active == true).with(\.$venue).all()
            .filter { $0.venue.type != .villageCentre }
        let villages = try await Region.query(on: db).filter(\.$level == .village).sort(\.$code).all()
        guard !items.isEmpty, !villages.isEmpty else { return }
        let demoVillageStaff = try await Account.query(on: db).filter(\.$login == "cunguan").first()
        let demoVillage = villages.first { $0.id == demoVillageStaff?.$scopeRegion.id } ?? villages[0]
        let library = items.filter { $0.venue.type == .library }

        var steps: [Step] = (0..<28).map { _ in
            let roll = random.unit()
            let outcome: OrderStatus = roll < 0.7 ? .delivered : roll < 0.8 ? .declined : roll < 0.88 ? .withdrawn : .accepted
            return Step(village: random.pick(villages), item: random.pick(items), orderedDaysAgo: Double(random.int(25...320)),
                        outcome: outcome, answeredAfter: outcome == .withdrawn ? nil : Double(random.int(1...9)) - 0.5)
        }
        let libraryItem = library.first ?? items[0]
        let demoItems = Array(items.filter { $0.venue.type != .library }.prefix(3)) + [items[0], items[0], items[0]]
        steps += [
            Step(village: demoVillage, item: demoItems[0], orderedDaysAgo: 30, outcome: .delivered, answeredAfter: 1.5),
            Step(village: demoVillage, item: demoItems[1], orderedDaysAgo: 4, outcome: .accepted, answeredAfter: 1),
            Step(village: demoVillage, item: demoItems[2], orderedDaysAgo: 3, outcome: .proposed, answeredAfter: 2),
            Step(village: demoVillage, item: libraryItem, orderedDaysAgo: 1, outcome: .pending, answeredAfter: nil),
            Step(village: villages[villages.count / 2], item: libraryItem, orderedDaysAgo: 10, outcome: .pending, answeredAfter: nil),
        ]

        var used: [String: Int] = [:]
        var orders: [ServiceOrder] = []
        var activities: [Activity] = []
        var ratings: [Rating] = []
        for step in steps {
            let orderedAt = now.addingTimeInterval(-step.orderedDaysAgo * 86_400 + Double(random.int(-4...4)) * 3600)
            let windowStart = DisplayTime.day(orderedAt.addingTimeInterval(Double(random.int(7...14)) * 86_400), in: timeZone)
            guard let period = OrderDesk.periodKey(item: step.item, day: windowStart) else { continue }
            let key = step.item.id!.uuidString + period
            let holds = step.outcome.holdsQuantity
            guard !holds || used[key, default: 0] < step.item.quantity else { continue }
            if holds { used[key, default: 0] += 1 }

            let o = ServiceOrder()
            o.id = UUID()
            o.$serviceItem.id = step.item.id!
            o.$venue.id = step.item.$venue.id
            o.venueRegionPath = step.item.regionPath
            o.$village.id = step.village.id!
            o.regionPath = step.village.path
            o.quantity = 1
            o.periodKey = period
            o.windowStart = windowStart
            o.windowEnd = DisplayTime.day(orderedAt.addingTimeInterval(Double(random.int(20...45)) * 86_400), in: timeZone)
            o.expectedAudience = random.int(6...30) * 10
            o.contact = step.village.name + "村委会 文化管理员"
            o.notes = random.pick(notes)
            o.status = step.outcome
            o.decisionDue = calendar.deadline(after: orderedAt, workingDays: 5)
            o.orderedBy = step.village.id == demoVillage.id ? demoVillageStaff?.id : nil
            o.orderedAt = orderedAt
            o.reason = ""
            o.proposalNote = ""
            o.deliveryNote = ""
            if let after = step.answeredAfter { o.decidedAt = orderedAt.addingTimeInterval(after * 86_400) }
            switch step.outcome {
            case .declined: o.reason = random.pick(declineReasons)
            case .withdrawn: o.reason = random.pick(withdrawReasons)
            case .proposed:
                o.proposedStartsAt = now.addingTimeInterval(12 * 86_400).addingTimeInterval(-now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) + 7 * 3600)
                o.proposedEndsAt = o.proposedStartsAt!.addingTimeInterval(2 * 3600)
                o.proposalNote = "原定时间演出队在外地，改到这个周末的下午，可以吗？"
            case .accepted, .delivered:
                let start = (o.decidedAt ?? orderedAt).addingTimeInterval(Double(random.int(6...14)) * 86_400)
                let starts = start.addingTimeInterval(-start.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) + 11 * 3600) // 19:00 Beijing
                let activity = mobileActivity(o, item: step.item, village: step.village, starts: starts, random: &random, now: now)
                activities.append(activity)
                o.$activity.id = activity.id
                o.acceptedAt = o.decidedAt
                o.scheduledStartsAt = activity.startsAt
                o.scheduledEndsAt = activity.endsAt
                if step.outcome == .delivered {
                    o.deliveredAt = activity.endsAt.addingTimeInterval(Double(random.int(1...3)) * 86_400)
                    o.deliveryNote = random.pick(deliveryNotes)
                    if step.village.id == demoVillage.id, let staff = demoVillageStaff {
                        ratings.append(rating(o, by: staff, at: o.deliveredAt!.addingTimeInterval(3600)))
                    }
                }
            default: break
            }
            orders.append(o)
        }
        let usage = used.compactMap { key, n -> ServiceItemUsage? in
            guard let item = items.first(where: { key.hasPrefix($0.id!.uuidString) }) else { return nil }
            let u = ServiceItemUsage()
            u.$serviceItem.id = item.id!
            u.periodKey = String(key.dropFirst(item.id!.uuidString.count))
            u.used = n
            return u
        }
        // The demo village has marked two days it cannot host a visit.
        let busy = [(12, "村里庙会"), (19, "换届选举")].map { offset, reason -> VillageBusyDay in
            let b = VillageBusyDay()
            b.$village.id = demoVillage.id!
            b.regionPath = demoVillage.path
            b.day = DisplayTime.day(now.addingTimeInterval(Double(offset) * 86_400), in: timeZone)
            b.reason = reason
            b.createdBy = demoVillageStaff?.id
            b.createdAt = now
            return b
        }
        let (allActivities, allOrders, allRatings) = (activities, orders, ratings)
        try await db.writeTransaction { tx in
            try await busy.create(on: tx)
            try await allActivities.create(on: tx)
            try await allOrders.create(on: tx)
            try await usage.create(on: tx)
            try await allRatings.create(on: tx)
        }
    }

    private static func mobileActivity(_ o: ServiceOrder, item: ServiceItem, village: Region, starts: Date, random: inout SeededRandom, now: Date) -> Activity {
        let a = Activity()
        a.id = UUID()
        a.$venue.id = item.$venue.id
        a.regionPath = item.regionPath
        a.$serviceItem.id = item.id
        a.$village.id = village.id
        a.heldInPath = village.path
        a.location = village.name + "综合文化服务中心"
        a.kind = item.kind
        a.title = item.title
        a.details = item.content
        a.targetGroupCodes = item.targetGroupCodes
        a.startsAt = starts
        a.endsAt = starts.addingTimeInterval(2 * 3600)
        a.registration = .open
        a.capacity = o.expectedAudience
        a.confirmedPlaces = 0
        a.waitingPlaces = 0
        a.perAccountLimit = 1
        a.status = .published
        if a.endsAt < now { a.headcount = Int(Double(o.expectedAudience) * (0.6 + random.unit() * 0.6)) }
        return a
    }

    private static func rating(_ o: ServiceOrder, by account: Account, at: Date) -> Rating {
        let r = Rating()
        r.targetKey = RatingTarget.order(o.id!).key
        r.$account.id = account.id!
        r.$activity.id = o.$activity.id
        r.$venue.id = o.$venue.id
        r.regionPath = o.venueRegionPath
        r.score = 5
        r.comment = "演员很敬业，村里老人看得很开心，希望明年再来。"
        r.createdAt = at
        r.updatedAt = at
        return r
    }
}
