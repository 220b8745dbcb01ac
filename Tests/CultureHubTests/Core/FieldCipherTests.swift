import Crypto
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Issue #20 point 8: ciphertexts carry their key version and are bound to table, column and row.
@Suite struct FieldCipherTests {
    let k1 = SymmetricKey(size: .bits256), k2 = SymmetricKey(size: .bits256)
    var old: FieldCipher { FieldCipher(keys: DataKeyRing(current: k1)) }
    var rotated: FieldCipher {
        get throws {
            let retired = "1:" + DataKeyRing.encode(k1)
            return FieldCipher(keys: try DataKeyRing.parse(key: DataKeyRing.encode(k2), version: "2", retired: retired))
        }
    }

    @Test func aSealedValueNamesItsKeyVersionAndOpensOnlyInItsOwnPlace() throws {
        let row = UUID(), other = UUID()
        let sealed = try old.seal("410183195803124564", for: .residentID, row: row)
        let again = try old.seal("410183195803124564", for: .residentID, row: row)

        #expect(sealed.hasPrefix("v2:1:") && !sealed.contains("410183") && sealed != again)
        #expect(try old.open(sealed, for: .residentID, row: row) == "410183195803124564")
        #expect(throws: (any Error).self, "another row") { try old.open(sealed, for: .residentID, row: other) }
        #expect(throws: (any Error).self, "another column") { try old.open(sealed, for: .disability, row: row) }
        #expect(throws: (any Error).self, "another table") { try old.open(sealed, for: .totpSecret, row: row) }
        #expect(FieldCipher.form(ofPrefix: sealed) == .key(1) && FieldCipher.form(ofPrefix: "v1:abc") == .legacy)
        #expect(FieldCipher.form(ofPrefix: "410183195803124564") == .unrecognised)
    }

    @Test func legacyValuesAndRetiredKeysStillOpen() throws {
        let row = UUID()
        let legacy = try SealedValues.legacySeal("physical:2", key: k1)
        let underOld = try old.seal("physical:3", for: .disability, row: row)
        let rotated = try self.rotated
        let onlyNew = FieldCipher(keys: DataKeyRing(current: k2, version: 2))

        // A legacy value is unbound: it opens for any row, which is why `keys rotate` rewrites it.
        #expect(try old.open(legacy, for: .disability, row: UUID()) == "physical:2")
        #expect(try rotated.open(legacy, for: .disability, row: row) == "physical:2")
        #expect(try rotated.open(underOld, for: .disability, row: row) == "physical:3")
        #expect(try rotated.seal("x", for: .disability, row: row).hasPrefix("v2:2:"))
        #expect(throws: FieldCipher.CipherError.unknownKeyVersion(1)) { try onlyNew.open(underOld, for: .disability, row: row) }
        #expect(throws: FieldCipher.CipherError.unknownKeyVersion(1)) { try onlyNew.open(legacy, for: .disability, row: row) }
    }

    @Test func aChangedKeyVersionOrATamperedValueDoesNotOpen() throws {
        let row = UUID(), rotated = try self.rotated
        let sealed = try rotated.seal("secret", for: .totpSecret, row: row)
        let relabelled = "v2:1:" + sealed.dropFirst(5)
        var bytes = Data(base64Encoded: String(sealed.dropFirst(5)))!
        bytes[bytes.count - 1] ^= 1

        #expect(throws: (any Error).self) { try rotated.open(relabelled, for: .totpSecret, row: row) }
        let altered = "v2:2:" + bytes.base64EncodedString()
        #expect(throws: (any Error).self) { try rotated.open(altered, for: .totpSecret, row: row) }
        #expect(throws: FieldCipher.CipherError.malformed) { try rotated.open("v2:x:AAAA", for: .totpSecret, row: row) }
        #expect(throws: FieldCipher.CipherError.malformed) { try rotated.open("plain text", for: .totpSecret, row: row) }
    }

    /// An attacker (or a careless script) with write access to the database copies one citizen's
    /// encrypted ID number onto another's row: it no longer opens there, on either database.
    @Test func aCiphertextCopiedToAnotherRowDoesNotOpenThere() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var values = SealedValues()
            let cipher = app.fieldCipher
            try await values.addCitizens(2, on: app) { try cipher.seal($0, for: $1, row: $2) }
            let (a, b) = (values.citizens[0], values.citizens[1])
            let sql = app.db as! any SQLDatabase
            let stolen = try await SealedValues.raw(.residentID, on: app.db)[a.profileID]!
            try await sql.update(CitizenProfile.schema).set("id_number_enc", to: stolen)
                .where("id", .equal, b.profileID).run()

            let ownData = try await Browser.signedIn(app, as: a.login).get(SiteURL.accounts(.data).path).body.string
            let otherData = try await Browser.signedIn(app, as: b.login).get(SiteURL.accounts(.data).path).body.string

            #expect(ownData.contains(a.idNumber))
            #expect(!otherData.contains(a.idNumber) && !otherData.contains(b.idNumber))
            #expect(otherData.contains("visual:2"), "the row's own values still open")
        }
    }

    /// The one registry of encrypted columns matches the schema: every `*_enc` / `*_secret`
    /// column is in it (so `keys rotate` cannot miss one), and every entry is a real column.
    @Test func theRegistryOfEncryptedColumnsMatchesTheSchema() async throws {
        try await withTestApp { app, _ in
            struct Column: Decodable, Hashable { let t: String; let c: String }
            let sql = app.db as! any SQLDatabase
            let columns: [Column] = sql.dialect.name == "sqlite"
                ? try await sql.raw("""
                    SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
                    WHERE m.type = 'table'
                    """).all(decoding: Column.self)
                : try await sql.raw("""
                    SELECT table_name AS t, column_name AS c FROM information_schema.columns
                    WHERE table_schema = current_schema()
                    """).all(decoding: Column.self)
            let registry = Set(SealedField.all.map { Column(t: $0.table, c: $0.column) })
            let looksEncrypted = Set(columns.filter { $0.c.hasSuffix("_enc") || $0.c.hasSuffix("_secret") })

            #expect(columns.count > 100)
            #expect(registry.isSubset(of: Set(columns)), "registry names a missing column")
            #expect(looksEncrypted == registry, "outside the registry: \(looksEncrypted.subtracting(registry))")
        }
    }
}
