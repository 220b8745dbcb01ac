import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Uploaded files are served only to whoever may read the record they belong to (issue #19).
@Suite struct UploadAccessTests {
    /// Puts a small JPEG under DATA_DIR/uploads, as `Uploads.storeImage` would.
    static func storedPhoto(_ app: Application) throws -> String {
        let name = UUID().uuidString + ".jpg"
        let dir = app.settings.dataDirectory + "/uploads"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0, count: 64))))
        return name
    }

    static func temporaryData(_ s: inout Settings) {
        s.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
    }

    @Test func evidencePhotosFollowTheirRecordsScope() async throws {
        try await withTestApp(settings: Self.temporaryData) { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: -7200, mode: .open, now: clock.now(), on: app.db)
            let evidence = try Self.storedPhoto(app)
            activity.headcount = 40
            activity.headcountPhotoPath = evidence
            try await activity.update(on: app.db)
            let orphan = try Self.storedPhoto(app)
            let path = SiteURL.staffUpload(evidence).path

            let own = try await Browser.signedIn(app, as: "chengguan").get(path)
            let bureau = try await Browser.signedIn(app, as: "evaluator").get(path)
            let otherTownship = try await Browser.signedIn(app, as: "micun").get(path)
            let library = try await Browser.signedIn(app, as: "librarian").get(path)
            let stray = try await Browser.signedIn(app, as: "admin").get(SiteURL.staffUpload(orphan).path)
            let citizen = try await Browser.signedIn(app, as: "13800000001").get(path)

            #expect(own.status == .ok && own.headers.contentType?.description == "image/jpeg")
            #expect(bureau.status == .ok, "the city scope reads every township's evidence")
            #expect(otherTownship.status == .notFound && library.status == .notFound, "outside the scope the file does not exist")
            #expect(stray.status == .notFound, "a file no record names is served to nobody")
            #expect(citizen.status == .forbidden, "staff files are for staff")
        }
    }

    @Test func aComplaintPhotoIsForItsAuthorAndTheStaffInScope() async throws {
        try await withTestApp(settings: Self.temporaryData) { app, clock in
            let f = try await Fixtures.make(on: app)
            let world = try await AccessWorld.make(app, now: clock.now(), fixtures: f)
            let made = try await world.make(.ownComplaint, at: .cgStation)
            let complaint = try #require(try await Complaint.find(UUID(uuidString: made.params["id"]!), on: app.db))
            complaint.photoPath = try Self.storedPhoto(app)
            try await complaint.update(on: app.db)
            let id = complaint.id!

            let author = try await Browser.signedIn(app, as: "13800000001").get(SiteURL.feedback(.myComplaintPhoto(.id(id))).path)
            let stranger = try await Browser.signedIn(app, as: "13800000002").get(SiteURL.feedback(.myComplaintPhoto(.id(id))).path)
            let staffInScope = try await Browser.signedIn(app, as: "cgstation").get(SiteURL.feedback(.staffComplaintPhoto(.id(id))).path)
            let viaUploads = try await Browser.signedIn(app, as: "chengguan").get(SiteURL.staffUpload(complaint.photoPath!).path)
            let staffOutside = try await Browser.signedIn(app, as: "micun").get(SiteURL.feedback(.staffComplaintPhoto(.id(id))).path)
            let outsideViaUploads = try await Browser.signedIn(app, as: "librarian").get(SiteURL.staffUpload(complaint.photoPath!).path)

            #expect(author.status == .ok && stranger.status == .notFound)
            #expect(staffInScope.status == .ok && viaUploads.status == .ok)
            #expect(staffOutside.status == .notFound && outsideViaUploads.status == .notFound)
        }
    }

    @Test func anActivitysPublicPhotoIsPublicUntilItIsCancelled() async throws {
        try await withTestApp(settings: Self.temporaryData) { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.micunStation, now: clock.now(), on: app.db)
            activity.photoPath = try Self.storedPhoto(app)
            try await activity.update(on: app.db)

            let visitor = try await Browser(app).get(SiteURL.activities(.photo(.id(activity.id!))).path)
            let otherTownshipStaff = try await Browser.signedIn(app, as: "chengguan").get(SiteURL.staffUpload(activity.photoPath!).path)
            activity.status = .cancelled
            try await activity.update(on: app.db)
            let afterCancel = try await Browser.signedIn(app, as: "chengguan").get(SiteURL.staffUpload(activity.photoPath!).path)

            #expect(visitor.status == .ok)
            #expect(otherTownshipStaff.status == .ok, "a public photo is public to staff too")
            #expect(afterCancel.status == .notFound)
        }
    }
}
