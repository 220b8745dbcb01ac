/// The units an evaluation ranks: a township (its whole subtree) or a city-tier venue.
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case township, venue
}

/// How an indicator's figure reads, which decides how it is scored and how a gap is put.
public enum MeasureKind: String, Sendable, Codable {
    /// Things that happened: activities, hours. Targets are minimums for the whole period.
    case count
    /// A share between 0 and 1: numerator ÷ denominator.
    case rate
    /// Hours a week.
    case weeklyHours
    /// Per 1,000 residents.
    case perThousand
}

/// Every KPI of DESIGN §5 that an evaluation scheme may weigh. The raw value is the stable
/// key stored in schemes and snapshots: renaming a case would orphan published runs.
public enum Indicator: String, Sendable, Codable, CaseIterable {
    case openingHours, utilization, participationPerThousand, participationRate, showUp, satisfaction
    case activities, largeEvents, trainings, specialGroupEvents, reportingTimeliness
    case villageCoverage, mobileCoverage, orderResponse, orderFulfilment
    case staffing, trainingCompliance, noticeCompliance, volunteerHours

    public var kind: MeasureKind {
        switch self {
        case .openingHours: .weeklyHours
        case .participationPerThousand: .perThousand
        case .activities, .largeEvents, .trainings, .specialGroupEvents, .volunteerHours: .count
        default: .rate
        }
    }

    /// Rates over a fixed whole (villages, staff, venues, open space-minutes, residents): closing
    /// the gap adds to the numerator only. The others (ratings, reports, orders, places) grow
    /// both sides with each new case.
    public var denominatorIsFixed: Bool {
        switch self {
        case .utilization, .participationRate, .villageCoverage, .mobileCoverage, .staffing, .trainingCompliance, .noticeCompliance: true
        default: false
        }
    }

    /// The thing counted, as a noun: "2 more 大型活动".
    public var nounZh: String {
        switch self {
        case .activities: "活动"; case .largeEvents: "大型活动"; case .trainings: "培训"; case .specialGroupEvents: "面向特殊群体的活动"
        default: zh
        }
    }

    /// Village coverage, mobile coverage and staffing are a township's business; a city venue
    /// has no villages and its staffing is not set by a per-township rule.
    public func applies(to unit: UnitKind) -> Bool {
        switch self {
        case .villageCoverage, .mobileCoverage, .staffing: unit == .township
        case .participationPerThousand, .participationRate: unit == .township
        default: true
        }
    }

    public var zh: String {
        switch self {
        case .openingHours: "每周开放时长"; case .utilization: "场地利用率"; case .participationPerThousand: "每千人参与人次"
        case .participationRate: "群众参与率"; case .showUp: "报名到场率"; case .satisfaction: "群众满意率"
        case .activities: "开展活动场次"; case .largeEvents: "大型活动场次"; case .trainings: "培训场次"
        case .specialGroupEvents: "特殊群体活动场次"; case .reportingTimeliness: "活动上报及时率"
        case .villageCoverage: "村级中心覆盖率"; case .mobileCoverage: "流动服务村覆盖率"
        case .orderResponse: "点单按时受理率"; case .orderFulfilment: "点单兑现率"; case .staffing: "专职人员配备率"
        case .trainingCompliance: "培训达标率"; case .noticeCompliance: "免费开放公示率"; case .volunteerHours: "志愿服务时长"
        }
    }

    public var en: String {
        switch self {
        case .openingHours: "Opening hours a week"; case .utilization: "Space utilization"; case .participationPerThousand: "Participations per 1,000 residents"
        case .participationRate: "Participation rate"; case .showUp: "Show-up rate"; case .satisfaction: "Satisfaction"
        case .activities: "Activities held"; case .largeEvents: "Large events"; case .trainings: "Training sessions"
        case .specialGroupEvents: "Special-group activities"; case .reportingTimeliness: "Reporting timeliness"
        case .villageCoverage: "Village-centre coverage"; case .mobileCoverage: "Mobile-service village coverage"
        case .orderResponse: "Orders answered on time"; case .orderFulfilment: "Orders delivered"; case .staffing: "Full-time staffing"
        case .trainingCompliance: "Training compliance"; case .noticeCompliance: "Free-opening notices"; case .volunteerHours: "Volunteer hours"
        }
    }

    /// The unit a gap is counted in ("2 more 场", "3 more hours a week").
    public var unitZh: String {
        switch kind {
        case .count: self == .volunteerHours ? "小时" : "场"
        case .weeklyHours: "小时/周"
        case .perThousand: "人次/千人"
        case .rate: "%"
        }
    }
}
