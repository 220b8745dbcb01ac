import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Issue #20 point 6: a password change ends the other sessions and revokes the tokens; a bureau
/// administrator deactivates, reactivates and moves staff accounts, never the last administrator.
@Suite struct AccountLifecycleTests {
    static func account(_ login: String, on db: any Database) async throws -> Account {
        try #require(try await Account.query(on: db).filter(\.$login == login).first())
    }

    static func isSignedOut(_ browser: Browser) async throws -> Bool {
        let response = try await browser.get(SiteURL.venues(.staffIndex).path)
        return response.status == .seeOther && (response.location ?? "").hasPrefix(SiteURL.login.path)
    }

    static func events(_ action: String, on db: any Database) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: db).filter(\.$action == action).all()
    }

    @Test func changingOnesPasswordEndsOtherSessionsAndRevokesTokens() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let here = try await Browser.signedIn(app, as: "chengguan")
            let elsewhere = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let venue = "/api/v1/manage/venues/\(f.chengguanStation.id!)"
            #expect(try await api.send(.GET, venue).status == .ok)

            try await here.get(SiteURL.accounts(.home).path)
            let changed = try await here.post(SiteURL.accounts(.password).path, [
                ("current", Fixtures.password), ("password", "Cg2026new!"), ("confirm", "Cg2026new!"),
            ])
            #expect(changed.status == .seeOther)
            #expect(try await here.get(SiteURL.accounts(.home).path).body.string.contains("其他设备上的登录已退出"))
            #expect(try await here.get(SiteURL.venues(.staffIndex).path).status == .ok, "the current session stays")
            #expect(try await Self.isSignedOut(elsewhere), "every other session ends")
            #expect(try await api.send(.GET, venue).status == .unauthorized, "every token is revoked")
            let event = try #require(try await Self.events("account.password", on: app.db).first)
            #expect(event.summary.contains("changed by the holder") && event.summary.contains("1 API token(s) revoked"))
        }
    }

    @Test func anAdminResetEndsEverySessionAndRevokesTokens() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let admin = try await Browser.signedIn(app, as: "admin")
            let target = try await Self.account("chengguan", on: app.db)
            let reset = try await admin.post(SiteURL.accounts(.staffPassword(.id(target.id!))).path, [("password", "Temp2026x")])
            #expect(reset.status == .seeOther)
            #expect(try await Self.isSignedOut(chengguan))
            #expect(try await api.send(.GET, "/api/v1/manage/venues/\(f.chengguanStation.id!)").status == .unauthorized)
            #expect(try await admin.get(SiteURL.accounts(.staffIndex).path).status == .ok, "the admin's own session is untouched")
            let event = try #require(try await Self.events("account.password", on: app.db).first)
            #expect(event.summary.contains("reset by an administrator") && event.actor.hasPrefix("admin"))
        }
    }

    @Test func aDeactivatedAccountIsRefusedAtOnceAndCannotSignIn() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let venue = "/api/v1/manage/venues/\(f.chengguanStation.id!)"
            let admin = try await Browser.signedIn(app, as: "admin")
            let id = try await Self.account("chengguan", on: app.db).id!
            #expect(try await admin.get(SiteURL.accounts(.staffEdit(.id(id))).path).body.string.contains("停用账号"))

            #expect(try await admin.post(SiteURL.accounts(.staffDeactivate(.id(id))).path, []).status == .seeOther)
            #expect(try await Self.isSignedOut(chengguan), "the open session is refused on its next request")
            #expect(try await api.send(.GET, venue).status == .unauthorized, "and so is the token")
            let list = try await admin.get(SiteURL.accounts(.staffIndex).path).body.string
            #expect(list.contains("已停用"))

            // An anonymous caller learns nothing beyond "wrong login or password".
            let deactivated = try await Browser(app).login("chengguan")
            let unknown = try await Browser(app).login("nobody_here")
            #expect(deactivated.status == .unprocessableEntity && deactivated.body.string.contains("手机号（用户名）或密码不正确。"))
            #expect(!deactivated.body.string.contains("停用"))
            #expect(deactivated.status == unknown.status)
            let event = try #require(try await Self.events("account.deactivate", on: app.db).first)
            #expect(event.summary.contains("active: yes → no") && event.summary.contains("1 API token(s) revoked"))

            #expect(try await admin.post(SiteURL.accounts(.staffReactivate(.id(id))).path, []).status == .seeOther)
            #expect(try await Browser(app).login("chengguan").status == .seeOther)
            #expect(try await api.send(.GET, venue).status == .unauthorized, "old tokens stay revoked")
            #expect(try await Self.events("account.reactivate", on: app.db).count == 1)
        }
    }

    @Test func aRoleAndScopeChangeAppliesAtTheNextRequest() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let own = SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path
            let other = SiteURL.venues(.staffShow(.id(f.micunStation.id!))).path
            #expect(try await chengguan.get(own).status == .ok)
            #expect(try await chengguan.get(other).status == .notFound)
            let admin = try await Browser.signedIn(app, as: "admin")
            let id = try await Self.account("chengguan", on: app.db).id!
            let url = SiteURL.accounts(.staffEdit(.id(id))).path

            let wrongLevel = try await admin.post(url, [
                ("role", "townshipManager"), ("scopeRegion", f.micunVillage.id!.uuidString),
            ])
            #expect(wrongLevel.status == .unprocessableEntity && wrongLevel.body.string.contains("应选择一个乡镇"))
            let noVenue = try await admin.post(url, [("role", "venueManager"), ("scopeVenue", "")])
            #expect(noVenue.status == .unprocessableEntity)
            let citizen = try await admin.post(url, [("role", "citizen")])
            #expect(citizen.status == .unprocessableEntity && citizen.body.string.contains("不能改为群众账号"))
            #expect(try await Self.account("chengguan", on: app.db).role == .townshipManager, "nothing is saved")

            let moved = try await admin.post(url, [("role", "venueManager"), ("scopeVenue", f.micunStation.id!.uuidString)])
            #expect(moved.status == .seeOther)
            #expect(try await chengguan.get(own).status == .notFound, "the open session reads the new scope")
            #expect(try await chengguan.get(other).status == .ok)
            #expect(try await api.send(.GET, "/api/v1/manage/venues/\(f.chengguanStation.id!)").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/manage/venues/\(f.micunStation.id!)").status == .ok)
            let event = try #require(try await Self.events("account.role", on: app.db).first)
            #expect(event.summary == "role: townshipManager; scope: 城关镇 → role: venueManager; scope: 米村镇综合文化站")
        }
    }

    @Test func noAdminDeactivatesThemselvesOrDemotesTheLastAdmin() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let me = try await Self.account("admin", on: app.db).id!
            let own = try await admin.post(SiteURL.accounts(.staffDeactivate(.id(me))).path, [])
            #expect(own.status == .conflict && own.body.string.contains("不能停用自己正在使用的账号"))
            let demote = [("role", "townshipManager"), ("scopeRegion", f.chengguan.id!.uuidString)]
            let last = try await admin.post(SiteURL.accounts(.staffEdit(.id(me))).path, demote)
            #expect(last.status == .unprocessableEntity && last.body.string.contains("最后一位在用的局管理员"))
            admin.acceptLanguage = "en"
            let english = try await admin.post(SiteURL.accounts(.staffEdit(.id(me))).path, demote)
            #expect(english.body.string.contains("last active bureau administrator"))
            admin.acceptLanguage = "zh-CN"
            #expect(try await Self.account("admin", on: app.db).role == .bureauAdmin)

            // A deactivated second admin does not count; an active one does.
            let second = Account(login: "admin2", displayName: "admin2", passwordHash: "x", role: .bureauAdmin)
            second.$scopeRegion.id = f.city.id
            second.scopePath = f.city.path
            second.isActive = false
            try await second.create(on: app.db)
            #expect(try await admin.post(SiteURL.accounts(.staffEdit(.id(me))).path, demote).status == .unprocessableEntity)
            #expect(try await admin.post(SiteURL.accounts(.staffReactivate(.id(second.id!))).path, []).status == .seeOther)
            #expect(try await admin.post(SiteURL.accounts(.staffEdit(.id(me))).path, demote).status == .seeOther)
            #expect(try await admin.get(SiteURL.accounts(.staffIndex).path).status == .forbidden, "demoted at the next request")
        }
    }

    @Test func onlyBureauAdminsManageAccountsAndCitizensAreNotTheirs() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let micun = try await Self.account("micun", on: app.db).id!
            let citizen = try await Self.account("13800000001", on: app.db).id!
            let manager = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await manager.get(SiteURL.accounts(.staffEdit(.id(micun))).path).status == .forbidden)
            #expect(try await manager.post(SiteURL.accounts(.staffDeactivate(.id(micun))).path, []).status == .forbidden)
            #expect(try await manager.post(SiteURL.accounts(.staffReactivate(.id(micun))).path, []).status == .forbidden)
            let promote = try await manager.post(SiteURL.accounts(.staffEdit(.id(micun))).path, [("role", "bureauAdmin")])
            #expect(promote.status == .forbidden)
            #expect(try await Self.account("micun", on: app.db).isActive)
            let admin = try await Browser.signedIn(app, as: "admin")
            #expect(try await admin.get(SiteURL.accounts(.staffEdit(.id(citizen))).path).status == .notFound)
            #expect(try await admin.post(SiteURL.accounts(.staffDeactivate(.id(citizen))).path, []).status == .notFound)
        }
    }

    @Test func twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let second = Account(login: "admin2", displayName: "admin2", passwordHash: "x", role: .bureauAdmin)
            second.$scopeRegion.id = f.city.id
            second.scopePath = f.city.path
            try await second.create(on: app.db)
            let first = try await Self.account("admin", on: app.db)
            let demote = StaffAccountInput(role: "townshipManager", scopeRegion: f.chengguan.id!.uuidString)
            let pairs = [(first, second), (second, first)]
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for (actor, target) in pairs {
                    group.addTask {
                        let staff = Staff(account: actor, scope: .region(path: f.city.path))
                        return (try? await AccountLifecycle.changeRole(target, demote, by: staff, lang: .zh, on: app.db)) == true
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "exactly one demotion goes through")
            let admins = try await Account.query(on: app.db).filter(\.$role == .bureauAdmin).filter(\.$isActive == true).count()
            #expect(admins == 1)
        }
    }
}
