import Foundation
import Vapor

enum PasswordPolicy {
    /// ≥8 characters with at least one letter and one digit; bcrypt reads at most 72 bytes.
    static func check(_ password: String, into check: inout FormCheck, field: String = "password") {
        if password.count < 8 {
            check.fail(field, "密码至少 8 位。", "Use at least 8 characters.")
        } else if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            // bcrypt stops reading at a NUL: "a1\0anything" would be the password "a1".
            check.fail(field, "密码不能包含控制字符。", "The password cannot contain control characters.")
        } else if password.utf8.count > 72 {
            check.fail(field, "密码过长（最多 72 个字节）。", "The password is too long (72 bytes at most).")
        } else if !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            check.fail(field, "密码须同时包含字母和数字。", "Use both letters and digits.")
        }
    }
}

enum MobileNumber {
    /// Mainland China mobile numbers: 11 digits starting 13–19. Spaces and dashes are tolerated.
    static func normalize(_ raw: String) -> String? {
        var digits = raw.filter { !$0.isWhitespace && $0 != "-" }
        if digits.hasPrefix("+86") { digits.removeFirst(3) }
        guard digits.count == 11, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              digits.hasPrefix("1"), let second = digits.dropFirst().first, ("3"..."9").contains(second) else { return nil }
        return digits
    }

    /// 138****5678, for lists and logs (DESIGN §3 rule 10).
    static func masked(_ number: String) -> String {
        guard number.count == 11 else { return number }
        return String(number.prefix(3)) + "****" + String(number.suffix(4))
    }
}

enum LoginPolicy {
    static let maxFailures = 5
    static let lockDuration: TimeInterval = 30 * 60
}

extension Account {
    var isCitizen: Bool { role == .citizen }
    var maskedLogin: String { isCitizen ? MobileNumber.masked(login) : login }
}
