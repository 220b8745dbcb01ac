import Foundation
import Crypto

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of a digest; `String(format:)` per byte cost more than the hash itself.
    static func string<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func sha256(_ text: String) -> String { string(SHA256.hash(data: Array(text.utf8))) }
    static func sha256(_ data: Data) -> String { string(SHA256.hash(data: data)) }
}
