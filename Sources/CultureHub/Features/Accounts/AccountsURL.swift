import Foundation

/// A signed-in person's own account pages, and the staff accounts administrators keep.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.accounts(.twoFactor)`.
public enum AccountsURL: Sendable, Equatable {
    case home, tokens, token(Ref), password, data, delete, profile, twoFactor, twoFactorDisable
    case phone, phoneCode, phoneConfirm
    case staffIndex, staffNew, staffUnlock(Ref), staffPassword(Ref)
    case staffEdit(Ref), staffDeactivate(Ref), staffReactivate(Ref)

    var path: String {
        switch self {
        case .home: "/account"
        case .tokens: "/account/tokens"
        case .token(let r): "/account/tokens/\(r.segment)/revoke"
        case .password: "/account/password"
        case .data: "/account/my-data.json"
        case .delete: "/account/delete"
        case .profile: "/account/profile"
        case .twoFactor: "/account/two-factor"
        case .twoFactorDisable: "/account/two-factor/disable"
        case .phone: "/account/phone"
        case .phoneCode: "/account/phone/code"
        case .phoneConfirm: "/account/phone/confirm"
        case .staffIndex: "/staff/accounts"
        case .staffNew: "/staff/accounts/new"
        case .staffUnlock(let r): "/staff/accounts/\(r.segment)/unlock"
        case .staffPassword(let r): "/staff/accounts/\(r.segment)/password"
        case .staffEdit(let r): "/staff/accounts/\(r.segment)/edit"
        case .staffDeactivate(let r): "/staff/accounts/\(r.segment)/deactivate"
        case .staffReactivate(let r): "/staff/accounts/\(r.segment)/reactivate"
        }
    }
}
