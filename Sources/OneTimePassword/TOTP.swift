import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226), as authenticator apps
/// (Google Authenticator, Microsoft Authenticator, 腾讯身份验证器 …) compute them.
public struct TOTP: Sendable, Equatable {
    public enum Algorithm: String, Sendable { case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512" }

    public let secret: [UInt8]
    public var digits: Int
    public var period: Int
    public var algorithm: Algorithm

    public init(secret: [UInt8], digits: Int = 6, period: Int = 30, algorithm: Algorithm = .sha1) {
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// A new random 160-bit secret, the size RFC 4226 recommends.
    public static func randomSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// The time step containing `date`.
    public func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down)) }

    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// HOTP (RFC 4226 §5.3): HMAC of the big-endian counter, dynamic truncation, last `digits` digits.
    public func code(step: Int64) -> String {
        let counter = (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(bitPattern: step) >> (UInt64($0) * 8)) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: counter, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: counter, using: key))
        }
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The step a typed code matches, allowing one step of clock drift either way; nil if none.
    /// Callers refuse a step at or before the last one used, so a code works only once.
    public func matchingStep(_ code: String, at date: Date, drift: Int64 = 1) -> Int64? {
        let typed = code.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        return (now - drift...now + drift).first { constantTimeEqual(self.code(step: $0), typed) }
    }

    /// `otpauth://totp/Issuer:account?secret=…&issuer=…`, the URI an authenticator app scans.
    public func provisioningURI(issuer: String, account: String) -> String {
        let label = percentEncode(issuer) + ":" + percentEncode(account)
        var uri = "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(percentEncode(issuer))"
        if algorithm != .sha1 { uri += "&algorithm=\(algorithm.rawValue)" }
        if digits != 6 { uri += "&digits=\(digits)" }
        if period != 30 { uri += "&period=\(period)" }
        return uri
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// RFC 4648 base32 (upper case, no padding), the form authenticator apps take secrets in.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Accepts lower case, spaces and padding, as people type them; nil for anything else.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for char in text.uppercased().utf8 where char != UInt8(ascii: " ") && char != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: char) else { return nil }
            buffer = (buffer << 5) | UInt32(index)
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt32(bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }
}
