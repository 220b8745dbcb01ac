import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// `next=` can only lead to a path on this site, and never writes a header of its own
/// (issue #20: a tab before a second slash left the site, CR/LF set the session cookie).
@Suite struct RedirectTests {
    static let alphabet: [Character] = ["/", "/", "/", "\\", "\t", "\r", "\n", "\u{0}", "\u{7F}", "\u{85}", ":", "@", ".", "%", "0", "a",
                                        "e", " ", "?", "#", "&", "=", "ｅ", "。", "新", "％", "\u{2028}", "\u{FEFF}"]

    static func randomNext(_ rng: inout SplitMixRNG) -> String {
        let length = Int(rng.next() % 12)
        var s = rng.next() % 4 == 0 ? "" : "/"
        for _ in 0..<length { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
        return s
    }

    static func isLocal(_ location: String) -> Bool {
        guard location.hasPrefix("/"), let second = location.dropFirst().first else { return location == "/" }
        return second != "/" && second != "\\" && !HeaderGuardMiddleware.hasControl(location)
            && location.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    @Test func knownAttacksFallBack() {
        for attack in ["//evil.example", "/\t/evil.example", "/\\evil.example", "/%0d%0aSet-Cookie:x=1".removingPercentEncoding!,
                       "https://evil.example", "/\r\nSet-Cookie: culturehub_session=x", "\t//evil.example", " /x", "/\u{0}"] {
            #expect(LocalRedirect.target(attack, fallback: "/") == "/", "\(attack.debugDescription)")
        }
        #expect(LocalRedirect.target("/activities?q=新密 戏曲", fallback: "/") == "/activities?q=%E6%96%B0%E5%AF%86%20%E6%88%8F%E6%9B%B2")
        #expect(LocalRedirect.target("/staff/orders?status=open#x", fallback: "/") == "/staff/orders?status=open#x")
    }

    @Test func tenThousandRandomTargetsStayOnTheSite() {
        var rng = SplitMixRNG(seed: 20_261_207)
        for _ in 0..<10_000 {
            let next = Self.randomNext(&rng)
            let target = LocalRedirect.target(next, fallback: "/")
            #expect(Self.isLocal(target), "\(next.debugDescription) → \(target.debugDescription)")
        }
    }

    @Test func theSwitchesAndSignInRedirectOnlyToLocalPaths() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            var rng = SplitMixRNG(seed: 7)
            for round in 0..<150 {
                let next = round == 0 ? "/\t/evil.example" : round == 1 ? "/\r\nSet-Cookie: culturehub_session=stolen" : Self.randomNext(&rng)
                let query = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let res = try await app.testing().sendRequest(.GET, "/prefs/lang?value=en&next=\(query)")
                #expect(res.status == .seeOther || res.status == .found || res.status == .badRequest)
                if let location = res.headers.first(name: .location) { #expect(Self.isLocal(location), "\(next.debugDescription)") }
                #expect(res.headers[.setCookie].allSatisfy { !$0.contains("stolen") })
            }
            let browser = Browser(app)
            _ = try await browser.get("/login?next=%2F%09%2Fevil.example")
            let signedIn = try await browser.post("/login", [("login", "chengguan"), ("password", Fixtures.password), ("next", "/\t/evil.example")])
            #expect(signedIn.location == "/staff")
        }
    }

    @Test func aControlCharacterInAnyResponseHeaderIsRefused() {
        #expect(HeaderGuardMiddleware.hasControl("a\r\nb") && HeaderGuardMiddleware.hasControl("a\u{0}") && HeaderGuardMiddleware.hasControl("\t"))
        #expect(!HeaderGuardMiddleware.hasControl("/activities?q=%E6%96%B0"))
    }
}

struct SplitMixRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
