import Fluent
import Foundation
import SQLKit
import SQLiteNIO
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct BackupTests {
    @Test func aBackupTakenUnderLoadIsConsistentAndRestoresToTheSameRows() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            guard (app.db as? any SQLDatabase)?.dialect.name == "sqlite" else {
                await #expect(throws: Backup.Failure.self) { try await Backup.write(to: dir + "/x.sqlite", from: app.db) }
                return
            }
            let activity = try await Activity.mock(f.chengguanStation, capacity: 50, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(120, on: app)
            let path = dir + "/during-load.sqlite"
            let activityPath = "/api/v1/activities/\(activity.id!)/registrations"

            try await withThrowingTaskGroup(of: Void.self) { group in
                for token in tokens {
                    group.addTask { _ = try await APIClient(app: app, token: token).send(.POST, activityPath, json: #"{"places":1}"#) }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(50))
                    try await Backup.write(to: path, from: app.db)
                }
                try await group.waitForAll()
            }

            // The copy is one consistent moment: its place counters match its registrations,
            // and its audit chain verifies on its own.
            let digests = try await Backup.inspect(path, on: app.eventLoopGroup, threadPool: app.threadPool)
            let copy = try await SQLiteConnection.open(storage: .file(path: path), threadPool: app.threadPool, on: app.eventLoopGroup.any())
            struct Places: Decodable { let confirmed_places: Int; let waiting_places: Int; let confirmed: Int?; let waiting: Int? }
            let places = try #require(try await copy.sql().raw("""
                SELECT a.confirmed_places, a.waiting_places,
                  (SELECT SUM(places) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'confirmed') AS confirmed,
                  (SELECT SUM(places) FROM registrations r WHERE r.activity_id = a.id AND r.status = 'waitlisted') AS waiting
                FROM activities a WHERE a.id = \(bind: activity.id!)
                """).first(decoding: Places.self))
            let chain = try await AuditLog.verify(sql: copy.sql())
            try await copy.close()
            #expect(places.confirmed_places == (places.confirmed ?? 0) && places.waiting_places == (places.waiting ?? 0))
            #expect(places.confirmed_places <= 50)
            #expect(chain.firstBreak == nil && chain.checked > 0)
            #expect(digests.first { $0.table == "accounts" }.map { $0.rows >= 120 } == true)

            // Restore into a new file and serve from it: the same rows, the same checksums.
            let live = dir + "/live/culturehub.sqlite"
            try FileManager.default.createDirectory(atPath: dir + "/live", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: live, contents: Data("old".utf8))
            let kept = try Backup.restore(path, over: live, now: clock.now())
            #expect(FileManager.default.fileExists(atPath: kept), "the replaced file is kept")
            var settings = Settings.forTesting([:])
            settings.database = .sqliteFile(path: live)
            let restored = try await Application.make(.testing)
            try await configure(restored, settings: settings, clock: clock, bcryptCost: 4)
            let after = try await Backup.digest(restored.db as! any SQLDatabase)
            try await restored.asyncShutdown()
            #expect(after == digests)
        }
    }

    @Test func aDamagedOrMissingBackupIsRefused() async throws {
        try await withTestApp { app, _ in
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).sqlite").path
            _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x41, count: 8192))
            defer { try? FileManager.default.removeItem(atPath: path) }
            await #expect(throws: Backup.Failure.self) { _ = try await Backup.inspect(path, on: app.eventLoopGroup, threadPool: app.threadPool) }
            await #expect(throws: Backup.Failure.self) { _ = try await Backup.inspect(path + ".missing", on: app.eventLoopGroup, threadPool: app.threadPool) }
        }
    }
}
