import Fluent
import Foundation

/// Menus, activities, registrations and booking requests for the demo city, dated around
/// the day it is loaded so the pages always show a live month: finished activities with
/// attendance, some today, and more to come, a few full with a waiting list.
enum DemoActivities {
    struct Item {
        let kind: ServiceKind
        let title: String
        let content: String
        let quantity: Int
        let unit: String
        let period: QuantityPeriod
        let groups: [TargetGroup]
        let orderable: Bool
        let feeFen: Int
    }

    static let cityMenu: [VenueType: [Item]] = [
        .culturalCentre: [
            Item(kind: .performance, title: "送戏下乡·豫剧折子戏专场", content: "市文化馆艺术团携《花木兰》《朝阳沟》选段到村演出，每场约 90 分钟。", quantity: 60, unit: "场", period: .year, groups: [.everyone, .elderly], orderable: true, feeFen: 0),
            Item(kind: .training, title: "广场舞骨干培训班", content: "面向乡镇、村广场舞队骨干，每期 8 次课，结业后回村带队。", quantity: 4, unit: "期", period: .year, groups: [.everyone], orderable: true, feeFen: 0),
            Item(kind: .training, title: "少儿书法公益课", content: "周六上午，毛笔楷书入门，提供笔墨纸砚。", quantity: 48, unit: "次", period: .year, groups: [.children], orderable: false, feeFen: 0),
            Item(kind: .coaching, title: "村文艺队业务辅导", content: "文化馆专业老师到村辅导节目编排、声乐和器乐。", quantity: 120, unit: "次", period: .year, groups: [.everyone], orderable: true, feeFen: 0),
        ],
        .library: [
            Item(kind: .reading, title: "周末亲子绘本故事会", content: "每周日上午，馆员和志愿者带领 3–8 岁儿童共读绘本。", quantity: 52, unit: "场", period: .year, groups: [.children], orderable: false, feeFen: 0),
            Item(kind: .mobileLibrary, title: "流动图书车进村", content: "图书车每次携带 3000 册图书到村借还，现场办理借书证。", quantity: 80, unit: "次", period: .year, groups: [.everyone, .elderly, .migrantWorkers], orderable: true, feeFen: 0),
            Item(kind: .lecture, title: "老年人智能手机使用讲座", content: "教老年朋友用手机挂号、视频通话、识别诈骗。", quantity: 24, unit: "场", period: .year, groups: [.elderly], orderable: true, feeFen: 0),
            Item(kind: .reading, title: "视障读者听书服务", content: "盲文图书借阅与有声读物播放，提供一对一帮助。", quantity: 12, unit: "次", period: .year, groups: [.disabled], orderable: false, feeFen: 0),
        ],
        .museum: [
            Item(kind: .exhibition, title: "新密古窑址出土瓷器展", content: "馆藏唐宋瓷器 120 余件，每天两场免费讲解。", quantity: 1, unit: "个", period: .year, groups: [.everyone], orderable: false, feeFen: 0),
            Item(kind: .exhibition, title: "流动展览进校园", content: "伏羲文化图片展巡展到中小学。", quantity: 10, unit: "站", period: .year, groups: [.children], orderable: true, feeFen: 0),
        ],
        .gymnasium: [
            Item(kind: .sports, title: "全民健身太极拳辅导", content: "社会体育指导员每周三次教授 24 式太极拳。", quantity: 150, unit: "次", period: .year, groups: [.everyone, .elderly], orderable: false, feeFen: 0),
            Item(kind: .sports, title: "羽毛球场地低收费开放", content: "工作日白天免费，晚间与周末每小时 10 元。", quantity: 52, unit: "周", period: .year, groups: [.everyone], orderable: false, feeFen: 1000),
        ],
        .operaCentre: [
            Item(kind: .performance, title: "周末豫剧大戏", content: "每周六晚上演整本大戏，免费领票入场。", quantity: 48, unit: "场", period: .year, groups: [.everyone, .elderly], orderable: false, feeFen: 0),
        ],
    ]

