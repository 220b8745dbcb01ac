import Vapor

/// Marks confirmed places not checked in as no-shows after their activity ends (R4.2),
/// every ten minutes while the app runs. The no-show rule does not wait for it: it also
/// counts unmarked ones, so the sweep only keeps lists and exports plain.
enum NoShowSweeper {
    static func task() -> PeriodicTask {
        PeriodicTask("no-show sweep", after: .seconds(30), every: .minutes(10)) { app in
            try await RegistrationDesk.sweepNoShows(now: app.clock.now(), on: app.db)
        }
    }
}
