import Vapor

/// What every page needs to know about the request, gathered once by the controller
/// so views take values, not requests (DESIGN §2).
struct PageContext: Equatable {
    struct User: Equatable {
        let name: String
        let role: Role
    }

    var lang: Lang
    var largeType: Bool
    var user: User?
    var csrfToken: String
    /// The current path and query, so the language and large-type switches can come back here.
    var currentURL: String
    var isDemo: Bool
    var flash: String?

    init(lang: Lang, largeType: Bool = false, user: User? = nil, csrfToken: String = "",
         currentURL: String = "/", isDemo: Bool = false, flash: String? = nil) {
        self.lang = lang
        self.largeType = largeType
        self.user = user
        self.csrfToken = csrfToken
        self.currentURL = currentURL
        self.isDemo = isDemo
        self.flash = flash
    }

    /// Pages with a form ask for a CSRF token (a visitor gets it in a cookie, not a session row).
    init(_ req: Request, hasForm: Bool = false) {
        let account = req.auth.get(Account.self)
        self.init(
            lang: req.lang,
            largeType: req.cookies["large"]?.string == "1",
            user: account.map { User(name: $0.displayName, role: $0.role) },
            csrfToken: (hasForm || account != nil || req.hasSession) ? CSRF.token(for: req) : "",
            currentURL: req.url.string,
            isDemo: req.settings.isDemo,
            flash: Flash.take(from: req)
        )
    }

    func t(_ zh: String, _ en: String) -> String { lang.t(zh, en) }

    /// Whether the signed-in staff member may change the registry (evaluators may not).
    var canEdit: Bool { may(.editRegistry) }

    /// Whether the signed-in account's role holds a capability: pages hide what it cannot do.
    func may(_ capability: Capability) -> Bool { user?.role.may(capability) ?? false }
}

/// One-shot confirmation messages ("saved; next you can …"), kept in the session across the redirect.
enum Flash {
    static func set(_ req: Request, _ zh: String, _ en: String) {
        req.session.data["flash"] = req.lang.t(zh, en)
    }
    static func take(from req: Request) -> String? {
        guard req.hasSession, let message = req.session.data["flash"] else { return nil }
        req.session.data["flash"] = nil
        return message
    }
}
