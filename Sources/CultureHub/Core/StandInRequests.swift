/// What a stand-in for another system (`cloud-receiver`, `sms-receiver`) counts: every request
/// that arrives, and how many of the first ones it still answers 503 on purpose.
struct StandInRequests: Sendable {
    private(set) var total = 0
    private var failuresLeft: Int

    init(failFirst: Int) { failuresLeft = failFirst }

    /// Counts one arrival; whether this one is to fail.
    mutating func arrive() -> (attempt: Int, fail: Bool) {
        total += 1
        guard failuresLeft > 0 else { return (total, false) }
        failuresLeft -= 1
        return (total, true)
    }
}
