import Fluent
import Foundation

/// The JSON we send to the culture cloud for one activity (schema `culturehub.activity-report/1`,
/// documented in docs/cloud-report-format.md). 郑州文旅云's receiving API is not public, so this
/// is our own format; a gateway can map it to whatever the cloud asks for.
struct ReportPayload: Codable, Equatable {
    struct Unit: Codable, Equatable {
        let venueId: UUID
        let venueName: String
        /// The administrative code of the venue's region (县/乡镇/村), and the township's name.
        let regionCode: String
        let township: String?
    }
    struct ActivityPart: Codable, Equatable {
        let id: UUID
        let title: String
        let kind: String
        let kindName: String
        let startsAt: Date
        let endsAt: Date
        let location: String
        /// The village it was held in, for a mobile (流动) service.
        let villageCode: String?
        let villageName: String?
        let targetGroups: [String]
        let registration: String
        /// inPerson, online or hybrid; online and hybrid carry the live-stream link.
        let mode: String
        let streamURL: String?
        let capacity: Int
        /// Set when a village ordered it (点单).
        let orderId: UUID?
    }
    struct Attendance: Codable, Equatable {
        let inPerson: Int
        let online: Int
        let checkedIn: Int
        let headcount: Int?
        /// Why the reported figure is above capacity or above what was recorded; the report is then flagged.
        let excessReason: String?
    }
    struct Photo: Codable, Equatable {
        let sha256: String
        let contentType: String
        let bytes: Int
    }

    var schema = "culturehub.activity-report/1"
    let reportId: UUID
    let unit: Unit
    let activity: ActivityPart
    let attendance: Attendance
    let summary: String
    let photos: [Photo]
    let deadline: Date
    let submittedAt: Date
    let flagged: Bool

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static func build(_ report: ActivityReport, dataDirectory: String, on db: any Database) async throws -> ReportPayload {
        guard let activity = try await Activity.find(report.$activity.id, on: db),
              let venue = try await Venue.query(on: db).filter(\.$id == report.$venue.id).with(\.$region).first() else { throw AppError.notFound }
        let village = try await activity.$village.get(on: db)
        let order = try await ServiceOrder.query(on: db).filter(\.$activity.$id == activity.requireID()).first()
        let townships = try await TownshipIndex.load(on: db)
        let photoNames = [report.photoPath, activity.headcountPhotoPath, activity.photoPath].compactMap { $0 }
        var seen = Set<String>()
        let photos = photoNames.filter { seen.insert($0).inserted }.compactMap { photo(named: $0, in: dataDirectory) }
        return ReportPayload(
            reportId: try report.requireID(),
            unit: Unit(venueId: try venue.requireID(), venueName: venue.name, regionCode: venue.region.code,
                       township: townships.township(containing: venue.regionPath)?.name),
            activity: ActivityPart(id: try activity.requireID(), title: activity.title, kind: activity.kind.rawValue, kindName: activity.kind.zh,
                                   startsAt: activity.startsAt, endsAt: activity.endsAt, location: activity.location,
                                   villageCode: village?.code, villageName: village?.name, targetGroups: activity.targetGroups.map(\.rawValue),
                                   registration: activity.registration.rawValue, mode: activity.mode.rawValue,
                                   streamURL: activity.streamURL, capacity: activity.capacity, orderId: order?.id),
            attendance: Attendance(inPerson: report.attendance, online: report.onlineAttendance, checkedIn: report.checkedIn,
                                   headcount: report.headcount, excessReason: report.excessReason.isEmpty ? nil : report.excessReason),
            summary: report.summary, photos: photos, deadline: report.dueAt, submittedAt: report.submittedAt, flagged: report.flagged)
    }

    /// A photo is described by its content hash, so the cloud (and our integrity checks) can
    /// tell the same picture reused for two activities.
    static func photo(named name: String, in dataDirectory: String) -> Photo? {
        guard let data = FileManager.default.contents(atPath: dataDirectory + "/uploads/" + name) else { return nil }
        let type = Uploads.sniff([UInt8](data.prefix(16)))
        return Photo(sha256: Hex.sha256(data), contentType: type?.mimeType ?? "application/octet-stream", bytes: data.count)
    }
}
