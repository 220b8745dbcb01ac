import Fluent
import Foundation
import Vapor
@testable import CultureHub

extension Activity {
    static func mock(_ venue: Venue, title: String = "周末豫剧折子戏专场", capacity: Int = 50, startsIn: TimeInterval = 3 * 86_400,
                     perAccount: Int = 5, mode: RegistrationMode = .required, space: Space? = nil, now: Date,
                     on db: any Database) async throws -> Activity {
        let a = Activity()
        a.$venue.id = venue.id!
        a.regionPath = venue.regionPath
        a.heldInPath = venue.regionPath
        a.$space.id = space?.id
        a.location = ""
        a.kind = .performance
        a.title = title
        a.details = "传统剧目演出"
        a.targetGroupCodes = TargetGroup.encode([.everyone, .elderly])
        a.startsAt = now.addingTimeInterval(startsIn)
        a.endsAt = now.addingTimeInterval(startsIn + 7200)
        a.registration = mode
        a.capacity = capacity
        a.confirmedPlaces = 0
        a.waitingPlaces = 0
        a.cancelDeadline = now.addingTimeInterval(startsIn - 7200)
        a.perAccountLimit = perAccount
        a.status = .published
        try await a.create(on: db)
        return a
    }
}

enum Citizens {
    /// `count` citizen accounts with API tokens, for concurrency tests.
    static func make(_ count: Int, from first: Int = 0, on app: Application) async throws -> [String] {
        try await app.db.writeTransaction { db in
            var tokens: [String] = []
            for i in first..<(first + count) {
                let a = Account(login: String(format: "139%08d", i), displayName: "群众\(i)", passwordHash: "x", role: .citizen)
                a.phoneVerifiedAt = Date(timeIntervalSince1970: 1_700_000_000)
                try await a.create(on: db)
                tokens.append(try await APITokens.issue(for: a, name: "t", expiresAt: .distantFuture, canWrite: true, on: db).1)
            }
            return tokens
        }
    }
}

enum Visits {
    /// A check-in of `login` at a past activity of `venue`: what lets a citizen rate the venue.
    static func record(_ login: String, at venue: Venue, now: Date, on db: any Database) async throws {
        let activity = try await Activity.mock(venue, title: "读者沙龙", startsIn: -5 * 3600, now: now, on: db)
        try await registration(of: login, at: activity, checkedInAt: now.addingTimeInterval(-4 * 3600), now: now, on: db)
    }

    /// A confirmed place of `login` on `activity`, made a day before `now`, checked in if given.
    static func registration(of login: String, at activity: Activity, checkedInAt: Date?, now: Date,
                             on db: any Database) async throws {
        let account = try await Account.query(on: db).filter(\.$login == login).first()!
        let r = Registration()
        r.$activity.id = activity.id!
        r.regionPath = activity.regionPath
        r.$account.id = account.id
        r.name = account.displayName
        r.phone = account.login
        r.places = 1
        r.status = .confirmed
        r.checkedInAt = checkedInAt
        r.createdAt = now.addingTimeInterval(-86_400)
        try await r.create(on: db)
    }
}
