import Foundation
import Testing
@testable import OneTimePassword

@Suite struct TOTPTests {
    /// RFC 6238 Appendix B: the reference values for all three hash functions, 8 digits.
    @Test(arguments: [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ] as [(Double, String, String, String)])
    func matchesTheRFC6238TestVectors(time: Double, sha1: String, sha256: String, sha512: String) {
        let date = Date(timeIntervalSince1970: time)
        let seed = Array("12345678901234567890".utf8)
        #expect(TOTP(secret: seed, digits: 8, algorithm: .sha1).code(at: date) == sha1)
        #expect(TOTP(secret: Array("12345678901234567890123456789012".utf8), digits: 8, algorithm: .sha256).code(at: date) == sha256)
        #expect(TOTP(secret: Array("1234567890123456789012345678901234567890123456789012345678901234".utf8), digits: 8, algorithm: .sha512).code(at: date) == sha512)
    }

    /// RFC 4226 Appendix D: HOTP values for counters 0–9, 6 digits.
    @Test func matchesTheRFC4226HOTPValues() {
        let hotp = TOTP(secret: Array("12345678901234567890".utf8))
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        #expect((0..<10).map { hotp.code(step: Int64($0)) } == expected)
    }

    @Test func acceptsOneStepOfDriftAndNothingElse() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(totp.code(step: step), at: now) == step)
        #expect(totp.matchingStep(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(totp.code(step: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(totp.code(step: step - 2), at: now) == nil)
        #expect(totp.matchingStep("12345", at: now) == nil && totp.matchingStep("abcdef", at: now) == nil)
        let spaced = totp.code(step: step)
        #expect(totp.matchingStep(String(spaced.prefix(3)) + " " + String(spaced.suffix(3)), at: now) == step)
    }

    @Test func base32RoundTripsAndMatchesRFC4648() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.encode(Array("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(Base32.decode("mzxw 6ytb oi") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW6YTBOI======") == Array("foobar".utf8))
        #expect(Base32.decode("not base32!") == nil)
        let secret = TOTP.randomSecret()
        #expect(secret.count == 20 && Base32.decode(Base32.encode(secret)) == secret)
    }

    @Test func provisioningURIIsWhatAuthenticatorAppsRead() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        #expect(totp.provisioningURI(issuer: "CultureHub", account: "chengguan")
            == "otpauth://totp/CultureHub:chengguan?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=CultureHub")
        #expect(totp.provisioningURI(issuer: "新密文化云", account: "a b").contains("%E6%96%B0") )
    }
}
