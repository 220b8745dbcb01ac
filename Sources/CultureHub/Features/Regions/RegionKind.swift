/// The three tiers of R1.1.
public enum RegionLevel: String, Codable, Sendable, CaseIterable, Labeled {
    case city, township, village
    public var zh: String { switch self { case .city: "市"; case .township: "乡镇/街道"; case .village: "村/社区" } }
    public var en: String { switch self { case .city: "City"; case .township: "Township"; case .village: "Village" } }
}

public enum RegionKind: String, Codable, Sendable, CaseIterable, Labeled {
    case city, subdistrict, town, township, scenicArea, village, community

    public var level: RegionLevel {
        switch self {
        case .city: .city
        case .subdistrict, .town, .township, .scenicArea: .township
        case .village, .community: .village
        }
    }
    public var zh: String {
        switch self {
        case .city: "市"; case .subdistrict: "街道"; case .town: "镇"; case .township: "乡"
        case .scenicArea: "风景区管委会"; case .village: "行政村"; case .community: "社区"
        }
    }
    public var en: String {
        switch self {
        case .city: "City"; case .subdistrict: "Subdistrict"; case .town: "Town"; case .township: "Township"
        case .scenicArea: "Scenic-area committee"; case .village: "Village"; case .community: "Community"
        }
    }
}
