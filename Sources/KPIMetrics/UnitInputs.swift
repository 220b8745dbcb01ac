/// The raw aggregates one unit's KPIs are computed from, as SQL returns them. Each group is
/// optional: nil means the unit has no data of that kind (no spaces, no staff rule, no ratings
/// table), which shows as "no data" and is left out of the score, never taken as 0 or 100 %.
public struct UnitInputs: Sendable, Equatable, Codable {
    /// Residents served (a township's population; nil for a venue).
    public var population: Int?
    /// Weekly opening minutes of the unit's main venue(s), averaged over them.
    public var weeklyOpeningMinutes: Int?
    /// Space-minutes open in the period and space-minutes used by approved bookings and
    /// activities (which never overlap in one space, so their sum is the union).
    public var openSpaceMinutes: Int = 0
    public var usedSpaceMinutes: Int = 0
    /// Activities held (published, ended within the period).
    public var activities: Int = 0
    public var largeEvents: Int = 0
    public var trainings: Int = 0
    public var specialGroupEvents: Int = 0
    /// Participations (人次): reported attendance, else headcount, else checked-in places.
    public var participations: Int = 0
    /// Distinct accounts checked in at least once.
    public var distinctParticipants: Int = 0
    public var confirmedPlaces: Int = 0
    public var checkedInPlaces: Int = 0
    /// Valid satisfaction scores and those of 4–5.
    public var ratings: Int = 0
    public var satisfiedRatings: Int = 0
    /// Reports due in the period and those filed on time.
    public var reportsDue: Int = 0
    public var reportsOnTime: Int = 0
    public var villages: Int = 0
    public var villagesWithCentre: Int = 0
    public var villagesServedByMobile: Int = 0
    public var ordersAnswered: Int = 0
    public var ordersAnsweredOnTime: Int = 0
    public var ordersDue: Int = 0
    public var ordersDelivered: Int = 0
    public var fullTimeStaff: Int = 0
    /// Full-time posts the staffing rule asks for; 0 when no rule applies.
    public var fullTimeRequired: Int = 0
    public var staffTrained: Int = 0
    public var staffOwingTraining: Int = 0
    public var venues: Int = 0
    public var venuesWithNotice: Int = 0
    public var volunteerMinutes: Int = 0
    /// Deductions counted against the unit in the period.
    public var inspectionFindings: Int = 0
    public var upheldComplaints: Int = 0
    public var integrityFlags: Int = 0

    public init() {}
}

/// One figure with what it came from. `value` is nil when there is nothing to measure.
public struct Measure: Sendable, Equatable, Codable {
    public var value: Double?
    public var numerator: Double
    public var denominator: Double?

    public init(value: Double?, numerator: Double, denominator: Double? = nil) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }

    public static func count(_ n: Int) -> Measure { Measure(value: Double(n), numerator: Double(n)) }

    /// numerator ÷ denominator, nil with a zero denominator; a numerator above the denominator
    /// is capped at 100 % (a village counted twice must not lift a rate past the whole).
    public static func rate(_ numerator: Int, of denominator: Int) -> Measure {
        Measure(value: denominator > 0 ? Double(min(numerator, denominator)) / Double(denominator) : nil,
                numerator: Double(numerator), denominator: Double(denominator))
    }
}

/// The KPI functions of DESIGN §5 over plain inputs.
public enum KPI {
    /// Every indicator that applies to `unit`, measured from `inputs`.
    public static func measures(_ inputs: UnitInputs, unit: UnitKind) -> [Indicator: Measure] {
        var out: [Indicator: Measure] = [:]
        for indicator in Indicator.allCases where indicator.applies(to: unit) {
            out[indicator] = measure(indicator, inputs)
        }
        return out
    }

    public static func measure(_ indicator: Indicator, _ i: UnitInputs) -> Measure {
        switch indicator {
        case .openingHours:
            guard let minutes = i.weeklyOpeningMinutes else { return Measure(value: nil, numerator: 0) }
            return Measure(value: Double(minutes) / 60, numerator: Double(minutes))
        case .utilization: return .rate(i.usedSpaceMinutes, of: i.openSpaceMinutes)
        case .participationPerThousand: return perThousand(i.participations, population: i.population)
        case .participationRate: return .rate(i.distinctParticipants, of: i.population ?? 0)
        case .showUp: return .rate(i.checkedInPlaces, of: i.confirmedPlaces)
        case .satisfaction: return .rate(i.satisfiedRatings, of: i.ratings)
        case .activities: return .count(i.activities)
        case .largeEvents: return .count(i.largeEvents)
        case .trainings: return .count(i.trainings)
        case .specialGroupEvents: return .count(i.specialGroupEvents)
        case .reportingTimeliness: return .rate(i.reportsOnTime, of: i.reportsDue)
        case .villageCoverage: return .rate(i.villagesWithCentre, of: i.villages)
        case .mobileCoverage: return .rate(i.villagesServedByMobile, of: i.villages)
        case .orderResponse: return .rate(i.ordersAnsweredOnTime, of: i.ordersAnswered)
        case .orderFulfilment: return .rate(i.ordersDelivered, of: i.ordersDue)
        case .staffing: return .rate(i.fullTimeStaff, of: i.fullTimeRequired)
        case .trainingCompliance: return .rate(i.staffTrained, of: i.staffOwingTraining)
        case .noticeCompliance: return .rate(i.venuesWithNotice, of: i.venues)
        case .volunteerHours: return Measure(value: Double(i.volunteerMinutes) / 60, numerator: Double(i.volunteerMinutes))
        }
    }

    /// Participations per 1,000 residents; nil without a population (a zero-population
    /// township would otherwise divide by zero or show an infinite rate).
    public static func perThousand(_ participations: Int, population: Int?) -> Measure {
        guard let population, population > 0 else { return Measure(value: nil, numerator: Double(participations)) }
        return Measure(value: Double(participations) * 1000 / Double(population), numerator: Double(participations), denominator: Double(population))
    }
}
