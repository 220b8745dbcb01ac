import Fluent
import Vapor

/// Who may open an uploaded file (issue #19): whoever may read the record it belongs to. A file
/// no record names, or one whose record lies outside the account's scope, does not exist (404).
enum UploadAccess {
    static func staffMayRead(_ name: String, _ req: Request) async throws -> Bool {
        let staff = try req.staff()
        let db = req.db
        // An activity's public photo is public; its headcount evidence stays with staff in scope.
        let publicPhotos = Activity.query(on: db).filter(\.$photoPath == name).filter(\.$status == .published)
        if try await publicPhotos.count() > 0 { return true }
        let scope = staff.scope
        if try await scope.filter(Activity.query(on: db)).filter(\.$headcountPhotoPath == name).count() > 0 { return true }
        if try await scope.filter(ActivityReport.query(on: db)).filter(\.$photoPath == name).count() > 0 { return true }
        if try await scope.filter(Complaint.query(on: db)).filter(\.$photoPath == name).count() > 0 { return true }
        if try await scope.filter(Inspection.query(on: db)).filter(\.$photoPath == name).count() > 0 { return true }
        return try await scope.filter(RectificationTask.query(on: db)).filter(\.$evidencePhoto == name).count() > 0
    }
}
