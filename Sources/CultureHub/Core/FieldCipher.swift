import Crypto
import Foundation

/// Encrypts sensitive columns at rest with AES-GCM (DESIGN §1; issue #4): the database alone,
/// or a backup of it, does not reveal them. The key comes from settings (`DATA_KEY`).
struct FieldCipher: Sendable {
    let key: SymmetricKey

    /// "v1:" + base64(nonce | ciphertext | tag).
    func seal(_ text: String) throws -> String {
        let box = try AES.GCM.seal(Data(text.utf8), using: key)
        return "v1:" + box.combined!.base64EncodedString()
    }

    func open(_ stored: String) throws -> String {
        guard stored.hasPrefix("v1:"), let data = Data(base64Encoded: String(stored.dropFirst(3))) else { throw CipherError.malformed }
        return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
    }

    enum CipherError: Error { case malformed }

    /// The key from `DATA_KEY` (base64 of 32 bytes), else from `DATA_DIR/data.key`, created
    /// once with owner-only permissions. Several app processes must share one key.
    static func loadKey(environment value: String?, dataDirectory: String) throws -> SymmetricKey {
        if let value, let data = Data(base64Encoded: value), data.count == 32 { return SymmetricKey(data: data) }
        let path = dataDirectory + "/data.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8), let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 {
            return SymmetricKey(data: data)
        }
        let key = SymmetricKey(size: .bits256)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        _ = FileManager.default.createFile(atPath: path, contents: Data((encoded + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return key
    }
}
