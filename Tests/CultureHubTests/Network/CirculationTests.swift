import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Resource circulation in the 总分馆 tree (R1.3). Clock: 2026-11-18.
@Suite struct CirculationTests {
    /// The library is the main venue; the Chengguan station its branch; the village centre a service point below that.
    static func tree(_ f: Fixtures, on db: any Database) async throws {
        f.chengguanStation.$parentVenue.id = f.library.id
        try await f.chengguanStation.save(on: db)
        f.chengguanVillageCentre.$parentVenue.id = f.chengguanStation.id
        try await f.chengguanVillageCentre.save(on: db)
    }

    @Test func sendDownTheTreeSeeItAtBothEndsAndRecordTheReturn() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Self.tree(f, on: app.db)
            let librarian = try await Browser.signedIn(app, as: "librarian")
            let base: [(String, String)] = [("from", f.library.id!.uuidString), ("to", f.chengguanVillageCentre.id!.uuidString), ("kind", "bookBatch"),
                                            ("description", "少儿图书第 3 批"), ("quantity", "300"), ("sentOn", "2026-11-18"), ("dueBack", "2027-01-18")]
            let notBelow = try await librarian.post(SiteURL.network(.staffCirculation).path, base.map { $0.0 == "to" ? ("to", f.micunStation.id!.uuidString) : $0 })
            let backwards = try await librarian.post(SiteURL.network(.staffCirculation).path, base.map { $0.0 == "dueBack" ? ("dueBack", "2026-11-01") : $0 })
            let sent = try await librarian.post(SiteURL.network(.staffCirculation).path, base)
            let batch = try #require(try await Circulation.query(on: app.db).first())
            let holder = try await Browser.signedIn(app, as: "cgvillage").get(SiteURL.network(.staffCirculation).path).body.string
            let other = try await Browser.signedIn(app, as: "micun")
            let hidden = try await other.get(SiteURL.network(.staffCirculationItem(.id(batch.id!))).path)
            let holderReturn = try await Browser.signedIn(app, as: "cgvillage").post(SiteURL.network(.staffCirculationReturn(.id(batch.id!))).path, [("returnedOn", "2026-11-18"), ("returnedQuantity", "300")])

            #expect(notBelow.status == .unprocessableEntity && notBelow.body.string.contains("下属的分馆或服务点"))
            #expect(backwards.status == .unprocessableEntity && backwards.body.string.contains("归还日期不能早于发出日期"))
            #expect(sent.status == .seeOther && batch.regionPath == f.chengguanVillage.path)
            #expect(holder.contains("少儿图书第 3 批") && holder.contains("300 册") && holder.contains("2027-01-18"))
            #expect(hidden.status == .notFound && holderReturn.status == .forbidden)

            clock.advance(by: 80 * 86_400) // 2027-02-06; staff passwords expire at 90 days
            let librarian2 = try await Browser.signedIn(app, as: "librarian")
            let overdue = try await librarian2.get(SiteURL.network(.staffCirculation).with([("show", "overdue")])).body.string
            let workbench = try await librarian2.get(SiteURL.staff.path).body.string
            let short = try await librarian2.post(SiteURL.network(.staffCirculationReturn(.id(batch.id!))).path, [("returnedOn", "2027-02-01"), ("returnedQuantity", "296")])
            let done = try await librarian2.post(SiteURL.network(.staffCirculationReturn(.id(batch.id!))).path,
                                                 [("returnedOn", "2027-02-01"), ("returnedQuantity", "296"), ("returnNote", "4 册破损，已按规定报损")])
            let again = try await librarian2.post(SiteURL.network(.staffCirculationReturn(.id(batch.id!))).path, [("returnedOn", "2027-02-01"), ("returnedQuantity", "296")])
            let returned = try #require(try await Circulation.find(batch.id, on: app.db))

            #expect(overdue.contains("逾期未还") && workbench.contains("批流转的图书、展览或设备已过归还日期"))
            #expect(short.status == .unprocessableEntity && short.body.string.contains("请说明缺少的原因"))
            #expect(done.status == .seeOther && returned.returnedQuantity == 296 && returned.returnedOn == "2027-02-01")
            #expect(again.status == .conflict)
        }
    }
}
