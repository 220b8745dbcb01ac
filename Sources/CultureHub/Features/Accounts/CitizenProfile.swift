import Fluent
import Foundation

/// Disability categories of the national standard (GB/T 26341-2010), with certificate grades 1–4.
public enum DisabilityCategory: String, Codable, Sendable, CaseIterable, Labeled {
    case visual, hearing, speech, physical, intellectual, mental, multiple
    public var zh: String {
        switch self {
        case .visual: "视力残疾"; case .hearing: "听力残疾"; case .speech: "言语残疾"; case .physical: "肢体残疾"
        case .intellectual: "智力残疾"; case .mental: "精神残疾"; case .multiple: "多重残疾"
        }
    }
    public var en: String {
        switch self {
        case .visual: "Visual"; case .hearing: "Hearing"; case .speech: "Speech"; case .physical: "Physical"
        case .intellectual: "Intellectual"; case .mental: "Mental"; case .multiple: "Multiple"
        }
    }
}

/// What a citizen chose to tell us about themselves. The ID number and disability status are
/// stored only encrypted; lists and logs see the masked ID number at most.
public final class CitizenProfile: Model, @unchecked Sendable {
    public static let schema = "citizen_profiles"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    /// yyyy-MM-dd.
    @OptionalField(key: "birth_date") public var birthDate: String?
    @OptionalField(key: "id_number_enc") public var idNumberSealed: String?
    @OptionalField(key: "id_number_masked") public var idNumberMasked: String?
    /// "category:grade", sealed.
    @OptionalField(key: "disability_enc") public var disabilitySealed: String?
    @OptionalField(key: "guardian_name") public var guardianName: String?
    @OptionalField(key: "guardian_relation") public var guardianRelation: String?
    @OptionalField(key: "guardian_phone") public var guardianPhone: String?
    @OptionalField(key: "guardian_consent_at") public var guardianConsentAt: Date?
    /// Where the citizen lives: they may rate the services their village ordered (点单).
    @OptionalField(key: "home_village_id") public var homeVillageID: UUID?
    /// When the home village was last set: services delivered before that are not rated through it.
    @OptionalField(key: "home_village_since") public var homeVillageSince: Date?
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    /// Under 14 on `today` (yyyy-MM-dd): a guardian must consent to the processing of their data.
    static func isChild(birthDate: String?, today: String) -> Bool {
        guard let birthDate, birthDate.count == 10, let year = Int(today.prefix(4)) else { return false }
        return birthDate > String(year - 14) + today.dropFirst(4)
    }
}

/// The 18-character resident identity number (GB 11643-1999): 17 digits and an ISO 7064
/// MOD 11-2 check character; the birth date sits in characters 7–14.
enum ResidentID {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checks = Array("10X98765432")

    static func normalised(_ raw: String) -> String { raw.trimmingCharacters(in: .whitespaces).uppercased() }

    static func isValid(_ raw: String) -> Bool {
        let id = Array(normalised(raw))
        guard id.count == 18, id[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }), birthDate(String(id)) != nil else { return false }
        let sum = zip(id[0..<17], weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return checks[sum % 11] == id[17]
    }

    /// yyyy-MM-dd from characters 7–14, if it is a real date.
    static func birthDate(_ id: String) -> String? {
        let chars = Array(id)
        guard chars.count == 18, let y = Int(String(chars[6..<10])), let m = Int(String(chars[10..<12])), let d = Int(String(chars[12..<14])) else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard (1900...2100).contains(y), DateComponents(year: y, month: m, day: d).isValidDate(in: cal) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// 410183********1234: the area code and the last four, as lists show it.
    static func masked(_ id: String) -> String {
        let id = normalised(id)
        guard id.count == 18 else { return "******" }
        return String(id.prefix(6)) + String(repeating: "*", count: 8) + String(id.suffix(4))
    }
}
