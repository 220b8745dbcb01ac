import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An address block such as `10.0.0.0/8` or `fd00::/8` (`TRUSTED_PROXIES`).
public struct AddressBlock: Sendable, Equatable {
    let bytes: [UInt8]
    let prefix: Int

    /// nil for anything that is not an IPv4 or IPv6 address with an optional prefix length.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = Self.parse(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        if parts.count == 2 {
            guard let p = Int(parts[1]), (0...bits).contains(p) else { return nil }
            prefix = p
        } else {
            prefix = bits
        }
        self.bytes = bytes
    }

    public func contains(_ address: String) -> Bool {
        guard let other = Self.parse(address), other.count == bytes.count else { return false }
        var left = prefix
        for (a, b) in zip(bytes, other) where left > 0 {
            let mask: UInt8 = left >= 8 ? 0xFF : ~(0xFF >> UInt8(left))
            if a & mask != b & mask { return false }
            left -= 8
        }
        return true
    }

    /// The address's bytes (4 or 16), through the C library's own parser; IPv4-mapped IPv6
    /// addresses (`::ffff:10.0.0.1`, how a dual-stack socket reports IPv4 peers) read as IPv4.
    static func parse(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }
}

/// Who is on the other end. `X-Forwarded-For` is anyone's to write, so it is read only when
/// the connection comes from a proxy the deployment trusts, and then from the right (the
/// hop the proxy itself added) to the first address that is not one of our proxies: what a
/// client puts at the left of the header can only ever name the client.
public enum ClientAddress {
    public static func resolve(peer: String?, forwardedFor: [String], trusted: [AddressBlock]) -> String {
        guard let peer, !peer.isEmpty else { return "" }
        func isTrusted(_ address: String) -> Bool { trusted.contains { $0.contains(address) } }
        guard isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            // A malformed entry ends the chain: everything left of it is the client's own text.
            guard AddressBlock.parse(hop) != nil else { break }
            client = hop
            if !isTrusted(hop) { break }
        }
        return client
    }

    /// Whether the request came through a trusted proxy, so its `X-Forwarded-Proto` may be believed.
    public static func isTrustedProxy(peer: String?, trusted: [AddressBlock]) -> Bool {
        guard let peer else { return false }
        return trusted.contains { $0.contains(peer) }
    }
}
