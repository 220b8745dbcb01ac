import Fluent
import Foundation
import SQLKit
import Vapor

/// A citizen's rights under the PIPL (issue #4): a copy of everything held about them, and
/// deleting the account. Deletion anonymises rather than removes: attendance and registration
/// counts stay right for the statistics, but nothing left points to the person.
enum PersonalDataController {
    struct Export: Content {
        struct Person: Content { let login: String; let name: String; let role: String; let createdAt: Date? }
        struct Entry: Content { let activity: String; let startsAt: Date; let places: Int; let status: String; let checkedInAt: Date?; let registeredAt: Date }
        struct Booking: Content { let space: String; let startsAt: Date; let endsAt: Date; let team: String; let purpose: String; let status: String; let reason: String }
        struct SignIn: Content { let at: Date; let action: String; let ip: String }
        struct Profile: Content { let birthDate: String?; let idNumber: String?; let disability: String?; let guardianName: String?; let guardianRelation: String?; let guardianPhone: String?; let guardianConsentAt: Date?; let homeVillageId: UUID? }
        struct RatingEntry: Content { let about: String; let score: Int; let comment: String; let hiddenReason: String?; let at: Date }
        struct ComplaintEntry: Content { let reference: String; let kind: String; let category: String; let text: String; let status: String; let answer: String; let at: Date }
        let exportedAt: Date
        let account: Person
        let profile: Profile?
        let registrations: [Entry]
        let bookings: [Booking]
        let signIns: [SignIn]
        let ratings: [RatingEntry]
        let complaints: [ComplaintEntry]
    }

    @Sendable static func download(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        let id = try account.requireID()
        let registrations = try await Registration.query(on: req.db).filter(\.$account.$id == id).with(\.$activity).sort(\.$createdAt).all()
        let bookings = try await SpaceBooking.query(on: req.db).filter(\.$account.$id == id).with(\.$space).sort(\.$startsAt).all()
        let signIns = try await AuditEvent.query(on: req.db).filter(\.$actorID == id).filter(\.$action ~~ ["login.success", "login.failure"])
            .sort(\.$seq, .descending).limit(500).all()
        let ratings = try await Rating.query(on: req.db).filter(\.$account.$id == id).with(\.$venue).with(\.$activity).sort(\.$createdAt).all()
        let complaints = try await Complaint.query(on: req.db).filter(\.$account.$id == id).sort(\.$createdAt).all()
        let cipher = req.application.fieldCipher
        let profile = try await ProfileController.load(account, on: req.db).map { p in
            Export.Profile(birthDate: p.birthDate,
                           idNumber: p.idNumberSealed.flatMap { cipher.openLogged($0, for: .residentID, row: p.id, req.logger) },
                           disability: p.disabilitySealed.flatMap { cipher.openLogged($0, for: .disability, row: p.id, req.logger) },
                           guardianName: p.guardianName,
                           guardianRelation: p.guardianRelation, guardianPhone: p.guardianPhone, guardianConsentAt: p.guardianConsentAt,
                           homeVillageId: p.homeVillageID)
        }
        let export = Export(
            exportedAt: req.now,
            account: .init(login: account.login, name: account.displayName, role: account.role.rawValue, createdAt: account.createdAt),
            profile: profile,
            registrations: registrations.map { .init(activity: $0.activity.title, startsAt: $0.activity.startsAt, places: $0.places, status: $0.status.rawValue,
                                                     checkedInAt: $0.checkedInAt, registeredAt: $0.createdAt) },
            bookings: bookings.map { .init(space: $0.space.name, startsAt: $0.startsAt, endsAt: $0.endsAt, team: $0.teamName, purpose: $0.purpose,
                                           status: $0.status.rawValue, reason: $0.decisionReason) },
            signIns: signIns.map { .init(at: $0.at, action: $0.action, ip: $0.ip) },
            ratings: ratings.map { .init(about: $0.activity?.title ?? $0.venue.name, score: $0.score, comment: $0.comment, hiddenReason: $0.hiddenReason, at: $0.createdAt) },
            complaints: complaints.map { .init(reference: $0.reference, kind: $0.kind.rawValue, category: $0.category.rawValue, text: $0.text,
                                               status: $0.status.rawValue, answer: $0.answer, at: $0.createdAt) })
        try await AuditLog.record(action: "export", entity: Account.schema, entityID: id.uuidString, summary: "personal data download by the account holder", on: req.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"my-culturehub-data.json\"")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(export)))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role == .citizen else {
            Flash.set(req, "工作人员账号不能自行注销，请联系局管理员停用。", "Staff accounts are closed by the bureau administrator.")
            return req.redirect(to: SiteURL.accounts(.home).path)
        }
        struct Form: Content { var deletePassword: String?; var deleteConfirm: String? }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        if !(try await req.password.async.verify(form.deletePassword ?? "", created: account.passwordHash)) {
            check.fail("deletePassword", "密码不正确，账号未注销。", "Wrong password; the account was not deleted.")
        }
        if !FormCheck.flag(form.deleteConfirm) {
            check.fail("deleteConfirm", "请勾选确认。", "Tick the box to confirm.")
        }
        guard check.isValid else { return try await AccountController.render(req, newToken: nil, errors: check.errors, status: .unprocessableEntity) }
        try await anonymise(account, now: req.now, on: req.db)
        req.auth.logout(Account.self)
        req.session.destroy()
        Flash.set(req, "您的账号已注销，个人信息已删除。报名和参加活动的次数仍计入统计，但不再与您关联。",
                  "Your account is closed and your personal data deleted. Your attendance still counts in statistics, but no longer points to you.")
        return req.redirect(to: "/")
    }

    /// Strips every personal detail of a citizen account and its records, in one transaction.
    /// Raw SQL on purpose: a model-by-model change would copy the old values into the audit log.
    static func anonymise(_ account: Account, now: Date, on db: any Database) async throws {
        let id = try account.requireID()
        let anonymousLogin = "deleted-" + id.uuidString.prefix(8).lowercased()
        let unusable = "!" + UUID().uuidString
        try await db.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("""
                UPDATE accounts SET login = \(bind: anonymousLogin), display_name = '已注销用户', password_hash = \(bind: unusable),
                is_active = \(bind: false), phone_verified_at = NULL, totp_secret = NULL, totp_last_step = NULL
                WHERE id = \(bind: id)
                """).run()
            try await sql.raw("UPDATE registrations SET name = '已注销', phone = '' WHERE account_id = \(bind: id)").run()
            try await sql.raw("UPDATE space_bookings SET contact_phone = '', team_name = '' WHERE account_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM citizen_profiles WHERE account_id = \(bind: id)").run()
            // Scores stay for the satisfaction figures; the words and the complaint texts may identify the person.
            try await sql.raw("UPDATE ratings SET comment = '' WHERE account_id = \(bind: id)").run()
            try await sql.raw("UPDATE complaints SET text = '（已随账号注销删除）', photo_path = NULL, contact = 'none' WHERE account_id = \(bind: id)").run()
            try await sql.raw("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE account_id = \(bind: id) AND revoked_at IS NULL").run()
            try await SessionPurge.endAll(of: id, on: sql)
            try await AuditLog.record(action: "delete", entity: Account.schema, entityID: id.uuidString,
                                      summary: "account closed by its holder; personal data anonymised", on: tx)
        }
    }
}
