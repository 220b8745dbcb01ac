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

    /// The JSON body, or 400 with the JSON error shape when it is not JSON of the right form.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        guard headers.contentType == .json || headers.contentType?.subType == "json" else {
            throw AppError.badRequest(zh: "请求内容必须是 JSON（Content-Type: application/json）。", en: "Send JSON with Content-Type: application/json.")
        }
        do { return try content.decode(T.self) } catch { throw AppError.malformedJSON }
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
