import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Procured mobile programmes (送戏下乡) and mobile-library stops (R4.3). Clock: 2026-11-18.
@Suite struct ProgrammeTests {
    @Test func aProgrammesShowsNeverExceedWhatWasBoughtAndCancelledShowsGoBack() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            for (venue, lat, lng) in [(f.library, 34.50, 113.39), (f.chengguanVillageCentre, 34.52, 113.40), (f.micunVillageCentre, 34.40, 113.50)] {
                venue.latitude = lat; venue.longitude = lng
                try await venue.save(on: app.db)
            }
            let item = try await ServiceItem.mock(f.library, title: "送戏下乡·豫剧专场", on: app.db)
            let admin = try await Browser.signedIn(app, as: "admin")
            let programmeForm: [(String, String)] = [("venue", f.library.id!.uuidString), ("year", "2026"), ("title", "2026 年送戏下乡"), ("provider", "新密市豫剧团"), ("budget", "36000"), ("shows", "1")]
            let bad = try await admin.post(SiteURL.mobileServices(.programmes).path, programmeForm.map { $0.0 == "budget" ? ("budget", "0") : $0 })
            let outside = try await Browser.signedIn(app, as: "micun").post(SiteURL.mobileServices(.programmes).path, programmeForm)
            let created = try await admin.post(SiteURL.mobileServices(.programmes).path, programmeForm)
            let programme = try #require(try await Programme.query(on: app.db).first())
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("请填写预算金额"))
            #expect(outside.status == .unprocessableEntity && outside.body.string.contains("管辖范围内的场馆"))
            #expect(created.status == .seeOther && programme.budgetFen == 3_600_000 && programme.costPerShowFen == 3_600_000)

            let cg = f.chengguanVillage.id!.uuidString, mc = f.micunVillage.id!.uuidString
            let fields: [(String, String)] = [("item", item.id!.uuidString), ("programme", programme.id!.uuidString), ("start", "2026-11-25"), ("perDay", "2"),
                                              ("firstStart", "09:00"), ("minutes", "120"), ("audience", "200"), ("villages", "\(cg),\(mc)")]
            let both = fields + [("include-\(cg)", "1"), ("date-\(cg)", "2026-11-25"), ("starts-\(cg)", "09:00"), ("include-\(mc)", "1"), ("date-\(mc)", "2026-11-25"), ("starts-\(mc)", "14:00")]
            let tooMany = try await admin.post(SiteURL.mobileServices(.tourAccept).path, both)
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("只剩 1 场可安排，这次要安排 2 场"))
            #expect(try await Activity.query(on: app.db).count() == 0, "nothing saved")
            let one = try await admin.post(SiteURL.mobileServices(.tourAccept).path, fields + [("include-\(mc)", "1"), ("date-\(mc)", "2026-11-25"), ("starts-\(mc)", "14:00")])
            let show = try #require(try await Activity.query(on: app.db).first())
            let page = try await admin.get(SiteURL.mobileServices(.programme(.id(programme.id!))).path).body.string
            #expect(one.status == .seeOther && show.$programme.id == programme.id && show.$village.id == f.micunVillage.id && show.details.contains("新密市豫剧团"))
            #expect(page.contains("采购 1 场，已安排 1 场") && page.contains("拐峪村") && page.contains("¥36000.00"))

            _ = try await admin.post(SiteURL.activities(.staffCancel(.id(show.id!))).path, [])
            let again = try await admin.post(SiteURL.activities(.staffCancel(.id(show.id!))).path, [])
            let flash = try await admin.get(SiteURL.activities(.staffShow(.id(show.id!))).path).body.string
            #expect(try await Programme.find(programme.id, on: app.db)?.showsAssigned == 0, "the cancelled show went back once")
            #expect(again.status == .seeOther && flash.contains("已经取消过了"))
        }
    }

    @Test func mobileLibraryStopsRecordBooksLent() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let stop = try await Activity.mock(f.library, title: "图书车·拐峪村", startsIn: -2 * 86_400, mode: .open, now: clock.now(), on: app.db)
            stop.kind = .mobileLibrary
            stop.$village.id = f.micunVillage.id
            stop.heldInPath = f.micunVillage.path
            try await stop.save(on: app.db)
            let show = try await Activity.mock(f.library, title: "演出", startsIn: -2 * 86_400, mode: .open, now: clock.now(), on: app.db)
            let librarian = try await Browser.signedIn(app, as: "librarian")
            let saved = try await librarian.post(SiteURL.activities(.staffBooks(.id(stop.id!))).path, [("books", "120")])
            let wrongKind = try await librarian.post(SiteURL.activities(.staffBooks(.id(show.id!))).path, [("books", "5")])
            let negative = try await librarian.post(SiteURL.activities(.staffBooks(.id(stop.id!))).path, [("books", "-3")])
            let coverage = try await Browser.signedIn(app, as: "admin").get(SiteURL.mobileServices(.index).path).body.string

            #expect(saved.status == .seeOther && wrongKind.status == .seeOther && negative.status == .seeOther)
            #expect(try await Activity.find(stop.id, on: app.db)?.booksLent == 120, "the refused entry changed nothing")
            #expect(try await Activity.find(show.id, on: app.db)?.booksLent == nil)
            #expect(coverage.contains("借出图书 120 册") && coverage.contains("共开展流动服务 1 场"))
        }
    }
}
