import Fluent
import Foundation
import Vapor

/// The venue directory's filters, shared by the public page and `GET /api/v1/venues`.
struct VenueSearch: Equatable {
    var text: String = ""
    var type: VenueType?
    var tier: RegionLevel?
    var townshipID: UUID?
    var facility: AccessibilityFacility?
    var openNow = false
    var page = 1
    var per = 20

    struct Query: Content, Equatable {
        var q: String?
        var type: String?
        var tier: String?
        var township: String?
        var facility: String?
        var open: String?
        var page: String?
        var per: String?
    }

    /// Unknown values are field errors, in the user's language.
    static func parse(_ query: Query, lang: Lang) throws -> VenueSearch {
        var search = VenueSearch()
        var errors: FieldErrors = [:]
        search.text = String((query.q ?? "").trimmingCharacters(in: .whitespaces).prefix(50))
        func pick<E: RawRepresentable>(_ raw: String?, _ field: String) -> E? where E.RawValue == String {
            guard let raw, !raw.isEmpty else { return nil }
            guard let value = E(rawValue: raw) else {
                errors[field] = lang.t("不认识的取值“\(raw)”。", "Unknown value “\(raw)”.")
                return nil
            }
            return value
        }
        search.type = pick(query.type, "type")
        search.tier = pick(query.tier, "tier")
        search.facility = pick(query.facility, "facility")
        if let raw = query.township, !raw.isEmpty {
            if let id = UUID(uuidString: raw) { search.townshipID = id } else {
                errors["township"] = lang.t("乡镇编号无效。", "Invalid township id.")
            }
        }
        search.openNow = ["1", "true", "on"].contains(query.open ?? "")
        search.page = Paging.number(query.page, field: "page", min: 1, max: 100_000, into: &errors, lang: lang) ?? 1
        search.per = Paging.number(query.per, field: "per", min: 1, max: 100, into: &errors, lang: lang) ?? 20
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return search
    }

    func apply(to query: QueryBuilder<Venue>, on db: any Database, at time: DisplayTime) async throws -> QueryBuilder<Venue> {
        if !text.isEmpty {
            query.group(.or) { $0.filter(\.$name ~~ text).filter(\.$address ~~ text) }
        }
        if let type { query.filter(\.$type == type) }
        if let tier { query.filter(\.$tier == tier) }
        if let townshipID {
            guard let township = try await Region.find(townshipID, on: db) else {
                return query.filter(\.$id == UUID())  // an unknown township has no venues
            }
            query.within(\.$regionPath, township.path)
        }
        if let facility { query.filter(\.$accessibilityCodes ~~ ",\(facility.rawValue),") }
        if openNow {
            query.open(weekday: time.weekday, minute: time.minuteOfDay).filter(\.$status == .operating)
        }
        return query.sort(\.$tier).sort(\.$name)
    }
}

enum Paging {
    static func number(_ raw: String?, field: String, min: Int, max: Int, into errors: inout FieldErrors, lang: Lang) -> Int? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let n = Int(raw), n >= min, n <= max else {
            errors[field] = lang.t("应为 \(min)–\(max) 之间的整数。", "Must be a whole number from \(min) to \(max).")
            return nil
        }
        return n
    }
}