    static let stationMenu: [Item] = [
        Item(kind: .film, title: "农村公益电影放映", content: "每村每月放映一场，夏季露天、冬季在文化服务中心室内。", quantity: 12, unit: "场", period: .year, groups: [.everyone], orderable: true, feeFen: 0),
        Item(kind: .training, title: "乡村文艺骨干培训", content: "戏曲、舞蹈、锣鼓等，每季度一期。", quantity: 4, unit: "期", period: .year, groups: [.everyone], orderable: true, feeFen: 0),
        Item(kind: .lecture, title: "农业实用技术与防诈骗讲座", content: "结合农时邀请农技站和派出所讲解。", quantity: 6, unit: "场", period: .year, groups: [.everyone, .migrantWorkers], orderable: true, feeFen: 0),
    ]

    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_127)
        let venues = try await Venue.query(on: db).filter(\.$type != .villageCentre).filter(\.$type != .libraryBranch).all()
        let spaces = Dictionary(grouping: try await Space.query(on: db).all()) { $0.$venue.id }
        let villages = try await Region.query(on: db).filter(\.$level == .village).all()
        let citizen = try await Account.query(on: db).filter(\.$role == .citizen).first()
        let time = DisplayTime(timeZone: timeZone, now: now)
        var items: [ServiceItem] = [], activities: [Activity] = [], registrations: [Registration] = [], bookings: [SpaceBooking] = []
        let names = ["王秀兰", "李建国", "张桂英", "刘志强", "陈玉梅", "杨国庆", "赵淑珍", "黄明", "周丽娟", "吴建华"]

        for venue in venues {
            let menu = venue.type == .townshipStation ? stationMenu : (cityMenu[venue.type] ?? [])
            let madeItems = menu.map { spec -> ServiceItem in
                let i = ServiceItem()
                i.id = UUID(); i.$venue.id = venue.id!; i.regionPath = venue.regionPath; i.kind = spec.kind; i.title = spec.title
                i.content = spec.content; i.quantity = spec.quantity; i.unit = spec.unit; i.period = spec.period
                i.targetGroupCodes = TargetGroup.encode(spec.groups); i.feeFen = spec.feeFen; i.feeNote = spec.feeFen > 0 ? "工作日白天免费" : ""
                i.orderable = spec.orderable; i.active = true
                return i
            }
            items += madeItems
            let hall = spaces[venue.id!]?.max { $0.capacity < $1.capacity }
            let count = venue.type == .townshipStation ? 4 : 10
            for n in 0..<count {
                guard !madeItems.isEmpty else { continue }
                let item = random.pick(madeItems)
                let dayOffset = n == 0 ? 0 : n == 1 ? 1 : random.int(-28...30)
                let startMinute = [540, 570, 600, 870, 900, 1170][random.int(0...5)]
                guard let start = time.instant(day: time.day(after: dayOffset), minute: startMinute) else { continue }
                let nearby = villages.filter { RegionPath.isWithin($0.path, venue.regionPath) || venue.tier == .city }
                let mobile: Region? = (item.orderable && !nearby.isEmpty && random.chance(0.4)) ? random.pick(nearby) : nil
                let a = Activity()
                a.id = UUID(); a.$venue.id = venue.id!; a.regionPath = venue.regionPath; a.$serviceItem.id = item.id
                a.$space.id = mobile == nil ? hall?.id : nil; a.$village.id = mobile?.id; a.heldInPath = mobile?.path ?? venue.regionPath
                a.location = mobile.map { "\($0.name)文化广场" } ?? ""
                a.kind = item.kind; a.title = mobile.map { "\(item.title)（\($0.name)）" } ?? item.title; a.details = item.content
                a.targetGroupCodes = item.targetGroupCodes; a.startsAt = start; a.endsAt = start.addingTimeInterval(Double([90, 120, 150][random.int(0...2)] * 60))
                let open = mobile != nil || item.kind == .exhibition || item.kind == .film
                a.registration = open ? .open : .required
                a.capacity = min(hall?.capacity ?? 200, [30, 40, 60, 80, 120][random.int(0...4)])
                a.confirmedPlaces = 0; a.waitingPlaces = 0
                a.cancelDeadline = start.addingTimeInterval(-7200); a.perAccountLimit = item.targetGroups.contains(.children) ? 3 : 2
                a.status = .published; a.createdBy = nil
                let ended = a.endsAt <= now
                if open {
                    a.headcount = ended ? random.int(a.capacity / 3...a.capacity) : nil
                } else {
                    // Fill some places by proxy registrations from the villages' desks; one in six is full with a queue.
                    let full = random.chance(0.17)
                    let target = full ? a.capacity : random.int(0...(a.capacity * 3 / 4))
                    var taken = 0, k = 0
                    while taken < target {
                        let places = min(random.int(1...2), target - taken)
                        let r = Registration()
                        r.id = UUID(); r.$activity.id = a.id!; r.regionPath = a.regionPath
                        r.name = names[k % names.count]; r.phone = "139" + String(format: "%08d", random.int(10_000_000...99_999_999))
                        r.places = places; r.status = ended && random.chance(0.1) ? .noShow : .confirmed
                        r.proxyBy = nil; r.createdAt = start.addingTimeInterval(-Double(random.int(86_400...864_000)))
                        r.checkedInAt = ended && r.status == .confirmed ? start.addingTimeInterval(-Double(random.int(60...1200))) : nil
                        registrations.append(r)
                        taken += places; k += 1
                    }
                    a.confirmedPlaces = taken
                    if full && !ended {
                        for w in 0..<random.int(2...6) {
                            let r = Registration()
                            r.id = UUID(); r.$activity.id = a.id!; r.regionPath = a.regionPath; r.name = names[(k + w) % names.count]
                            r.phone = "137" + String(format: "%08d", random.int(10_000_000...99_999_999)); r.places = 1; r.status = .waitlisted
                            r.createdAt = now.addingTimeInterval(-Double(3600 * (6 - w)))
                            registrations.append(r)
                            a.waitingPlaces += 1
                        }
                    }
                }
                activities.append(a)
            }
        }
        // The demo citizen has a place today and tomorrow, and went to one last week.
        if let citizen {
            for a in activities.filter({ $0.registration == .required && $0.remainingPlaces > 0 }).sorted(by: { $0.startsAt < $1.startsAt }) where
                registrations.filter({ $0.$account.id == citizen.id }).count < 3 && a.startsAt > now.addingTimeInterval(-8 * 86_400) {
                let r = Registration()
                r.id = UUID(); r.$activity.id = a.id!; r.regionPath = a.regionPath; r.$account.id = citizen.id; r.name = citizen.displayName
                r.phone = citizen.login; r.places = 1; r.status = .confirmed; r.createdAt = a.startsAt.addingTimeInterval(-3 * 86_400)
                r.checkedInAt = a.endsAt <= now ? a.startsAt.addingTimeInterval(-600) : nil
                registrations.append(r)
                a.confirmedPlaces += 1
            }
            for (n, venue) in venues.filter({ $0.type == .townshipStation }).prefix(3).enumerated() {
                // Stations close on Sundays; a booking must fall on an open day.
                var offset = 3 + n
                while DisplayTime(timeZone: timeZone, now: now.addingTimeInterval(Double(offset) * 86_400)).weekday == 7 { offset += 1 }
                guard let space = spaces[venue.id!]?.first(where: \.bookable), let start = time.instant(day: time.day(after: offset), minute: 900) else { continue }
                let b = SpaceBooking()
                b.id = UUID(); b.$space.id = space.id!; b.$venue.id = venue.id!; b.regionPath = venue.regionPath; b.$account.id = citizen.id
                b.teamName = ["夕阳红广场舞队", "东关锣鼓队", "曲梁豫剧票友会"][n]; b.contactPhone = citizen.login; b.purpose = ["舞蹈排练", "锣鼓排练", "戏曲彩排"][n]
                b.attendees = 15 + n * 5; b.startsAt = start; b.endsAt = start.addingTimeInterval(7200); b.rate = .free; b.feeFen = 0
                b.status = n == 0 ? .approved : .pending; b.decisionReason = ""; b.createdAt = now.addingTimeInterval(-86_400)
                bookings.append(b)
            }
        }
        // The cultural centre's first bookable room takes team bookings in the evenings and at weekends.
        var roomHours: [SpaceHours] = []
        if let centre = venues.first(where: { $0.type == .culturalCentre }), let room = spaces[centre.id!]?.first(where: \.bookable) {
            for day in 1...5 { roomHours.append(SpaceHours(spaceID: room.id!, weekday: day, opensAt: 18 * 60 + 30, closesAt: 21 * 60 + 30)) }
            for day in 6...7 {
                roomHours += [SpaceHours(spaceID: room.id!, weekday: day, opensAt: 9 * 60, closesAt: 12 * 60),
                              SpaceHours(spaceID: room.id!, weekday: day, opensAt: 14 * 60 + 30, closesAt: 21 * 60 + 30)]
            }
        }
        let allItems = items, allActivities = activities, allRegistrations = registrations, allBookings = bookings, allRoomHours = roomHours
        try await db.writeTransaction { tx in
            try await allRoomHours.create(on: tx)
            for chunk in stride(from: 0, to: allItems.count, by: 200) { try await Array(allItems[chunk..<min(chunk + 200, allItems.count)]).create(on: tx) }
            for chunk in stride(from: 0, to: allActivities.count, by: 100) { try await Array(allActivities[chunk..<min(chunk + 100, allActivities.count)]).create(on: tx) }
            for chunk in stride(from: 0, to: allRegistrations.count, by: 200) { try await Array(allRegistrations[chunk..<min(chunk + 200, allRegistrations.count)]).create(on: tx) }
            try await allBookings.create(on: tx)
        }
    }
}
