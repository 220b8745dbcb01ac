import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Village ordering (点单, R3.3). The manual clock starts on 2026-11-18 (Beijing time).
@Suite struct OrderTests {
    static func form(_ item: ServiceItem, _ village: Region, quantity: String = "1", start: String = "2026-11-25", end: String = "2026-12-10") -> [(String, String)] {
        [("item", item.id!.uuidString), ("village", village.id!.uuidString), ("quantity", quantity), ("windowStart", start), ("windowEnd", end),
         ("audience", "150"), ("contact", "李主任 13800001111"), ("notes", "村委会院内有戏台")]
    }

    @Test func badOrdersAreRefusedWithAReasonAndNothingIsSaved() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, quantity: 3, on: app.db)
            let closed = try await ServiceItem.mock(f.library, title: "馆内讲座", orderable: false, on: app.db)
            let village = try await Browser.signedIn(app, as: "cgvillage")

            let past = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-11-10"))
            let tooMany = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, quantity: "4"))
            let notOrderable = try await village.post(SiteURL.orders(.staffNew).path, Self.form(closed, f.chengguanVillage))
            let otherVillage = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.micunVillage))
            let backwards = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-12-10", end: "2026-12-01"))

            #expect(past.status == .unprocessableEntity && past.body.string.contains("时间窗口不能早于今天"))
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("只剩 3 场可点，您点了 4 场"))
            #expect(notOrderable.status == .unprocessableEntity && notOrderable.body.string.contains("不接受村（社区）点单"))
            #expect(otherVillage.status == .unprocessableEntity && otherVillage.body.string.contains("只能为管辖范围内的村（社区）点单"))
            #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("结束日期不能早于开始日期"))
            #expect(try await ServiceOrder.query(on: app.db).count() == 0)
            #expect(try await ServiceItemUsage.query(on: app.db).sum(\.$used) ?? 0 == 0)
        }
    }

    @Test func villageOrdersVenueAcceptsVillageConfirmsDeliveryAndRates() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, quantity: 3, on: app.db)
            let village = try await Browser.signedIn(app, as: "cgvillage")
            let placed = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, quantity: "2"))
            let order = try #require(try await ServiceOrder.query(on: app.db).first())
            let menu = try await Browser(app).get(SiteURL.menu(.index).path).body.string

            let venue = try await Browser.signedIn(app, as: "librarian")
            let queue = try await venue.get(SiteURL.orders(.staffIndex).path).body.string
            let workbench = try await venue.get(SiteURL.staff.path).body.string
            let outside = try await venue.post(SiteURL.orders(.staffStep(.id(order.id!), .accept)).path, [("date", "2026-12-20"), ("starts", "19:00"), ("ends", "21:00")])
            let byVillage = try await village.post(SiteURL.orders(.staffStep(.id(order.id!), .accept)).path, [("date", "2026-12-01"), ("starts", "19:00"), ("ends", "21:00")])
            let accepted = try await venue.post(SiteURL.orders(.staffStep(.id(order.id!), .accept)).path, [("date", "2026-12-01"), ("starts", "19:00"), ("ends", "21:00")])
            let twice = try await venue.post(SiteURL.orders(.staffStep(.id(order.id!), .decline)).path, [("reason", "改主意了")])
            let scheduled = try #require(try await ServiceOrder.find(order.id, on: app.db))
            let activity = try #require(try await Activity.find(scheduled.$activity.id, on: app.db))
            let calendar = try await Browser(app).get(SiteURL.activities(.calendar).with([("village", f.chengguanVillage.id!.uuidString), ("month", "2026-12")])).body.string
            let early = try await village.post(SiteURL.orders(.staffStep(.id(order.id!), .deliver)).path, [("note", "")])

            #expect(placed.status == .seeOther)
            #expect(order.periodKey == "2026" && order.status == .pending && order.regionPath == f.chengguanVillage.path)
            #expect(menu.contains("本期还可点 1 场"))
            #expect(queue.contains("送戏下乡") && queue.contains("东关村") && queue.contains("待受理"))
            #expect(workbench.contains("份村（社区）点单等待受理"))
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("提议改期"))
            #expect(byVillage.status == .forbidden, "the village cannot accept its own order")
            #expect(accepted.status == .seeOther && twice.status == .conflict && twice.body.string.contains("已安排"))
            #expect(activity.$village.id == f.chengguanVillage.id && activity.heldInPath == f.chengguanVillage.path && activity.$venue.id == f.library.id)
            #expect(activity.location.contains("东关村综合文化服务中心") && activity.registration == .open && activity.capacity == 150)
            #expect(calendar.contains("东关村 · ") && calendar.contains("送戏下乡"))
            #expect(early.status == .conflict && early.body.string.contains("活动结束后才能确认送达"))

            clock.advance(by: 14 * 86_400)
            let village2 = try await Browser.signedIn(app, as: "cgvillage")
            let todo = try await village2.get(SiteURL.staff.path).body.string
            let delivered = try await village2.post(SiteURL.orders(.staffStep(.id(order.id!), .deliver)).path, [("note", "到场约 200 人")])
            let rated = try await village2.post(SiteURL.orders(.staffStep(.id(order.id!), .rate)).path, [("score", "5"), ("comment", "演员很认真，群众很满意")])
            let page = try await village2.get(SiteURL.orders(.staffShow(.id(order.id!))).path).body.string
            let rating = try await Rating.query(on: app.db).filter(\.$targetKey == RatingTarget.order(order.id!).key).first()
            let venueSummary = try await RatingSummary.ofVenue(f.library.id!, on: app.db)
            let stats = try await Browser.signedIn(app, as: "librarian").get(SiteURL.orders(.staffIndex).with([("show", "all")])).body.string

            let contact = try await village2.post(SiteURL.orders(.staffContact(.id(order.id!))).path, [])
            #expect(contact.status == .ok && contact.body.string.contains("tel:13800001111"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "view.personal").count() == 1)
            #expect(todo.contains("请确认送达并评价"))
            #expect(delivered.status == .seeOther && rated.status == .seeOther)
            #expect(page.contains("已送达") && page.contains("到场约 200 人") && page.contains("您的评价") == false || page.contains("修改评价"))
            #expect(rating?.score == 5 && rating?.$venue.id == f.library.id && rating?.$activity.id == activity.id)
            #expect(venueSummary.histogram.valid == 1, "the order's rating counts for the supplying venue")
            #expect(stats.contains("按期受理率") && stats.contains("100.0%") && stats.contains("到期 1 单中已确认送达 1 单"))
        }
    }

    @Test func declineProposeRefuseAndCancelGiveTheQuantityBack() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.chengguanStation, title: "广场舞培训", quantity: 2, period: .month, on: app.db)
            let village = try await Browser.signedIn(app, as: "cgvillage")
            let station = try await Browser.signedIn(app, as: "cgstation")
            _ = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-11-20", end: "2026-11-28"))
            _ = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-11-21", end: "2026-11-29"))
            let full = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-11-22", end: "2026-11-30"))
            let nextMonth = try await village.post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage, start: "2026-12-02", end: "2026-12-09"))
            let orders = try await ServiceOrder.query(on: app.db).sort(\.$windowStart).all()
            #expect(full.status == .unprocessableEntity && full.body.string.contains("2026 年 11 月的 2 场已经全部被点完了"))
            #expect(nextMonth.status == .seeOther && orders.count == 3 && orders[2].periodKey == "2026-12")

            let noReason = try await station.post(SiteURL.orders(.staffStep(.id(orders[0].id!), .decline)).path, [("reason", " ")])
            let declined = try await station.post(SiteURL.orders(.staffStep(.id(orders[0].id!), .decline)).path, [("reason", "老师这周外出培训")])
            let proposed = try await station.post(SiteURL.orders(.staffStep(.id(orders[1].id!), .propose)).path,
                                                  [("date", "2026-12-05"), ("starts", "09:00"), ("ends", "11:00"), ("note", "本月排满了")])
            let refused = try await village.post(SiteURL.orders(.staffStep(.id(orders[1].id!), .refuse)).path, [("reason", "12 月村里要秋收")])
            #expect(noReason.status == .unprocessableEntity && noReason.body.string.contains("请写明婉拒的原因"))
            #expect(declined.status == .seeOther && proposed.status == .seeOther && refused.status == .seeOther)
            #expect(try await OrderDesk.remaining(item, period: "2026-11", on: app.db) == 2, "declined and refused orders give their quantity back")

            _ = try await station.post(SiteURL.orders(.staffStep(.id(orders[2].id!), .propose)).path, [("date", "2026-12-12"), ("starts", "09:00"), ("ends", "11:00"), ("note", "换到周六")])
            let confirmed = try await village.post(SiteURL.orders(.staffStep(.id(orders[2].id!), .confirm)).path, [])
            let scheduled = try #require(try await ServiceOrder.find(orders[2].id, on: app.db))
            let activity = try #require(try await Activity.find(scheduled.$activity.id, on: app.db))
            #expect(confirmed.status == .seeOther && scheduled.status == .accepted && activity.title == "广场舞培训")
            #expect(try await OrderDesk.remaining(item, period: "2026-12", on: app.db) == 1)

            _ = try await station.post(SiteURL.activities(.staffCancel(.id(activity.id!))).path, [])
            #expect(try await ServiceOrder.find(orders[2].id, on: app.db)?.status == .cancelled)
            #expect(try await OrderDesk.remaining(item, period: "2026-12", on: app.db) == 2, "a cancelled activity gives its order's quantity back")
        }
    }

    @Test func anotherTownshipCanNeitherSeeNorActOnAnOrder() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, on: app.db)
            _ = try await Browser.signedIn(app, as: "cgvillage").post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage))
            let order = try #require(try await ServiceOrder.query(on: app.db).first())
            let micun = try await Browser.signedIn(app, as: "micun")
            let chengguan = try await Browser.signedIn(app, as: "chengguan")

            let read = try await micun.get(SiteURL.orders(.staffShow(.id(order.id!))).path)
            let write = try await micun.post(SiteURL.orders(.staffStep(.id(order.id!), .withdraw)).path, [("reason", "不要了")])
            let list = try await micun.get(SiteURL.orders(.staffIndex).with([("show", "all")])).body.string
            let township = try await chengguan.get(SiteURL.orders(.staffShow(.id(order.id!))).path)
            let townshipAccept = try await chengguan.post(SiteURL.orders(.staffStep(.id(order.id!), .accept)).path, [("date", "2026-12-01"), ("starts", "19:00"), ("ends", "21:00")])
            let api = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let apiRead = try await api.send(.GET, "/api/v1/orders/\(order.id!)")

            #expect(read.status == .notFound && write.status == .forbidden && !list.contains("送戏下乡"), "404 on read, 403 on write")
            #expect(apiRead.status == .notFound)
            #expect(township.status == .ok && township.body.string.contains("撤回点单"), "the township acts for its villages")
            #expect(townshipAccept.status == .forbidden, "but not for the city library")
            #expect(try await ServiceOrder.find(order.id, on: app.db)?.status == .pending)
        }
    }

    @Test func concurrentOrdersNeverTakeMoreThanTheQuantity() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, quantity: 5, on: app.db)
            let staff = Staff(account: try await Account.query(on: app.db).filter(\.$login == "chengguan").first()!, scope: .region(path: f.chengguan.path))
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let input = OrderInput(item: item.id!.uuidString, village: f.chengguanVillage.id!.uuidString, quantity: "1", windowStart: "2026-12-01",
                                   windowEnd: "2026-12-20", audience: "80", contact: "王站长", notes: "")
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await OrderDesk.place(input, by: staff, settings: app.settings, time: time, lang: .zh, on: app.db)
                            return true
                        } catch AppError.invalid(let errors) where errors["quantity"] != nil {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 5)
            #expect(try await ServiceOrder.query(on: app.db).count() == 5)
            #expect(try await ServiceItemUsage.query(on: app.db).first()?.used == 5)
        }
    }

    @Test func overdueOrdersAreFlaggedForTheVenue() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.chengguanStation, on: app.db)
            _ = try await Browser.signedIn(app, as: "cgvillage").post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage))
            let order = try #require(try await ServiceOrder.query(on: app.db).first())
            // Ordered on a Wednesday evening: five working days run to the next Wednesday's end.
            clock.advance(by: 8 * 86_400)
            let station = try await Browser.signedIn(app, as: "cgstation")
            let overdue = try await station.get(SiteURL.orders(.staffIndex).with([("show", "overdue")])).body.string
            let workbench = try await station.get(SiteURL.staff.path).body.string
            let bureau = try await Browser.signedIn(app, as: "admin").get(SiteURL.orders(.staffIndex).with([("show", "overdue")])).body.string

            #expect(order.isOverdue(at: clock.now()))
            #expect(overdue.contains("超期未受理") && overdue.contains("送戏下乡"))
            #expect(workbench.contains("份村（社区）点单已超过受理期限"))
            #expect(bureau.contains("送戏下乡"))
        }
    }

    @Test func theAPIRunsTheSameSteps() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, on: app.db)
            let village = APIClient(app: app, token: try await Fixtures.token(for: "cgvillage", on: app.db))
            let library = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))
            let bad = try await village.send(.POST, "/api/v1/orders", json: """
                {"itemId":"\(item.id!)","villageId":"\(f.chengguanVillage.id!)","quantity":9,"windowStart":"2026-12-01","windowEnd":"2026-12-20","expectedAudience":100,"contact":"李"}
                """)
            let placed = try await village.send(.POST, "/api/v1/orders", json: """
                {"itemId":"\(item.id!)","villageId":"\(f.chengguanVillage.id!)","quantity":1,"windowStart":"2026-12-01","windowEnd":"2026-12-20","expectedAudience":100,"contact":"李"}
                """)
            let id = try #require(try await ServiceOrder.query(on: app.db).first()?.id)
            let list = try await library.send(.GET, "/api/v1/manage/orders?side=venue&status=pending")
            let accepted = try await library.send(.POST, "/api/v1/orders/\(id)/accept", json: #"{"date":"2026-12-03","starts":"14:00","ends":"16:00"}"#)
            clock.advance(by: 20 * 86_400)
            let delivered = try await village.send(.POST, "/api/v1/orders/\(id)/deliver", json: #"{"note":"很好"}"#)
            let rated = try await village.send(.POST, "/api/v1/orders/\(id)/ratings", json: #"{"score":4}"#)
            let venueRates = try await library.send(.POST, "/api/v1/orders/\(id)/ratings", json: #"{"score":1}"#)

            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("quantity"))
            #expect(placed.status == .created && placed.body.string.contains("\"status\":\"pending\""))
            #expect(list.status == .ok && list.body.string.contains("\"total\":1"))
            #expect(accepted.status == .ok && accepted.body.string.contains("\"status\":\"accepted\"") && accepted.body.string.contains("activityId"))
            #expect(delivered.status == .ok && delivered.body.string.contains("\"status\":\"delivered\""))
            #expect(rated.status == .created)
            #expect(venueRates.status == .conflict, "only the village that ordered rates it")
        }
    }

    @Test func villagersRateAServiceTheirVillageOrdered() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, on: app.db)
            _ = try await Browser.signedIn(app, as: "cgvillage").post(SiteURL.orders(.staffNew).path, Self.form(item, f.chengguanVillage))
            let order = try #require(try await ServiceOrder.query(on: app.db).first())
            _ = try await Browser.signedIn(app, as: "librarian").post(SiteURL.orders(.staffStep(.id(order.id!), .accept)).path, [("date", "2026-12-01"), ("starts", "19:00"), ("ends", "21:00")])
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let profile = try await citizen.post(SiteURL.accounts(.profile).path, [("homeVillage", f.chengguanVillage.id!.uuidString)])
            let early = try await citizen.post(SiteURL.orders(.rating(.id(order.id!))).path, [("score", "5")])
            clock.advance(by: 14 * 86_400)
            // Someone who names the village only after the service cannot rate it (issue #20 review).
            let latecomer = Account(login: "13800000002", displayName: "李四",
                                    passwordHash: try await app.password.async.hash(Fixtures.password), role: .citizen)
            latecomer.phoneVerifiedAt = clock.now()
            try await latecomer.create(on: app.db)
            let late = try await Browser.signedIn(app, as: "13800000002")
            _ = try await late.post(SiteURL.accounts(.profile).path, [("homeVillage", f.chengguanVillage.id!.uuidString)])
            let stranger = try await late.post(SiteURL.orders(.rating(.id(order.id!))).path, [("score", "5")])
            let villager = try await Browser.signedIn(app, as: "13800000001")
            let activityPage = try await villager.get(SiteURL.activities(.show(.id(try #require(try await ServiceOrder.find(order.id, on: app.db)?.$activity.id)))).path).body.string
            let rated = try await villager.post(SiteURL.orders(.rating(.id(order.id!))).path, [("score", "4"), ("comment", "戏唱得好，老人们都爱看")])
            let page = try await Browser(app).get(SiteURL.orders(.rating(.id(order.id!))).path).body.string
            let api = try await APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))
                .send(.POST, "/api/v1/orders/\(order.id!)/ratings", json: #"{"score":5}"#)

            #expect(early.status == .conflict && early.body.string.contains("服务结束后才能评价"))
            #expect(stranger.status == .conflict && stranger.body.string.contains("其他村（社区）"))
            #expect(profile.status == .seeOther && activityPage.contains("本村群众请在这里评价这次点单服务"))
            #expect(rated.status == .seeOther && page.contains("戏唱得好") && page.contains("张*"))
            #expect(api.status == .ok, "within 7 days the same account changes its rating")
            let ratings = try await Rating.query(on: app.db).filter(\.$targetKey == RatingTarget.order(order.id!).key).all()
            #expect(ratings.count == 1 && ratings[0].score == 5 && ratings[0].$venue.id == f.library.id)
        }
    }
}
