/// Venue types of R1.2. The tier follows from the type.
public enum VenueType: String, Codable, Sendable, CaseIterable, Labeled {
    case culturalCentre, library, cityBookRoom, museum, gymnasium, operaCentre
    case townshipStation, libraryBranch, villageCentre

    public var tier: RegionLevel {
        switch self {
        case .culturalCentre, .library, .cityBookRoom, .museum, .gymnasium, .operaCentre: .city
        case .townshipStation, .libraryBranch: .township
        case .villageCentre: .village
        }
    }
    public var zh: String {
        switch self {
        case .culturalCentre: "文化馆"; case .library: "图书馆"; case .cityBookRoom: "城市书房"
        case .museum: "博物馆"; case .gymnasium: "体育馆"; case .operaCentre: "豫剧文化演艺中心"
        case .townshipStation: "综合文化站"; case .libraryBranch: "图书馆分馆"
        case .villageCentre: "基层综合性文化服务中心"
        }
    }
    public var en: String {
        switch self {
        case .culturalCentre: "Cultural centre"; case .library: "Library"; case .cityBookRoom: "City book room"
        case .museum: "Museum"; case .gymnasium: "Gymnasium"; case .operaCentre: "Yu-opera performing centre"
        case .townshipStation: "Township culture station"; case .libraryBranch: "Library branch"
        case .villageCentre: "Village culture service centre"
        }
    }
}

/// Role in the main–branch system (总分馆制, R1.3).
public enum NetworkRole: String, Codable, Sendable, CaseIterable, Labeled {
    case main, branch, servicePoint, standalone
    public var zh: String { switch self { case .main: "总馆"; case .branch: "分馆"; case .servicePoint: "服务点"; case .standalone: "独立场馆" } }
    public var en: String { switch self { case .main: "Main venue"; case .branch: "Branch"; case .servicePoint: "Service point"; case .standalone: "Stand-alone" } }
}

public enum VenueStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case operating, renovating, suspended, planned
    public var zh: String { switch self { case .operating: "正常开放"; case .renovating: "改造中"; case .suspended: "暂停开放"; case .planned: "筹建中" } }
    public var en: String { switch self { case .operating: "Open"; case .renovating: "Under renovation"; case .suspended: "Suspended"; case .planned: "Planned" } }
}

/// Accessibility facilities of R2.2.
public enum AccessibilityFacility: String, Codable, Sendable, CaseIterable, Labeled {
    case ramp, accessibleToilet, lift, tactilePaving, brailleSignage, hearingLoop, accessibleParking, wheelchairLoan
    public var zh: String {
        switch self {
        case .ramp: "无障碍坡道"; case .accessibleToilet: "无障碍卫生间"; case .lift: "无障碍电梯"
        case .tactilePaving: "盲道"; case .brailleSignage: "盲文标识"; case .hearingLoop: "助听环路"
        case .accessibleParking: "无障碍停车位"; case .wheelchairLoan: "轮椅借用"
        }
    }
    public var en: String {
        switch self {
        case .ramp: "Ramp"; case .accessibleToilet: "Accessible toilet"; case .lift: "Lift"
        case .tactilePaving: "Tactile paving"; case .brailleSignage: "Braille signage"; case .hearingLoop: "Hearing loop"
        case .accessibleParking: "Accessible parking"; case .wheelchairLoan: "Wheelchair loan"
        }
    }

    /// Stored as `,ramp,lift,` so one facility is one LIKE on both databases.
    static func encode(_ set: Set<AccessibilityFacility>) -> String {
        let names = allCases.filter(set.contains).map(\.rawValue)
        return names.isEmpty ? "" : "," + names.joined(separator: ",") + ","
    }
    static func decode(_ stored: String) -> [AccessibilityFacility] {
        stored.split(separator: ",").compactMap { AccessibilityFacility(rawValue: String($0)) }
    }
}

public enum SpaceKind: String, Codable, Sendable, CaseIterable, Labeled {
    case hall, theatre, classroom, readingRoom, exhibitionHall, rehearsalRoom, sportsHall, square, multipurpose
    public var zh: String {
        switch self {
        case .hall: "多功能厅"; case .theatre: "剧场"; case .classroom: "培训教室"; case .readingRoom: "阅览室"
        case .exhibitionHall: "展厅"; case .rehearsalRoom: "排练室"; case .sportsHall: "运动场馆"
        case .square: "文化广场"; case .multipurpose: "综合活动室"
        }
    }
    public var en: String {
        switch self {
        case .hall: "Function hall"; case .theatre: "Theatre"; case .classroom: "Classroom"; case .readingRoom: "Reading room"
        case .exhibitionHall: "Exhibition hall"; case .rehearsalRoom: "Rehearsal room"; case .sportsHall: "Sports hall"
        case .square: "Culture square"; case .multipurpose: "Activity room"
        }
    }
}

/// Special-group resources of R2.3.
public enum SpecialResourceKind: String, Codable, Sendable, CaseIterable, Labeled {
    case childrensCollection, brailleCollection, largePrint, audioMaterials
    public var zh: String {
        switch self {
        case .childrensCollection: "少儿图书"; case .brailleCollection: "盲文图书"
        case .largePrint: "大字本读物"; case .audioMaterials: "有声读物"
        }
    }
    public var en: String {
        switch self {
        case .childrensCollection: "Children's collection"; case .brailleCollection: "Braille collection"
        case .largePrint: "Large-print materials"; case .audioMaterials: "Audio materials"
        }
    }
}

public enum Weekday: Int, Codable, Sendable, CaseIterable, Labeled {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
    public var zh: String { ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][rawValue - 1] }
    public var en: String { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1] }
}
