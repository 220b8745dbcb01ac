import Foundation

/// Where a `next=` parameter may send the browser: a path on this site, nothing else.
///
/// Browsers drop tabs and line breaks inside a URL and read `\` as `/`, so "/\t/evil.example"
/// reaches another host, and a CR/LF would end the Location header and start one of the
/// attacker's. The rule is therefore stricter than "starts with one slash": no control
/// character, no backslash, no second slash right after the first, and anything outside
/// printable ASCII percent-encoded, so the header carries exactly what was checked.
enum LocalRedirect {
    static let maxLength = 2_048

    static func target(_ raw: String?, fallback: String) -> String {
        guard let raw, let safe = normalised(raw) else { return fallback }
        return safe
    }

    static func normalised(_ raw: String) -> String? {
        guard raw.utf8.count <= maxLength, raw.hasPrefix("/") else { return nil }
        for scalar in raw.unicodeScalars where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\\" {
            return nil
        }
        var allowed = CharacterSet(charactersIn: UnicodeScalar(0x21)...UnicodeScalar(0x7E))
        allowed.remove("\\")
        guard let encoded = raw.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        let second = encoded.dropFirst().first
        guard second != "/" else { return nil }
        return encoded
    }
}
