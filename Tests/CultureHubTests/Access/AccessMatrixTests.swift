import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Every id-bearing route × every demo role × a record inside and outside the role's scope
/// (issue #19, R9.1). The expected answer comes from the test's own statement of the rule
/// (`AccessExpectation`), not from the app's code, on SQLite and PostgreSQL alike.
@Suite struct AccessMatrixTests {
    static let groups = 6

    @Test func everyRouteThatNamesARecordIsInTheMatrix() async throws {
        try await withTestApp { app, _ in
            let registered = Set(app.routes.all.filter { $0.path.contains { if case .parameter = $0 { true } else { false } } }
                .map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") })
            let listed = Set(AccessMatrix.routes.keys)
            #expect(registered.subtracting(listed).sorted() == [], "routes missing from AccessMatrix.routes")
            #expect(listed.subtracting(registered).sorted() == [], "AccessMatrix lists routes the app no longer has")
        }
    }

    @Test(arguments: 0..<groups)
    func accessMatrix(_ group: Int) async throws {
        // Photos are among the records tried, so their files go to a directory of the test's own.
        try await withTestApp(settings: UploadAccessTests.temporaryData) { app, clock in
            let world = try await AccessWorld.make(app, now: clock.now())
            let actors = try await AccessActor.all(world)
            let keys = AccessMatrix.routes.keys.sorted().enumerated().filter { $0.offset % Self.groups == group }.map(\.element)
            var mismatches: [String] = []
            for key in keys {
                let (kind, rule) = AccessMatrix.routes[key]!
                if case .special = rule { continue }
                let parts = key.split(separator: " ", maxSplits: 1)
                let method = HTTPMethod(rawValue: String(parts[0]))
                for actor in actors {
                    for home in actor.targets {
                        for made in try await world.variants(kind, at: home) {
                            let path = Self.fill(String(parts[1]), made.params)
                            let status = try await actor.send(method, path)
                            let expected = AccessExpectation(world: world, actor: actor, isAPI: path.hasPrefix("/api/"))
                                .outcome(rule, made.placement, method: method)
                            if !expected.accepts(status) {
                                let tried = "\(key) as \(actor.name) on \(home.rawValue)\(made.placement.variant)"
                                mismatches.append("\(tried): got \(status.code), expected \(expected)")
                            }
                        }
                    }
                }
            }
            let report = mismatches.prefix(80).joined(separator: "\n")
            #expect(mismatches.isEmpty, "\(mismatches.count) answers differ:\n\(report)")
        }
    }

    static func fill(_ pattern: String, _ params: [String: String]) -> String {
        pattern.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? (params[String(part.dropFirst())] ?? String(part)) : String(part)
        }.joined(separator: "/")
    }
}

/// One demo role with a signed-in browser and an API token, and the homes it is tried on: its own
/// place first, then one outside its scope (for a venue account, a venue of its own township).
struct AccessActor {
    enum Kind { case visitor, owner, otherCitizen, staff(Role, Scope) }

    let name: String
    let kind: Kind
    let targets: [Home]
    let browser: Browser
    let api: APIClient

    static func all(_ w: AccessWorld) async throws -> [AccessActor] {
        let f = w.f
        let staff: [(String, Role, Scope, [Home])] = [
            ("admin", .bureauAdmin, .region(path: f.city.path), [.cgStation]),
            ("evaluator", .evaluator, .region(path: f.city.path), [.cgStation]),
            ("thirdparty", .thirdPartyEvaluator, .region(path: f.city.path), [.cgStation]),
            ("chengguan", .townshipManager, .region(path: f.chengguan.path), [.cgStation, .mcStation]),
            ("micun", .townshipManager, .region(path: f.micun.path), [.mcStation, .cgCentre]),
            ("librarian", .venueManager, .venue(id: f.library.id!, regionPath: f.library.regionPath), [.library, .cgStation]),
            ("cgstation", .venueManager, .venue(id: f.chengguanStation.id!, regionPath: f.chengguanStation.regionPath), [.cgStation, .cgCentre]),
            ("cgvillage", .villageStaff, .region(path: f.chengguanVillage.path), [.cgCentre, .mcCentre]),
        ]
        var out: [AccessActor] = [
            AccessActor(name: "visitor", kind: .visitor, targets: [.cgStation], browser: Browser(w.app), api: APIClient(app: w.app)),
            try await signedIn(w, "13800000001", .owner, [.cgStation]),
            try await signedIn(w, "13800000002", .otherCitizen, [.cgStation]),
        ]
        for (login, role, scope, targets) in staff {
            out.append(try await signedIn(w, login, .staff(role, scope), targets))
        }
        return out
    }

