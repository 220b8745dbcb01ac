import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Issue #20 point 8: `culturehub keys rotate` re-encrypts under a new key while the app serves.
@Suite struct KeyRotationTests {
    let k1 = SymmetricKey(size: .bits256), k2 = SymmetricKey(size: .bits256)

    /// The operator's step 1: DATA_KEY=new, DATA_KEY_VERSION=2, DATA_KEYS_RETIRED=1:old.
    func rotatedSettings(_ settings: inout Settings) {
        settings.dataKey = DataKeyRing.encode(k2)
        settings.dataKeyVersion = "2"
        settings.retiredDataKeys = "1:" + DataKeyRing.encode(k1)
    }

    /// Values as an install holds them before the rotation: legacy `v1:` values and bound values
    /// under key 1, plus a few already under key 2 (written since the restart).
    func seedBeforeRotation(_ app: Application) async throws -> SealedValues {
        _ = try await Fixtures.make(on: app)
        let old = FieldCipher(keys: DataKeyRing(current: k1)), current = app.fieldCipher, k1 = self.k1
        var values = SealedValues()
        try await values.addCitizens(3, on: app) { text, _, _ in try SealedValues.legacySeal(text, key: k1) }
        try await values.addCitizens(3, on: app) { try old.seal($0, for: $1, row: $2) }
        try await values.addCitizens(2, on: app) { try current.seal($0, for: $1, row: $2) }
        try await values.addTOTP(to: "admin", on: app) { text, _, _ in try SealedValues.legacySeal(text, key: k1) }
        try await values.addTOTP(to: "chengguan", on: app) { try old.seal($0, for: $1, row: $2) }
        try await values.addTOTP(to: "micun", on: app) { try current.seal($0, for: $1, row: $2) }
        return values
    }

    /// No stored value is plaintext, and every one is bound under `version`.
    func expectAllUnder(_ version: Int, _ values: SealedValues, on db: any Database) async throws {
        for field in SealedField.all {
            let raw = try await SealedValues.raw(field, on: db)
            #expect(raw.count == values.expected[field]?.count)
            for (id, stored) in raw {
                #expect(FieldCipher.form(ofPrefix: stored) == .key(version), "\(field) \(id)")
                #expect(!stored.contains(values.expected[field]?[id] ?? "-"), "\(field) holds plaintext")
            }
        }
    }

