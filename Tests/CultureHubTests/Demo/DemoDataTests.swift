import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
@testable import CultureHub

/// The demo city loads on whichever database the suite runs on (SQLite, or PostgreSQL in CI).
@Suite struct DemoDataTests {
    @Test func demoCityLoadsCompletely() async throws {
        try await withTestApp { app, _ in
            // act
            let summary = try await Demo.load(app)

            // check: three tiers, 17 townships, 10–25 villages each, about 826,000 people
            let townships = try await Region.query(on: app.db).filter(\.$level == .township).all()
            #expect(townships.count == 17)
            #expect(Set(townships.map(\.name)).isSuperset(of: ["青屏街街道", "城关镇", "袁庄乡", "伏羲山风景区管委会"]))
            let villages = try await Region.query(on: app.db).filter(\.$level == .village).all()
            #expect(summary.villages == villages.count)
            for township in townships {
                let count = villages.filter { $0.path.hasPrefix(township.path) }.count
                #expect((10...25).contains(count), "\(township.name) has \(count) villages")
                let sum = villages.filter { $0.path.hasPrefix(township.path) }.reduce(0) { $0 + $1.population }
                #expect(sum == township.population, "\(township.name) villages add up to the township")
            }
            #expect(townships.reduce(0) { $0 + $1.population } == 826_031)
            #expect(villages.allSatisfy { $0.isDemo })
            #expect(villages.contains(where: \.isRemote) && villages.contains(where: \.isPoor))

            // every venue type, main venues, branches and service points
            let venues = try await Venue.query(on: app.db).all()
            #expect(Set(venues.map(\.type)) == Set(VenueType.allCases))
            let mains = venues.filter { $0.networkRole == .main }.map(\.name)
            #expect(Set(mains) == ["新密市图书馆", "新密市文化馆"])
            #expect(venues.filter { $0.type == .townshipStation }.allSatisfy { $0.networkRole == .branch && $0.$parentVenue.id != nil })
            #expect(venues.filter { $0.type == .villageCentre }.allSatisfy { $0.networkRole == .servicePoint && $0.$parentVenue.id != nil })
            #expect(try await Space.query(on: app.db).count() > venues.count)
            #expect(try await OpeningHours.query(on: app.db).count() > venues.count * 5)
            #expect(try await SpecialResource.query(on: app.db).filter(\.$kind == .brailleCollection).count() >= 1)
            #expect(venues.contains { $0.facilities.contains(.ramp) })

            // coverage below 100 %, some notices missing
            let coverage = try await CoveragePage.build(on: app.db)
            let rate = try #require(coverage.overall.rate)
            #expect(rate < 1 && rate > 0.9)
            let today = DisplayTime(timeZone: app.settings.displayTimeZone, now: app.clock.now()).today
            let missing = try await Venue.query(on: app.db).havingCurrentNotice(false, on: today).count()
            let current = try await Venue.query(on: app.db).havingCurrentNotice(true, on: today).count()
            #expect(missing + current == venues.count)
            #expect(missing > 0 && current > venues.count / 2)
            #expect(try await Region.query(on: app.db).filter(\.$level == .village).havingOperatingCentre(false).count()
                    == coverage.overall.uncovered)

            // one account per role
            let roles = Set(try await Account.query(on: app.db).all().map(\.role))
            #expect(roles == Set(Role.allCases))
            #expect(try await DemoLoader.isEmpty(app.db) == false)
        }
    }

    @Test func demoAccountsCanSignIn() async throws {
        try await withTestApp { app, _ in
            let summary = try await Demo.load(app)
            let browser = Browser(app)
            let response = try await browser.login("chengguan", summary.password)
            #expect(response.status == .seeOther)
            #expect(response.location == SiteURL.staff.path)
            let dashboard = try await browser.get(SiteURL.staff.path).body.string
            #expect(dashboard.contains("城关镇"))
            #expect(dashboard.contains("待办事项"))
        }
    }

    @Test func demoOrdersShowEveryStepAndNeverOverdrawAnItem() async throws {
        try await withTestApp { app, clock in
            let summary = try await Demo.load(app)
            let orders = try await ServiceOrder.query(on: app.db).with(\.$serviceItem).all()
            #expect(Set(orders.map(\.status)).isSuperset(of: [.pending, .proposed, .accepted, .declined, .withdrawn, .delivered]))
            for usage in try await ServiceItemUsage.query(on: app.db).with(\.$serviceItem).all() {
                let holding = orders.filter { $0.$serviceItem.id == usage.$serviceItem.id && $0.periodKey == usage.periodKey && $0.status.holdsQuantity }
                #expect(usage.used == holding.count && usage.used <= usage.serviceItem.quantity)
            }
            #expect(orders.contains { $0.isOverdue(at: clock.now()) })
            #expect(try await Rating.query(on: app.db).filter(\.$targetKey =~ "order:").count() >= 1)

            let village = Browser(app)
            _ = try await village.login("cunguan", summary.password)
            let todo = try await village.get(SiteURL.orders(.staffIndex).path).body.string
            #expect(todo.contains("场馆提议改期"))
            let library = Browser(app)
            _ = try await library.login("tushuguan", summary.password)
            let libraryDesk = try await library.get(SiteURL.staff.path)
            #expect(libraryDesk.body.string.contains("份村（社区）点单已超过受理期限"), "\(libraryDesk.status) \(libraryDesk.body.string.suffix(2500))")
        }
    }

    @Test func demoReportsShowOnTimeLateAndMissing() async throws {
        try await withTestApp { app, clock in
            _ = try await Demo.load(app)
            let reports = try await ActivityReport.query(on: app.db).all()
            #expect(reports.contains { !$0.isLate } && reports.contains(where: \.isLate) && reports.contains(where: \.flagged))
            #expect(try await OutboundJob.query(on: app.db).count() == reports.count)
            let missing = try await StaffReportsController.timeliness(.region(path: "/"), month: String(DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).today.prefix(7)),
                                                                      time: DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()), now: clock.now(), on: app.db)
            #expect(!missing.isEmpty)
            let batches = try await Circulation.query(on: app.db).all()
            let today = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).today
            #expect(batches.contains { $0.isOverdue(today: today) } && batches.contains { !$0.isOut } && batches.contains { $0.isOut && !$0.isOverdue(today: today) })
            #expect(try await DigitalResource.query(on: app.db).count() > 0)
            #expect(try await VolunteerApplication.query(on: app.db).filter(\.$status == .pending).count() == 4)
        }
    }
}
