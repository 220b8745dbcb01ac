import Fluent
import Vapor

extension Request {
    /// `page` and `per` from the query string, with field errors for anything else.
    func apiPage(defaultPer: Int = 20) throws -> PageRequest {
        var errors: FieldErrors = [:]
        let page = Paging.number(query[String.self, at: "page"], field: "page", min: 1, max: 100_000, into: &errors, lang: lang) ?? 1
        let per = Paging.number(query[String.self, at: "per"], field: "per", min: 1, max: 100, into: &errors, lang: lang) ?? defaultPer
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return PageRequest(page: page, per: per)
    }

    /// An optional query value from a closed set (`type=month`): nil when absent, a field error
    /// in `errors` when it is not one of the set.
    func apiEnum<E: RawRepresentable>(_: E.Type, _ name: String, into errors: inout FieldErrors) -> E? where E.RawValue == String {
        guard let raw = query[String.self, at: name], !raw.isEmpty else { return nil }
        guard let value = E(rawValue: raw) else {
            errors[name] = lang.t("“\(raw)”不是可选的取值。", "\"\(raw)\" is not one of the allowed values.")
            return nil
        }
        return value
    }

    /// The JSON body, or 400 with the JSON error shape when it is not JSON of the right form.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json || headers.contentType?.subType == "json" else {
            throw AppError.badRequest(zh: "请求内容必须是 JSON（Content-Type: application/json）。", en: "Send JSON with Content-Type: application/json.")
        }
        do {
            return try content.decode(T.self)
        } catch DecodingError.typeMismatch(let type, let context) {
            // Well-formed JSON with a wrong type is a field error, so the client knows which field.
            let expected = type == Int.self ? lang.t("整数", "a whole number")
                : type == Double.self ? lang.t("数字", "a number")
                : type == Bool.self ? lang.t("true 或 false", "true or false")
                : type == UUID.self ? lang.t("编号（UUID）", "an id (UUID)")
                : lang.t("文本", "text")
            throw AppError.invalid([Self.fieldName(context.codingPath): lang.t("类型不对，应为\(expected)。", "Wrong type: expected \(expected).")])
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw AppError.invalid([Self.fieldName(context.codingPath): lang.t("取值格式不对。", "This value is not in the expected format.")])
        } catch {
            throw AppError.malformedJSON
        }
    }
}

extension Request {
    static func fieldName(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}

extension Page where T: Sendable {
    func dto<D: Content>(_ map: (T) -> D) -> PageDTO<D> {
        PageDTO(items: items.map(map), page: metadata.page, per: metadata.per, total: metadata.total)
    }
}

func created<C: Content>(_ value: C, for req: Request) async throws -> Response {
    try await value.encodeResponse(status: .created, for: req)
}

extension Request {
    /// Runs a desk call for the API. Desks validate the fields a page's form posts; the JSON body
    /// names some of them differently (`venue` is `venueId`, `amount` is `amountFen`), so field
    /// errors come back under the JSON path the client sent and can fix.
    func desk<T>(fields jsonNames: [String: String], _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch AppError.invalid(let errors) {
            throw AppError.invalid(Dictionary(errors.map { (jsonNames[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        }
    }
}
