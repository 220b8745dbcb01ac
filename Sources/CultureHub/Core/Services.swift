import Crypto
import Foundation
import Vapor

/// Time comes from here so lockouts and notice validity can be tested (DESIGN §3 rule 7).
public protocol AppClock: Sendable {
    func now() -> Date
}

public struct SystemClock: AppClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock tests move by hand.
public final class ManualClock: AppClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = start }
    public func now() -> Date { lock.withLock { current } }
    public func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

struct ClockKey: StorageKey { typealias Value = any AppClock }
struct SettingsKey: StorageKey { typealias Value = Settings }
struct SigningKeysKey: StorageKey { typealias Value = SigningKeys }
struct FieldCipherKey: StorageKey { typealias Value = FieldCipher }

extension Application {
    public var clock: any AppClock {
        get { storage[ClockKey.self] ?? SystemClock() }
        set { storage[ClockKey.self] = newValue }
    }
    public var settings: Settings {
        get { storage[SettingsKey.self]! }
        set { storage[SettingsKey.self] = newValue }
    }
}

extension Application {
    /// Set once in `configure`, read by every request.
    var signingKeys: SigningKeys {
        get { storage[SigningKeysKey.self]! }
        set { storage[SigningKeysKey.self] = newValue }
    }
    var fieldCipher: FieldCipher {
        get { storage[FieldCipherKey.self]! }
        set { storage[FieldCipherKey.self] = newValue }
    }
}

extension Request {
    /// The key that signs check-in codes (R4.2).
    func checkInKey() async throws -> SymmetricKey { try await application.signingKeys.key("checkin", on: db) }

    var now: Date { application.clock.now() }
    var settings: Settings { application.settings }
}

struct DummyPasswordHashKey: StorageKey { typealias Value = String }

extension Application {
    /// A hash at the configured cost, checked against when the name has no account, so a
    /// sign-in for an unknown name takes as long as one for a real account.
    var dummyPasswordHash: String {
        get { storage[DummyPasswordHashKey.self]! }
        set { storage[DummyPasswordHashKey.self] = newValue }
    }
}
