import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Work the app repeats while it runs (sweeps, purges, write-behind). Failures are logged and
/// the next run comes as planned; nothing here may be needed for correctness, since another
/// process may be running the same task.
final class PeriodicTask: LifecycleHandler, Sendable {
    private let name: String
    private let initialDelay: TimeAmount
    private let interval: TimeAmount
    private let runsInTests: Bool
    private let work: @Sendable (Application) async throws -> Void
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    init(_ name: String, after initialDelay: TimeAmount, every interval: TimeAmount, runsInTests: Bool = false,
         _ work: @escaping @Sendable (Application) async throws -> Void) {
        self.name = name
        self.initialDelay = initialDelay
        self.interval = interval
        self.runsInTests = runsInTests
        self.work = work
    }

    func didBootAsync(_ app: Application) async throws {
        guard runsInTests || app.environment != .testing else { return }
        let loop = app.eventLoopGroup.next()
        let (name, work) = (self.name, self.work)
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: initialDelay, delay: interval) { _ in
            loop.makeFutureWithTask {
                do { try await work(app) } catch { app.logger.warning("\(name) failed: \(error)") }
            }
        }
        task.withLockedValue { $0 = repeated }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }
}
