import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Marks confirmed places not checked in as no-shows after their activity ends (R4.2),
/// every ten minutes while the app runs. The no-show rule does not wait for it: it also
/// counts unmarked ones, so the sweep only keeps lists and exports plain.
final class NoShowSweeper: LifecycleHandler, Sendable {
    private let task = NIOLockedValueBox<RepeatedTask?>(nil)

    func didBootAsync(_ app: Application) async throws {
        guard app.environment != .testing else { return }
        let loop = app.eventLoopGroup.next()
        let repeated = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(30), delay: .minutes(10)) { _ in
            loop.makeFutureWithTask {
                do { try await RegistrationDesk.sweepNoShows(now: app.clock.now(), on: app.db) } catch {
                    app.logger.warning("no-show sweep failed: \(error)")
                }
            }
        }
        task.withLockedValue { $0 = repeated }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }
}
