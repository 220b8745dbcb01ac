import Crypto
import Fluent
import Foundation
import SQLKit

/// The QR check-in code of a confirmed registration: the registration's id and an
/// HMAC-SHA256 tag over it, base64url, 38 characters. Unguessable without the key, and
/// checkable by any app process: the key lives in the database, created on first use.
struct CheckInToken: Equatable {
    let registrationID: UUID

    private static let tagLength = 12

    func encoded(key: SymmetricKey) -> String {
        let id = Self.bytes(registrationID)
        let tag = Array(HMAC<SHA256>.authenticationCode(for: id, using: key)).prefix(Self.tagLength)
        return Self.base64url(id) + Self.base64url(Array(tag))
    }

    /// nil for anything that is not a token this key signed.
    static func decode(_ text: String, key: SymmetricKey) -> CheckInToken? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count == 38, let id = unbase64url(String(trimmed.prefix(22))), id.count == 16,
              let tag = unbase64url(String(trimmed.suffix(16))), tag.count == tagLength else { return nil }
        let expected = Array(HMAC<SHA256>.authenticationCode(for: id, using: key)).prefix(tagLength)
        // Constant-time comparison: the tag must not leak byte by byte.
        guard zip(expected, tag).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        let uuid = id.withUnsafeBytes { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        return CheckInToken(registrationID: uuid)
    }

    static func bytes(_ id: UUID) -> [UInt8] { withUnsafeBytes(of: id.uuid) { Array($0) } }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }
}

/// Keys for signing, one per purpose, kept in the database so every process agrees, and
/// cached per app once read (a key never changes).
final class SigningKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: SymmetricKey] = [:]

    func key(_ purpose: String, on db: any Database) async throws -> SymmetricKey {
        if let key = lock.withLock({ keys[purpose] }) { return key }
        let sql = db as! any SQLDatabase
        struct Row: Decodable { let secret: String }
        if let row = try await sql.raw("SELECT secret FROM signing_keys WHERE purpose = \(bind: purpose)").first(decoding: Row.self) {
            return store(purpose, row.secret)
        }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        // Another process may insert first; then its key is the one everyone uses.
        do {
            try await sql.raw("INSERT INTO signing_keys (purpose, secret) VALUES (\(bind: purpose), \(bind: fresh))").run()
        } catch {}
        guard let row = try await sql.raw("SELECT secret FROM signing_keys WHERE purpose = \(bind: purpose)").first(decoding: Row.self) else {
            throw AppError.conflict(zh: "签名密钥不可用。", en: "The signing key is unavailable.")
        }
        return store(purpose, row.secret)
    }

    private func store(_ purpose: String, _ secret: String) -> SymmetricKey {
        let key = SymmetricKey(data: Data(base64Encoded: secret) ?? Data(secret.utf8))
        lock.withLock { keys[purpose] = key }
        return key
    }
}
