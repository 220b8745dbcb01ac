import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct AuditLogTests {
    private func events(_ app: Application) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: app.db).sort(\.$seq).all()
    }

    @Test func signInsWritesAndCheckInsAreLoggedWithWhoAndWhat() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let start = try await events(app).count
            _ = try await Browser(app).login("chengguan", "wrong-password")
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let patched = try await api.send(.PATCH, "/api/v1/spaces/\(f.chengguanSpace.id!)", json: #"{"capacity":80}"#)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: 3600, now: clock.now(), on: app.db)
            let citizen = try await Citizens.make(1, on: app)[0]
            let registered = try await APIClient(app: app, token: citizen).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let code = try #require(registered.body.string.firstMatch(of: /"checkInToken":"([^"]+)"/)?.1)
            let checkedIn = try await api.send(.POST, "/api/v1/activities/\(activity.id!)/checkins", json: #"{"token":"\#(code)"}"#)
            _ = staff

            let log = Array(try await events(app).dropFirst(start))
            #expect(patched.status == .ok && checkedIn.status == .ok)
            let failure = try #require(log.first { $0.action == "login.failure" })
            #expect(failure.summary == "wrong password" && failure.actor.hasPrefix("chengguan"))
            #expect(log.contains { $0.action == "login.success" && $0.actor.hasPrefix("chengguan") })
            let update = try #require(log.first { $0.action == "update" && $0.entity == "spaces" })
            #expect(update.summary.contains(#""capacity":["100","80"]"#) && update.actor.hasPrefix("chengguan"), "before and after, and who: \(update.actor)")
            let registration = try #require(log.first { $0.action == "create" && $0.entity == "registrations" })
            #expect(registration.actor.contains("citizen") && registration.actor.contains("****"), "the citizen, with the phone masked")
            #expect(log.contains { $0.action == "checkin" && $0.entityID == registration.entityID })
            #expect(!log.contains { $0.summary.contains("password_hash") || $0.summary.contains("$2b$") }, "secrets never reach the log")
            #expect(try await AuditLog.verify(on: app.db).firstBreak == nil)
        }
    }

    @Test func anEditedDeletedOrTruncatedEventBreaksTheChainThere() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            for i in 0..<5 { try await AuditLog.record(action: "test", entity: "t", entityID: String(i), summary: "event \(i)", on: app.db) }
            let sql = app.db as! any SQLDatabase
            let all = try await events(app)
            #expect(all.count >= 5 && all.map(\.seq) == Array(1...Int64(all.count)))
            let before = try await AuditLog.verify(on: app.db)
            #expect(before.firstBreak == nil && before.checked == all.count)

            let target = all[all.count - 3].seq
            try await sql.raw("UPDATE audit_events SET summary = 'quietly changed' WHERE seq = \(bind: target)").run()
            #expect(try await AuditLog.verify(on: app.db).firstBreak == .altered(seq: target))

            try await sql.raw("DELETE FROM audit_events WHERE seq = \(bind: target)").run()
            #expect(try await AuditLog.verify(on: app.db).firstBreak == .gap(expected: target, found: target + 1))

            try await sql.raw("DELETE FROM audit_events WHERE seq >= \(bind: target)").run()
            #expect(try await AuditLog.verify(on: app.db).firstBreak == .truncated(expectedLast: all.last!.seq, foundLast: target - 1))
            // Let the test helper's own chain check pass: restore a consistent head.
            let last = try #require(try await events(app).last)
            try await sql.raw("UPDATE audit_head SET last_seq = \(bind: last.seq), last_hash = \(bind: last.hash) WHERE id = 1").run()
        }
    }

    @Test func retentionRemovesOldEventsAndTheRestStillVerifies() async throws {
        try await withTestApp { app, clock in
            let old = clock.now().addingTimeInterval(-400 * 86_400)
            try await app.db.writeTransaction { tx in
                try await AuditLog.append((0..<3).map { AuditLog.entry(action: "old", entity: "t", entityID: String($0), summary: "", by: .system) }, at: old, on: tx)
                try await AuditLog.append([AuditLog.entry(action: "recent", entity: "t", entityID: "r", summary: "", by: .system)], at: clock.now(), on: tx)
            }
            let tooShort = try await AuditLog.purge(olderThan: 30, now: clock.now().addingTimeInterval(-300 * 86_400), on: app.db)
            let removed = try await AuditLog.purge(olderThan: 365, now: clock.now(), on: app.db)
            let left = try await events(app)

            #expect(tooShort == 0, "never fewer than 180 days are kept")
            #expect(removed == 3 && left.map(\.action) == ["recent"])
            #expect(try await AuditLog.verify(on: app.db) == AuditLog.Verification(checked: 1, firstBreak: nil))
        }
    }

    @Test func onlyTheBureauAdminBrowsesFiltersExportsAndVerifiesTheLog() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            _ = try await Browser(app).login("micun", "wrong-password")
            let admin = try await Browser.signedIn(app, as: "admin")
            let township = try await Browser.signedIn(app, as: "chengguan")

            let failures = try await admin.get(SiteURL.audit(.index).with([("action", "login.failure")])).body.string
            let all = try await admin.get(SiteURL.audit(.index).path).body.string
            let csv = try await admin.get(SiteURL.audit(.export).with([("action", "login.failure")]))
            let refused = try await township.get(SiteURL.audit(.index).path)
            let refusedExport = try await township.get(SiteURL.audit(.export).path)
            let badFilter = try await admin.get(SiteURL.audit(.index).with([("action", "drop table")]))
            let verified = try await admin.post(SiteURL.audit(.verify).path, [])
            let afterVerify = try await admin.get(SiteURL.audit(.index).path).body.string

            #expect(failures.contains("<td>登录失败</td>") && failures.contains("micun") && !failures.contains("<td>登录成功</td>"))
            #expect(all.contains("<td>登录成功</td>") && all.contains("审计日志"))
            #expect(csv.status == .ok && csv.headers.contentType?.description.contains("text/csv") == true)
            #expect(csv.body.string.hasPrefix("\u{FEFF}seq,time,actor") && csv.body.string.contains("wrong password"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "export").count() == 1, "the export is itself logged")
            #expect(refused.status == .forbidden && refusedExport.status == .forbidden)
            #expect(badFilter.status == .badRequest && badFilter.body.string.contains("不认识的动作"))
            #expect(verified.status == .seeOther && afterVerify.contains("校验通过"))
        }
    }

    @Test func csvFieldsAreQuotedAndFormulasNeutralised() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(CSV.field("-1") == "'-1")
    }

    @Test func summariesAreValidSortedJSONWithSecretsLeftOutAndNumbersMasked() throws {
        let text = AuditSummary.render(["name": "东关村\"广场\"舞队\n二队", "capacity": "80", "id": "x"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        #expect(parsed == ["name": "东关村\"广场\"舞队\n二队", "capacity": "80"] && text.hasPrefix("{\"capacity\""))
        let change = AuditSummary.render(changes: ["capacity": "80", "name": "同名"], before: ["capacity": "60", "name": "同名"])
        #expect(change == #"{"capacity":["60","80"]}"#, "unchanged columns are left out")
        #expect(AuditSummary.mask("password_hash", "$2b$12$abc") == nil && AuditSummary.mask("token_hash", "ab") == nil)
        #expect(AuditSummary.mask("phone", "13812345678") == "****5678")
    }
}
