import Foundation
import Vapor

/// Photos uploaded as evidence. The type is decided by the file's first bytes, never by
/// its name or the browser's claim, and files go under DATA_DIR/uploads with a new name.
enum Uploads {
    static let maxBytes = 5 * 1024 * 1024

    enum ImageType: String {
        case jpeg = "jpg", png, webp
        var mimeType: String { self == .jpeg ? "image/jpeg" : "image/" + rawValue }
    }

    static func sniff(_ bytes: [UInt8]) -> ImageType? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// Serves an uploaded photo to staff who may read the record it belongs to; names are our
    /// own UUIDs, so nothing else can be asked for.
    @Sendable static func serve(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        guard try await UploadAccess.staffMayRead(name, req) else { throw AppError.notFound }
        return try response(for: name, settings: req.settings, cache: "private, max-age=86400")
    }

    /// The stored file `name` as an image response; 404 for anything that is not one of ours.
    static func response(for name: String, settings: Settings, cache: String) throws -> Response {
        let parts = name.split(separator: ".")
        guard parts.count == 2, UUID(uuidString: String(parts[0])) != nil, let type = ImageType(rawValue: String(parts[1])) else { throw AppError.notFound }
        let path = settings.dataDirectory + "/uploads/" + name
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type.mimeType)
        headers.replaceOrAdd(name: .cacheControl, value: cache)
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// Stores the image and returns its file name; field errors for anything else.
    static func storeImage(_ file: File, in dataDirectory: String, lang: Lang) throws -> String {
        var buffer = file.data
        guard buffer.readableBytes <= maxBytes else {
            throw AppError.invalid(["photo": lang.t("照片不能超过 5 MB。", "The photo must be at most 5 MB.")])
        }
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        guard let type = sniff(bytes) else {
            throw AppError.invalid(["photo": lang.t("只能上传 JPEG、PNG 或 WebP 格式的照片。", "Upload a JPEG, PNG or WebP photo.")])
        }
        let directory = dataDirectory + "/uploads"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = UUID().uuidString.lowercased() + "." + type.rawValue
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
        return name
    }
}
