import Fluent
import Foundation
import KPIMetrics
import Vapor
@testable import CultureHub

/// Records whose access is not a region or a venue alone: evaluation runs and schemes, staff
/// accounts, API tokens, volunteers seen through their organisations, and uploaded photos.
extension AccessWorld {
    /// The records a request is tried on for one home. An evaluation run is visible by its state,
    /// not its place, so each home gets a published run and a draft; every other kind gets one record.
    func variants(_ kind: RecordKind, at home: Home) async throws -> [MadeRecord] {
        switch kind {
        case .run, .runUnit:
            return [try await run(published: true, unit: home, kind), try await run(published: false, unit: home, kind)]
        default:
            return [try await make(kind, at: home)]
        }
    }

    func makeSpecial(_ kind: RecordKind, at home: Home) async throws -> MadeRecord {
        let v = venue(home)
        switch kind {
        case .activityPhoto:
            let a = try await Activity.mock(v, now: now, on: db)
            a.photoPath = try UploadAccessTests.storedPhoto(app)
            try await a.update(on: db)
            return MadeRecord(params: ["id": a.id!.uuidString], placement: .held(home))
        case .upload:
            // Headcount evidence, which unlike the public photo stays with staff in scope.
            let a = try await Activity.mock(v, startsIn: -7200, mode: .open, now: now, on: db)
            a.headcount = 40
            a.headcountPhotoPath = try UploadAccessTests.storedPhoto(app)
            try await a.update(on: db)
            return MadeRecord(params: ["name": a.headcountPhotoPath!], placement: .held(home))
        case .complaintPhoto, .ownComplaintPhoto:
            let made = try await make(kind == .complaintPhoto ? .complaint : .ownComplaint, at: home)
            let c = try await Complaint.find(UUID(uuidString: made.params["id"]!), on: db)!
            c.photoPath = try UploadAccessTests.storedPhoto(app)
            try await c.update(on: db)
            return made
        case .ownToken:
            let (token, _) = try await APITokens.issue(for: owner, name: "脚本", expiresAt: Date().addingTimeInterval(86_400),
                                                      canWrite: false, on: db)
            return MadeRecord(params: ["id": token.id!.uuidString], placement: .own)
        case .staffAccount:
            let a = Account(login: "staff-\(UUID().uuidString.prefix(8))", displayName: "王站长", passwordHash: "-", role: .venueManager)
            a.$scopeVenue.id = v.id
            a.scopePath = v.regionPath
            try await a.create(on: db)
            return MadeRecord(params: ["id": a.id!.uuidString], placement: .held(home))
        case .volunteer:
            return MadeRecord(params: ["id": try await volunteer(at: v).uuidString], placement: .held(home))
        case .scheme:
            return MadeRecord(params: ["type": PeriodType.month.rawValue], placement: .cityWide)
        case .evaluationTable:
            return MadeRecord(params: ["table": "integrity", "format": "csv"], placement: .cityWide)
        case .run, .runUnit:
            return try await run(published: true, unit: home, kind)
        default:
            preconditionFailure("\(kind) is made by AccessWorld.make")
        }
    }

    /// A citizen of their own (so no other test's record puts them in anyone's scope) approved by
    /// an organisation based at the venue: a volunteer is seen through the organisations in scope.
    private func volunteer(at v: Venue) async throws -> UUID {
        let person = Account(login: "139\(Int.random(in: 10_000_000...99_999_999))", displayName: "刘志愿", passwordHash: "-", role: .citizen)
        try await person.create(on: db)
        let org = VolunteerOrg()
        org.$venue.id = v.id!; org.regionPath = v.regionPath; org.name = "\(v.name)志愿服务队\(UUID().uuidString.prefix(12))"
        org.leaderName = "赵队长"; org.leaderPhone = ""; org.scopeNote = ""; org.createdAt = now
        try await org.create(on: db)
        let a = VolunteerApplication()
        a.$org.id = org.id!; a.$account.id = person.id!; a.regionPath = v.regionPath; a.skillCodes = ""; a.availability = "周末"
        a.areas = ""; a.status = .approved; a.reason = ""; a.createdAt = now
        try await a.create(on: db)
        return person.id!
    }

    /// A month's run over both townships and the library, each with an empty score. Every run has
    /// a month of its own from January 2000 on, since a period is published once.
    private func run(published: Bool, unit home: Home, _ kind: RecordKind) async throws -> MadeRecord {
        let n = try await EvaluationRun.query(on: db).count()
        let period = EvaluationPeriod(type: .month, key: String(format: "%04d-%02d", 2000 + n / 12, n % 12 + 1))!
        let scheme = try await EvaluationDesk.currentScheme(.month, now: now, on: db)
        let units = [EvaluationUnit(kind: .township, id: f.chengguan.id!, name: f.chengguan.name, path: f.chengguan.path, openedOn: nil),
                     EvaluationUnit(kind: .township, id: f.micun.id!, name: f.micun.name, path: f.micun.path, openedOn: nil),
                     EvaluationUnit(kind: .venue, id: f.library.id!, name: f.library.name, path: f.library.regionPath, openedOn: nil)]
        let parsed = try scheme.scheme
        let scored = units.map { u in
            EvaluationDesk.Scored(unit: u, inputs: UnitInputs(), exposure: 1,
                                  score: Scoring.score(parsed, measures: KPI.measures(UnitInputs(), unit: u.kind), inputs: UnitInputs()))
        }
        let run = try await EvaluationDesk.createRun(scored, scheme: scheme, period: period, status: published ? .published : .draft,
                                                    by: nil, now: now, on: db)
        var params = ["id": run.id!.uuidString, "step": "submit"]
        if kind == .runUnit {
            let unit = home == .library ? f.library.id! : home == .mcStation || home == .mcCentre ? f.micun.id! : f.chengguan.id!
            params["unit"] = unit.uuidString
            params["unitId"] = unit.uuidString
            return MadeRecord(params: params, placement: .run(published: published, unit: home))
        }
        return MadeRecord(params: params, placement: .run(published: published, unit: nil))
    }
}