    private static func signedIn(_ w: AccessWorld, _ login: String, _ kind: Kind, _ targets: [Home]) async throws -> AccessActor {
        AccessActor(name: login, kind: kind, targets: targets, browser: try await Browser.signedIn(w.app, as: login),
                    api: APIClient(app: w.app, token: try await Fixtures.token(for: login, on: w.db)))
    }

    func send(_ method: HTTPMethod, _ path: String) async throws -> HTTPResponseStatus {
        if path.hasPrefix("/api/") {
            return try await api.send(method, path, json: method == .GET ? nil : "{}").status
        }
        return method == .GET ? try await browser.get(path).status : try await browser.post(path, []).status
    }
}

/// What an answer should be; `allowed` accepts any answer that is not a refusal of access
/// (a validation error or a conflict means the request got past the access rule).
enum Outcome: CustomStringConvertible {
    case ok, allowed, notFound, forbidden, signIn, anyBelow500

    func accepts(_ status: HTTPResponseStatus) -> Bool {
        switch self {
        case .ok: status == .ok || status == .seeOther
        case .allowed: status.code < 500 && ![401, 403, 404].contains(status.code)
        case .notFound: status == .notFound
        case .forbidden: status == .forbidden
        case .signIn: status == .unauthorized || status == .seeOther || status == .found
        case .anyBelow500: status.code < 500
        }
    }

    var description: String {
        switch self {
        case .ok: "200"; case .allowed: "allowed (not 401/403/404/5xx)"; case .notFound: "404"; case .forbidden: "403"
        case .signIn: "sign in (303/401)"; case .anyBelow500: "< 500"
        }
    }
}

/// The access rule as the README states it, restated here independently of `Core/Access`.
struct AccessExpectation {
    let world: AccessWorld
    let actor: AccessActor
    let isAPI: Bool

    func outcome(_ rule: AccessRule, _ placement: Placement, method: HTTPMethod) -> Outcome {
        if rule == .publishedRun {
            guard case .run(let published, _) = placement else { return .notFound }
            return published ? .ok : .notFound
        }
        let isStaffRule = ![.publicRead, .citizenAction, .publicAction, .own].contains(rule)
        switch actor.kind {
        case .visitor:
            return rule == .publicRead ? .ok : rule == .publicAction ? .anyBelow500 : .signIn
        case .owner, .otherCitizen:
            switch rule {
            case .publicRead: return .ok
            case .citizenAction, .publicAction: return .anyBelow500
            case .own:
                if case .owner = actor.kind { return method == .GET ? .ok : .allowed }
                return .notFound
            default: return isStaffRule ? .forbidden : .anyBelow500
            }
        case .staff(let role, let scope):
            return staffOutcome(rule, placement, role: role, scope: scope)
        }
    }

