import Crypto
import Foundation
import Vapor

/// An encrypted column. `all` is the one list of them: `culturehub keys rotate`, `keys check`
/// and the tests walk it, and `FieldCipher` seals nothing else, so no column can be missed.
struct SealedField: Hashable, Sendable, CustomStringConvertible {
    let table: String
    let column: String

    static let totpSecret = SealedField(table: Account.schema, column: "totp_secret")
    static let residentID = SealedField(table: CitizenProfile.schema, column: "id_number_enc")
    static let disability = SealedField(table: CitizenProfile.schema, column: "disability_enc")

    static let all: [SealedField] = [.totpSecret, .residentID, .disability]

    var description: String { "\(table).\(column)" }

    /// Authenticated with the ciphertext, so a value copied to another row or column fails to open.
    func binding(row: UUID) -> Data { Data("\(table)/\(column)/\(row.uuidString)".utf8) }
}

/// Encrypts sensitive columns at rest with AES-GCM (DESIGN §1; issues #4 and #20 point 8): the
/// database alone, or a backup of it, does not reveal them.
///
/// Stored form: `v2:<key version>:` + base64(nonce | ciphertext | tag), with the field and row
/// as authenticated data. Values from before key versions (`v1:` + base64, no binding) were
/// sealed with what is now key version 1; they still open, and `keys rotate` rewrites them.
struct FieldCipher: Sendable {
    let keys: DataKeyRing

    init(keys: DataKeyRing) { self.keys = keys }

    func seal(_ text: String, for field: SealedField, row: UUID) throws -> String {
        let box = try AES.GCM.seal(Data(text.utf8), using: keys.current, authenticating: field.binding(row: row))
        guard let combined = box.combined else { throw CipherError.malformed }
        return Self.currentPrefix(keys.currentVersion) + combined.base64EncodedString()
    }

    func open(_ stored: String, for field: SealedField, row: UUID) throws -> String {
        let parsed = try Self.parse(stored)
        guard let key = keys.key(version: parsed.version) else { throw CipherError.unknownKeyVersion(parsed.version) }
        let box = try AES.GCM.SealedBox(combined: parsed.payload)
        let plain = try parsed.bound
            ? AES.GCM.open(box, using: key, authenticating: field.binding(row: row))
            : AES.GCM.open(box, using: key)
        return String(decoding: plain, as: UTF8.self)
    }

    /// `open` for a page or an export: a value that does not open (copied from another row, sealed
    /// under a key this process lacks) is left out and logged, never shown or guessed at.
    func openLogged(_ stored: String, for field: SealedField, row: UUID?, _ logger: Logger) -> String? {
        guard let row else { return nil }
        do {
            return try open(stored, for: field, row: row)
        } catch {
            logger.warning("encrypted value in \(field) of row \(row) does not open: \(error)")
            return nil
        }
    }

    /// How every value sealed under key `version` begins.
    static func currentPrefix(_ version: Int) -> String { "v2:\(version):" }

    /// What a stored value (or its first characters) says about how it was sealed; nothing is opened.
    enum StoredForm: Hashable, Comparable, Sendable {
        /// `v1:`, unbound, under what is now key version 1.
        case legacy
        case key(Int)
        case unrecognised
    }

    static func form(ofPrefix stored: String) -> StoredForm {
        if stored.hasPrefix("v1:") { return .legacy }
        let parts = stored.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v2", let version = Int(parts[1]), version > 0 else { return .unrecognised }
        return .key(version)
    }

    private static func parse(_ stored: String) throws -> (version: Int, bound: Bool, payload: Data) {
        if stored.hasPrefix("v1:"), let data = Data(base64Encoded: String(stored.dropFirst(3))) {
            return (1, false, data)
        }
        let parts = stored.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v2", let version = Int(parts[1]), version > 0,
              let data = Data(base64Encoded: String(parts[2])) else { throw CipherError.malformed }
        return (version, true, data)
    }

    enum CipherError: Error, Equatable {
        case malformed
        /// Sealed under a key this process was not given (a retired key dropped too early?).
        case unknownKeyVersion(Int)
    }
}
