import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct RegistrationTests {
    @Test func confirmsThenWaitlistsThenPromotesOnCancellation() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, capacity: 3, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(3, on: app)

            let first = try await APIClient(app: app, token: tokens[0]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":2}"#)
            let second = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":2}"#)
            let third = try await APIClient(app: app, token: tokens[2]).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            #expect(first.status == .created && first.body.string.contains("\"confirmed\""))
            #expect(second.body.string.contains("\"waitlisted\""), "2 places do not fit in the 1 left")
            #expect(third.body.string.contains("\"confirmed\""), "a smaller party still fits")

            let firstID = try JSONDecoder().decode(RegistrationDTO.self, from: Data(first.body.string.utf8)).id
            let cancel = try await APIClient(app: app, token: tokens[0]).send(.POST, "/api/v1/registrations/\(firstID)/cancel")
            #expect(cancel.status == .ok)

            let fresh = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(fresh.confirmedPlaces == 3 && fresh.waitingPlaces == 0, "the waiting pair moved up")
        }
    }

    @Test func refusesEachBadRegistrationWithItsOwnMessage() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, perAccount: 2, now: clock.now(), on: app.db)
            let past = try await Activity.mock(f.chengguanStation, startsIn: -86_400, now: clock.now(), on: app.db)
            let api = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])

            _ = try await api.send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let twice = try await api.send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let tooMany = try await api.send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":3}"#)
            let late = try await api.send(.POST, "/api/v1/activities/\(past.id!)/registrations", json: #"{"places":1}"#)

            #expect(twice.status == .conflict && twice.body.string.contains("无需重复报名"))
            #expect(tooMany.status == .unprocessableEntity && tooMany.errorFields["places"]?.contains("最多可报 2 人") == true)
            #expect(late.status == .conflict && late.body.string.contains("报名已截止"))
            let fresh = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(fresh.confirmedPlaces == 1, "nothing changed by the refused attempts")
        }
    }

    @Test func cancellingAfterTheDeadlineIsRefused() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: 3600, now: clock.now(), on: app.db)
            let api = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])
            let created = try await api.send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let id = try JSONDecoder().decode(RegistrationDTO.self, from: Data(created.body.string.utf8)).id

            let cancel = try await api.send(.POST, "/api/v1/registrations/\(id)/cancel")

            #expect(cancel.status == .conflict && cancel.body.string.contains("取消截止"))
        }
    }

    @Test func threeNoShowsBlockNewRegistrations() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let token = try await Citizens.make(1, on: app)[0]
            let api = APIClient(app: app, token: token)
            for i in 0..<3 {
                let a = try await Activity.mock(f.chengguanStation, title: "讲座\(i)", startsIn: 86_400, now: clock.now(), on: app.db)
                _ = try await api.send(.POST, "/api/v1/activities/\(a.id!)/registrations", json: #"{"places":1}"#)
                clock.advance(by: 3 * 86_400)
            }
            #expect(try await RegistrationDesk.sweepNoShows(now: clock.now(), on: app.db) == 3)
            let next = try await Activity.mock(f.chengguanStation, title: "新活动", now: clock.now(), on: app.db)

            let refused = try await api.send(.POST, "/api/v1/activities/\(next.id!)/registrations", json: #"{"places":1}"#)

            #expect(refused.status == .conflict && refused.body.string.contains("未到场"))
            clock.advance(by: 91 * 86_400)
            let later = try await Activity.mock(f.chengguanStation, title: "三个月后", now: clock.now(), on: app.db)
            #expect(try await api.send(.POST, "/api/v1/activities/\(later.id!)/registrations", json: #"{"places":1}"#).status == .created)
        }
    }

    @Test func threeHundredConcurrentRegistrationsFillExactlyFiftyPlaces() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, capacity: 50, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(300, on: app)

            let statuses = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for token in tokens {
                    group.addTask {
                        let r = try await APIClient(app: app, token: token).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
                        return (r.status, r.body.string)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(statuses.allSatisfy { $0.0 == .created }, "no errors: \(Set(statuses.map(\.0.code)))")
            #expect(statuses.filter { $0.1.contains("\"confirmed\"") }.count == 50)
            #expect(statuses.filter { $0.1.contains("\"waitlisted\"") }.count == 250)
            let confirmed = try await Registration.query(on: app.db).filter(\.$status == .confirmed).count()
            let fresh = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(confirmed == 50 && fresh.confirmedPlaces == 50 && fresh.waitingPlaces == 250)
        }
    }

    /// Concurrent requests are committed in batches: a batch must still refuse a second
    /// request from the same account and a blocked account, and fill groups in arrival order.
    @Test func concurrentDoubleSubmissionsAndBlockedAccountsAreRefusedOneByOne() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let blocked = try await Citizens.make(1, on: app)[0]
            for i in 0..<3 {
                let past = try await Activity.mock(f.chengguanStation, title: "讲座\(i)", startsIn: 86_400, now: clock.now(), on: app.db)
                _ = try await APIClient(app: app, token: blocked).send(.POST, "/api/v1/activities/\(past.id!)/registrations", json: #"{"places":1}"#)
                clock.advance(by: 3 * 86_400)
            }
            let activity = try await Activity.mock(f.chengguanStation, capacity: 30, perAccount: 2, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(60, from: 1, on: app)
            let path = "/api/v1/activities/\(activity.id!)/registrations"
            let requests: [(token: String, body: String)] = tokens.flatMap { [($0, #"{"places":1}"#), ($0, #"{"places":2}"#)] } + [(blocked, #"{"places":1}"#)]

            let replies = try await withThrowingTaskGroup(of: (String, HTTPStatus, String).self) { group in
                for request in requests {
                    let token = request.token, body = request.body
                    group.addTask {
                        let r = try await APIClient(app: app, token: token).send(.POST, path, json: body)
                        return (token, r.status, r.body.string)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            for token in tokens {
                let mine = replies.filter { $0.0 == token }
                #expect(mine.filter { $0.1 == .created }.count == 1, "one registration per account")
                #expect(mine.filter { $0.1 == .conflict && ($0.2.contains("无需重复报名") || $0.2.contains("候补名单中")) }.count == 1)
            }
            let refusal = try #require(replies.first { $0.0 == blocked })
            #expect(refusal.1 == .conflict && refusal.2.contains("未到场"))
            let rows = try await Registration.query(on: app.db).filter(\.$activity.$id == activity.id!).all()
            let confirmed = rows.filter { $0.status == .confirmed }.reduce(0) { $0 + $1.places }
            let waiting = rows.filter { $0.status == .waitlisted }.reduce(0) { $0 + $1.places }
            let fresh = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(rows.count == 60 && confirmed <= 30 && confirmed >= 29)
            #expect(fresh.confirmedPlaces == confirmed && fresh.waitingPlaces == waiting)
        }
    }

    @Test func concurrentCancellationsPromoteWithoutLosingOrDoublingPlaces() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, capacity: 50, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(120, on: app)
            var ids: [(String, UUID)] = []
            for token in tokens {
                let r = try await APIClient(app: app, token: token).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
                ids.append((token, try JSONDecoder().decode(RegistrationDTO.self, from: Data(r.body.string.utf8)).id))
                clock.advance(by: 1)
            }

            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (token, id) in ids.prefix(40) {
                    group.addTask { try await APIClient(app: app, token: token).send(.POST, "/api/v1/registrations/\(id)/cancel").status }
                }
                for try await status in group { #expect(status == .ok) }
            }

            let confirmed = try await Registration.query(on: app.db).filter(\.$status == .confirmed).count()
            let waiting = try await Registration.query(on: app.db).filter(\.$status == .waitlisted).count()
            let fresh = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(confirmed == 50 && fresh.confirmedPlaces == 50)
            #expect(waiting == 30 && fresh.waitingPlaces == 30)
            let promoted = try await Registration.query(on: app.db).filter(\.$status == .confirmed).sort(\.$createdAt).all()
            #expect(Set(promoted.map(\.id!)) == Set(ids[40..<90].map(\.1)), "the first 40 waiting moved up, in order")
        }
    }
}