    private func staffOutcome(_ rule: AccessRule, _ placement: Placement, role: Role, scope: Scope) -> Outcome {
        let read: (Bool) -> Outcome = { $0 ? .ok : .notFound }
        let write: (Bool) -> Outcome = { $0 ? .allowed : .forbidden }
        switch rule {
        case .publicRead: return .ok
        case .citizenAction, .publicAction: return .anyBelow500
        case .own: return .notFound
        case .special: return .anyBelow500
        case .staffRead, .orderRead, .circulationRead: return read(reads(placement, scope))
        case .staffWrite(let capability): return write(role.may(capability) && reads(placement, scope))
        case .regionRead: return read(within(path(placement), readablePath(scope)))
        case .regionReadAlongLine:
            let p = path(placement), r = readablePath(scope)
            return read(within(p, r) || within(r, p))
        case .regionWrite: return write(role.may(.editRegistry) && covers(path(placement), scope))
        case .guidance: return write(role.may(.editRegistry) && (covers(path(placement), scope) || guides(path(placement), scope)))
        case .courseAttendance:
            let p = path(placement), r = readablePath(scope)
            return write(role.may(.editRegistry) && (within(p, r) || within(r, p)))
        case .orderStep(let side):
            guard case .order(let villagePath, let venue) = placement else { return .forbidden }
            let village = inRegion(villagePath, scope), serving = holds(venue, scope)
            let onSide = side == .village ? village : side == .venue ? serving : village || serving
            return write(role.may(.decideOrders) && onSide)
        case .circulationSender:
            guard case .circulation(let from, _) = placement else { return .forbidden }
            return write(role.may(.editRegistry) && holds(from, scope))
        case .surveyPaper: return write((role.may(.designSurveys) || role.may(.handleFeedback)) && reads(placement, scope))
        case .capability(let capability): return role.may(capability) ? .ok : .forbidden
        case .runRead:
            guard case .run(let published, let unit) = placement else { return .notFound }
            let visible = (published || role.may(.evaluate)) && (unit.map { reads(unitPlacement($0), scope) } ?? true)
            // A draft has no comparison with today's data yet: the diff answers 409 or goes back to the run.
            return visible ? (published ? .ok : .allowed) : .notFound
        case .publishedRun: return .notFound
        }
    }

    private func within(_ path: String, _ ancestor: String) -> Bool { path.hasPrefix(ancestor) }

    private func holds(_ home: Home, _ scope: Scope) -> Bool {
        switch scope {
        case .region(let p): within(world.venue(home).regionPath, p)
        case .venue(let id, _): world.venue(home).id == id
        }
    }

    private func inRegion(_ path: String, _ scope: Scope) -> Bool {
        if case .region(let p) = scope { return within(path, p) }
        return false
    }

    private func covers(_ path: String, _ scope: Scope) -> Bool { inRegion(path, scope) }

    private func guides(_ path: String, _ scope: Scope) -> Bool {
        guard case .venue(let id, let regionPath) = scope,
              let venue = Home.allCases.map(world.venue).first(where: { $0.id == id }),
              [.culturalCentre, .townshipStation].contains(venue.type) else { return false }
        return within(path, regionPath)
    }

    private func readablePath(_ scope: Scope) -> String {
        switch scope {
        case .region(let p): p
        case .venue(_, let regionPath): regionPath
        }
    }

    private func path(_ placement: Placement) -> String {
        switch placement {
        case .regionOnly(let p), .place(let p): p
        case .held(let h): world.venue(h).regionPath
        case .order(let village, _): village
        case .circulation(let from, _): world.venue(from).regionPath
        case .own: "/"
        case .run, .cityWide: "/"
        }
    }

    /// Where a unit of an evaluation run lies: a city venue's figures are the venue's, a township's
    /// the whole township's (which no venue account holds, its station included).
    private func unitPlacement(_ home: Home) -> Placement {
        switch home {
        case .library: .held(.library)
        case .mcStation, .mcCentre: .place(world.f.micun.path)
        case .cgStation, .cgCentre: .place(world.f.chengguan.path)
        }
    }

    private func reads(_ placement: Placement, _ scope: Scope) -> Bool {
        switch placement {
        case .held(let h): holds(h, scope)
        case .place(let p): inRegion(p, scope)
        case .regionOnly(let p): within(p, readablePath(scope))
        case .order(let village, let venue): inRegion(village, scope) || holds(venue, scope)
        case .circulation(let from, let to): holds(from, scope) || holds(to, scope)
        case .own: false
        // The city's own: nothing narrows them by place, only the capability (or a run's state).
        case .run, .cityWide: true
        }
    }
}