    @Test func rotateRewritesEveryOlderValueAndASecondRunFindsNothing() async throws {
        try await withTestApp(settings: rotatedSettings) { app, _ in
            let values = try await seedBeforeRotation(app)
            let before = try await KeyRotation.census(on: app.db)

            let report = try await KeyRotation.rotate(on: app.db, cipher: app.fieldCipher, batchSize: 2)
            try await AuditLog.record(action: "keys.rotate", entity: "database", entityID: "", summary: report.summary,
                                      on: app.db)
            let after = try await KeyRotation.census(on: app.db)
            let again = try await KeyRotation.rotate(on: app.db, cipher: app.fieldCipher, batchSize: 2)
            // Step 3: the retired key is dropped; every value still opens.
            app.fieldCipher = FieldCipher(keys: DataKeyRing(current: k2, version: 2))
            let citizen = values.citizens[0]
            let browser = try await Browser.signedIn(app, as: citizen.login)
            let download = try await browser.get(SiteURL.accounts(.data).path).body.string
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "keys.rotate").all()

            #expect(before[.residentID] == [.legacy: 3, .key(1): 3, .key(2): 2])
            #expect(before[.totpSecret] == [.legacy: 1, .key(1): 1, .key(2): 1])
            #expect(report.rewritten == 14 && report.changedMeanwhile == 0 && report.unreadable == 0)
            #expect(report.fields[.residentID]?.rewritten == 6 && report.fields[.totpSecret]?.rewritten == 2)
            #expect(after.values.allSatisfy { $0.keys.sorted() == [.key(2)] })
            #expect(again.rewritten == 0 && again.unreadable == 0)
            try await expectAllUnder(2, values, on: app.db)
            #expect(try await SealedValues.opened(with: app.fieldCipher, on: app.db) == values.expected)
            #expect(download.contains(citizen.idNumber) && download.contains("visual:1"))
            #expect(audit.count == 1 && audit[0].summary.hasPrefix("re-encrypted 14 values under key version 2"))
        }
    }

    @Test func serversReadEveryValueWhileARotationIsHalfWay() async throws {
        try await withTestApp(settings: rotatedSettings) { app, _ in
            let values = try await seedBeforeRotation(app)
            let legacyNumber = values.citizens[0].idNumber, expected = values.expected
            let browser = try await Browser.signedIn(app, as: values.citizens[0].login)
            let checks = Counter()

            _ = try await KeyRotation.rotate(on: app.db, cipher: app.fieldCipher, batchSize: 1) { _, _ in
                // Between two batches some rows are under key 2 and some under key 1 or legacy.
                let opened = try await SealedValues.opened(with: app.fieldCipher, on: app.db)
                let page = try await browser.get(SiteURL.accounts(.data).path).body.string
                #expect(opened == expected && page.contains(legacyNumber))
                await checks.add()
            }

            #expect(await checks.value == 14)
            try await expectAllUnder(2, values, on: app.db)
        }
    }

    /// A citizen saves a new ID number between the rotation's read and its write: the rotation's
    /// conditional update leaves the row alone and the citizen's new value stands.
    @Test func aWriteBetweenTheRotationsReadAndWriteWins() async throws {
        try await withTestApp(settings: rotatedSettings) { app, _ in
            var values = try await seedBeforeRotation(app)
            let citizen = values.citizens[0], newNumber = SealedValues.residentID(serial: 500)
            let browser = try await Browser.signedIn(app, as: citizen.login)
            let interleaved = Counter()

            let report = try await KeyRotation.rotate(on: app.db, cipher: app.fieldCipher, batchSize: 8) { field, ids in
                guard field == .residentID, ids.contains(citizen.profileID), await interleaved.value == 0 else { return }
                await interleaved.add()
                let form = [("idNumber", newNumber), ("disability", "hearing"), ("disabilityGrade", "1")]
                let saved = try await browser.post(SiteURL.accounts(.profile).path, form)
                #expect(saved.status == .seeOther)
            }
            values.expected[.residentID]![citizen.profileID] = newNumber
            values.expected[.disability]![citizen.profileID] = "hearing:1"
            let download = try await browser.get(SiteURL.accounts(.data).path).body.string

            #expect(await interleaved.value == 1)
            #expect(report.fields[.residentID]?.changedMeanwhile == 1 && report.fields[.residentID]?.rewritten == 5)
            #expect(report.fields[.disability]?.rewritten == 5, "the citizen's save already sealed theirs under key 2")
            #expect(download.contains(newNumber) && download.contains("hearing:1"))
            try await expectAllUnder(2, values, on: app.db)
            #expect(try await SealedValues.opened(with: app.fieldCipher, on: app.db) == values.expected)
        }
    }

    /// Many citizens edit their details while the rotation runs: every last save stands and opens.
    @Test func rotationRacingProfileEditsLosesNothing() async throws {
        try await withTestApp(settings: rotatedSettings) { app, _ in
            var values = try await seedBeforeRotation(app)
            let citizens = values.citizens
            var browsers: [Browser] = []
            for citizen in citizens { browsers.append(try await Browser.signedIn(app, as: citizen.login)) }

            async let rotation = KeyRotation.rotate(on: app.db, cipher: app.fieldCipher, batchSize: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, browser) in browsers.enumerated() {
                    group.addTask {
                        let number = SealedValues.residentID(serial: 600 + index)
                        let form = [("idNumber", number), ("disability", "speech"), ("disabilityGrade", "3")]
                        let saved = try await browser.post(SiteURL.accounts(.profile).path, form)
                        #expect(saved.status == .seeOther)
                    }
                }
                try await group.waitForAll()
            }
            let report = try await rotation
            for (index, citizen) in citizens.enumerated() {
                values.expected[.residentID]![citizen.profileID] = SealedValues.residentID(serial: 600 + index)
                values.expected[.disability]![citizen.profileID] = "speech:3"
            }

            #expect(report.unreadable == 0)
            try await expectAllUnder(2, values, on: app.db)
            #expect(try await SealedValues.opened(with: app.fieldCipher, on: app.db) == values.expected)
        }
    }
}

actor Counter {
    private(set) var value = 0
    func add() { value += 1 }

    /// A process given another key refuses to serve rather than write values nobody else reads
    /// (found by the outsider review: `keys check` only counted versions).
    @Test func theWrongKeyIsFoundBeforeServing() async throws {
        try await withTestApp { app, _ in
            let current = app.fieldCipher
            var values = SealedValues()
            _ = try await Fixtures.make(on: app)
            try await values.addCitizens(2, on: app) { try current.seal($0, for: $1, row: $2) }
            try await KeyRotation.probe(on: app.db, cipher: current)
            let stranger = FieldCipher(keys: DataKeyRing(current: SymmetricKey(size: .bits256)))
            await #expect(throws: DataKeyError.self) { try await KeyRotation.probe(on: app.db, cipher: stranger) }
        }
    }
}

