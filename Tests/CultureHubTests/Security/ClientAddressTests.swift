import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// `X-Forwarded-For` is believed only from `TRUSTED_PROXIES`, read right to left (issue #20:
/// anyone's first address was trusted, so limits per address were bypassed and the audit log
/// recorded invented addresses).
@Suite struct ClientAddressTests {
    @Test func blocksMatchWhatTheySay() throws {
        let ten = try #require(AddressBlock("10.0.0.0/8"))
        #expect(ten.contains("10.200.3.4") && !ten.contains("11.0.0.1") && !ten.contains("not an address"))
        #expect(try #require(AddressBlock("192.168.1.0/23")).contains("192.168.0.9"))
        #expect(try #require(AddressBlock("fd00::/8")).contains("fd12::1") && !AddressBlock("fd00::/8")!.contains("fe80::1"))
        #expect(try #require(AddressBlock("127.0.0.1")).contains("::ffff:127.0.0.1"), "a dual-stack socket's view of IPv4")
        for bad in ["", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "::/129", "example.com", "10.0.0.0/8/8"] { #expect(AddressBlock(bad) == nil, "\(bad)") }
    }

    @Test func theHeaderIsReadOnlyFromTrustedProxiesRightToLeft() {
        let proxies = [AddressBlock("10.0.0.0/8")!]
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: proxies) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: []) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["1.2.3.4, 198.51.100.7"], trusted: proxies) == "198.51.100.7",
                "the client wrote 1.2.3.4; the proxy appended the real peer")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["198.51.100.7, 10.0.0.3"], trusted: proxies) == "198.51.100.7")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: ["garbage, 10.0.0.3"], trusted: proxies) == "10.0.0.3")
        #expect(ClientAddress.resolve(peer: "10.0.0.2", forwardedFor: [], trusted: proxies) == "10.0.0.2")
    }

    /// Over a real socket, so the peer is 127.0.0.1 as a reverse proxy on the same host would be.
    @Test func theAuditLogRecordsTheRealAddress() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let sql = app.db as! any SQLDatabase
            struct Row: Decodable { let ip: String }
            func failSignIn(forwardedFor: String) async throws -> String? {
                let tester = try app.testing(method: .running(port: 0))
                var cookie = "", csrf = ""
                try await tester.test(.GET, "/login") { res in
                    cookie = res.headers[.setCookie].map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
                    csrf = res.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) } ?? ""
                }
                var headers = HTTPHeaders()
                headers.add(name: .xForwardedFor, value: forwardedFor)
                headers.add(name: .cookie, value: cookie)
                headers.contentType = .urlEncodedForm
                let body = "_csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&login=nobody&password=x"
                try await tester.test(.POST, "/login", headers: headers, body: ByteBuffer(string: body)) { res in
                    #expect(res.status == .unprocessableEntity)
                }
                return try await sql.raw("SELECT ip FROM audit_events ORDER BY seq DESC LIMIT 1").first(decoding: Row.self)?.ip
            }
            let untrusted = try await failSignIn(forwardedFor: "1.2.3.4")
            #expect(untrusted == "127.0.0.1" || untrusted == "::1", "without TRUSTED_PROXIES the header is not believed")

            app.settings.trustedProxies = [AddressBlock("127.0.0.1/32")!, AddressBlock("::1/128")!]
            #expect(try await failSignIn(forwardedFor: "1.2.3.4, 198.51.100.7") == "198.51.100.7")
        }
    }
}
