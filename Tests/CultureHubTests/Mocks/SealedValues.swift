import Crypto
import Fluent
import Foundation
import OneTimePassword
import SQLKit
import Vapor
@testable import CultureHub

/// Encrypted rows for the key tests: citizens with an ID number and a disability on file, and
/// staff with a TOTP secret, each sealed however the test says.
struct SealedValues {
    struct Citizen { let login: String; let profileID: UUID; let idNumber: String }
    typealias Sealer = (String, SealedField, UUID) throws -> String

    /// Every plaintext by field and row, as the test put it there.
    var expected: [SealedField: [UUID: String]] = [:]
    var citizens: [Citizen] = []

    /// Adds `count` citizens (logins 139000000NN) whose values `seal` encrypts.
    mutating func addCitizens(_ count: Int, on app: Application, seal: Sealer) async throws {
        let hash = try await app.password.async.hash(Fixtures.password)
        for _ in 0..<count {
            let n = citizens.count
            let login = String(format: "139000000%02d", n)
            let account = Account(login: login, displayName: "居民\(n)", passwordHash: hash, role: .citizen)
            try await account.create(on: app.db)
            let profile = CitizenProfile()
            let id = UUID(), number = Self.residentID(serial: n)
            profile.id = id
            profile.$account.id = try account.requireID()
            profile.idNumberSealed = try seal(number, .residentID, id)
            profile.idNumberMasked = ResidentID.masked(number)
            profile.disabilitySealed = try seal("visual:\(n % 4 + 1)", .disability, id)
            profile.updatedAt = Date()
            try await profile.create(on: app.db)
            citizens.append(Citizen(login: account.login, profileID: id, idNumber: number))
            expected[.residentID, default: [:]][id] = number
            expected[.disability, default: [:]][id] = "visual:\(n % 4 + 1)"
        }
    }

    /// Gives the fixture staff account `login` a TOTP secret sealed by `seal`.
    mutating func addTOTP(to login: String, on app: Application, seal: Sealer) async throws {
        let account = try await Account.query(on: app.db).filter(\.$login == login).first()!
        let id = try account.requireID(), secret = Base32.encode(Array(login.utf8.prefix(10)) + Array(1...10))
        // Raw, so the model middleware's audit does not matter here.
        try await (app.db as! any SQLDatabase).update(Account.schema)
            .set("totp_secret", to: try seal(secret, .totpSecret, id)).where("id", .equal, id).run()
        expected[.totpSecret, default: [:]][id] = secret
    }

    var count: Int { expected.values.reduce(0) { $0 + $1.count } }

    /// A valid 18-character resident ID number (GB 11643-1999) born 1958-03-12.
    static func residentID(serial: Int) -> String {
        let body = "41018319580312" + String(format: "%03d", serial % 1000)
        let sum = zip(body, ResidentID.weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(ResidentID.checks[sum % 11])
    }

    /// How values were stored before key versions existed (the old `FieldCipher.seal`).
    static func legacySeal(_ text: String, key: SymmetricKey) throws -> String {
        "v1:" + (try AES.GCM.seal(Data(text.utf8), using: key).combined!).base64EncodedString()
    }

    struct RawValue: Decodable { let id: UUID; let value: String }

    /// Every stored value of every encrypted column, as the database holds it.
    static func raw(_ field: SealedField, on db: any Database) async throws -> [UUID: String] {
        let rows = try await (db as! any SQLDatabase).select().column("id")
            .column(SQLAlias(SQLColumn(field.column), as: SQLIdentifier("value"))).from(field.table).where(SQLColumn(field.column), .isNot, SQLLiteral.null).all(decoding: RawValue.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.value) })
    }

    /// Opens every stored value with `cipher`; nil where one does not open.
    static func opened(with cipher: FieldCipher, on db: any Database) async throws -> [SealedField: [UUID: String]]? {
        var result: [SealedField: [UUID: String]] = [:]
        for field in SealedField.all {
            for (id, stored) in try await raw(field, on: db) {
                guard let plain = try? cipher.open(stored, for: field, row: id) else { return nil }
                result[field, default: [:]][id] = plain
            }
        }
        return result
    }
}
