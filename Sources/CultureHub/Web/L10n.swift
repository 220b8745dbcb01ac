import Vapor

/// The UI language. Chinese is the default (R9.2); English is one switch away.
/// Copy is written as a (Chinese, English) pair at the place it is used, so neither
/// language can go missing for a string and a reviewer reads both side by side.
public enum Lang: String, Sendable, Equatable, CaseIterable {
    case zh = "zh-Hans"
    case en = "en"

    public func t(_ zh: String, _ en: String) -> String {
        self == .zh ? zh : en
    }

    public var htmlLang: String { self == .zh ? "zh-CN" : "en" }
    public var other: Lang { self == .zh ? .en : .zh }

    /// Cookie first (the visible switch), then Accept-Language, then Chinese.
    static func of(_ req: Request) -> Lang {
        if let cookie = req.cookies["lang"]?.string, let lang = Lang(rawValue: cookie) {
            return lang
        }
        if let header = req.headers.first(name: .acceptLanguage) {
            for part in header.split(separator: ",") {
                let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
                if tag.hasPrefix("zh") { return .zh }
                if tag.hasPrefix("en") { return .en }
            }
        }
        return .zh
    }
}

/// Anything with a user-facing name in both languages (venue types, roles, facilities…).
public protocol Labeled {
    var zh: String { get }
    var en: String { get }
}

extension Labeled {
    public func label(_ lang: Lang) -> String { lang.t(zh, en) }
}

extension Request {
    var lang: Lang { Lang.of(self) }
}
