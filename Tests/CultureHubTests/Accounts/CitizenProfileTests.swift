import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct CitizenProfileTests {
    @Test func residentIDChecksumBirthDateAndMask() {
        #expect(ResidentID.isValid("11010519491231002X") && ResidentID.isValid("11010519491231002x"))
        #expect(!ResidentID.isValid("110105194912310021") && !ResidentID.isValid("41018320161301123X") && !ResidentID.isValid("12345"))
        #expect(ResidentID.birthDate("410183201605011233") == "2016-05-01")
        #expect(ResidentID.masked("410183195803124564") == "410183********4564")
        #expect(CitizenProfile.isChild(birthDate: "2012-11-29", today: "2026-11-28"))
        #expect(!CitizenProfile.isChild(birthDate: "2012-11-28", today: "2026-11-28")) // 14 today
        #expect(!CitizenProfile.isChild(birthDate: nil, today: "2026-11-28"))
    }

    @Test func idNumberAndDisabilityAreEncryptedAtRestMaskedOnPagesAndOnlyTheHolderSeesThem() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let bad = try await citizen.post(SiteURL.accounts(.profile).path, [("idNumber", "410183195803124565")])
            let mismatch = try await citizen.post(SiteURL.accounts(.profile).path, [("idNumber", "410183195803124564"), ("birthDate", "1958-03-13")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("身份证号码不正确"))
            #expect(mismatch.status == .unprocessableEntity && mismatch.body.string.contains("出生日期与身份证号码不一致"))
            #expect(try await CitizenProfile.query(on: app.db).count() == 0)

            let saved = try await citizen.post(SiteURL.accounts(.profile).path, [("idNumber", "410183195803124564"), ("disability", "physical"), ("disabilityGrade", "2")])
            let page = try await citizen.get(SiteURL.accounts(.profile).path)
            struct Raw: Decodable { let id_number_enc: String?; let disability_enc: String?; let birth_date: String? }
            let raw = try await (app.db as! any SQLDatabase).select().columns("id_number_enc", "disability_enc", "birth_date").from("citizen_profiles").first(decoding: Raw.self)!
            let data = try await citizen.get(SiteURL.accounts(.data).path)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$entity == "citizen_profiles").all().map(\.summary).joined()

            #expect(saved.status == .seeOther)
            #expect(raw.id_number_enc?.hasPrefix("v2:1:") == true && raw.id_number_enc?.contains("410183195803124564") == false)
            #expect(raw.disability_enc?.hasPrefix("v2:1:") == true && raw.disability_enc?.contains("physical") == false && raw.birth_date == "1958-03-12")
            #expect(page.body.string.contains("410183********4564") && !page.body.string.contains("410183195803124564"))
            #expect(data.body.string.contains("410183195803124564") && data.body.string.contains("physical:2"))
            #expect(!audit.contains("410183195803124564") && !audit.contains("v2:") && !audit.isEmpty)
        }
    }

    @Test func aChildCannotRegisterUntilAGuardianConsents() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, title: "少儿绘本故事会", now: clock.now(), on: app.db)
            let child = try await Browser.signedIn(app, as: "13800000001")
            let noConsent = try await child.post(SiteURL.accounts(.profile).path, [("idNumber", "410183201605011233")])
            #expect(noConsent.status == .unprocessableEntity && noConsent.body.string.contains("需要监护人勾选同意"))
            // Saved without the guardian block by a direct write, as an older profile would be.
            let account = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            let profile = CitizenProfile()
            profile.$account.id = account.id!
            profile.birthDate = "2016-05-01"
            profile.updatedAt = clock.now()
            try await profile.create(on: app.db)

            let refused = try await child.post(SiteURL.activities(.register(.id(activity.id!))).path, [("places", "1")])
            #expect(refused.status == .conflict && refused.body.string.contains("监护人"))
            #expect(try await Registration.query(on: app.db).count() == 0)

            let consent = try await child.post(SiteURL.accounts(.profile).path, [("birthDate", "2016-05-01"), ("guardianName", "张建国"), ("guardianRelation", "父亲"),
                                                                             ("guardianPhone", "13912345678"), ("guardianConsent", "1")])
            let registered = try await child.post(SiteURL.activities(.register(.id(activity.id!))).path, [("places", "1")])
            #expect(consent.status == .seeOther)
            let count = try await Registration.query(on: app.db).count()
            #expect(registered.status == .seeOther && count == 1)
            let stored = try await CitizenProfile.query(on: app.db).first()!
            #expect(stored.guardianConsentAt != nil && stored.guardianPhone == "13912345678")
        }
    }
}
