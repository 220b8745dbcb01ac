/// Staffing rules for culture posts (R7.1). Days are whole days counted from any fixed epoch
/// (the app uses days since 1970 in the display time zone); a post's last day is inclusive.
public struct StaffingRule: Sendable, Equatable {
    /// Full-time culture staff every township needs (乡镇综合文化站 ≥2 专职人员).
    public var townshipFullTime: Int
    /// One more full-time post per this many residents above the base; 0 turns it off.
    public var residentsPerExtraPost: Int
    /// Part-time (or better) staff every village centre needs.
    public var villagePartTime: Int

    public init(townshipFullTime: Int = 2, residentsPerExtraPost: Int = 0, villagePartTime: Int = 1) {
        self.townshipFullTime = townshipFullTime
        self.residentsPerExtraPost = residentsPerExtraPost
        self.villagePartTime = villagePartTime
    }

    /// Full-time staff a township of this population needs: the base, or one per
    /// `residentsPerExtraPost` residents when that is more.
    public func requiredFullTime(population: Int) -> Int {
        guard residentsPerExtraPost > 0, population > 0 else { return townshipFullTime }
        return max(townshipFullTime, (population + residentsPerExtraPost - 1) / residentsPerExtraPost)
    }
}

public struct PostSpan: Sendable, Equatable {
    public let firstDay: Int
    /// Nil while the person is still in post.
    public let lastDay: Int?
    public init(firstDay: Int, lastDay: Int?) { self.firstDay = firstDay; self.lastDay = lastDay }

    public func covers(_ day: Int) -> Bool { firstDay <= day && (lastDay.map { day <= $0 } ?? true) }

    public func overlaps(_ other: PostSpan) -> Bool {
        firstDay <= (other.lastDay ?? Int.max) && other.firstDay <= (lastDay ?? Int.max)
    }

    /// Days of this post inside `from…to` (both inclusive).
    public func days(from: Int, to: Int) -> Int {
        max(0, min(lastDay ?? Int.max, to) - max(firstDay, from) + 1)
    }
}

public enum Staffing {
    public static func inPost(_ posts: [PostSpan], on day: Int) -> Int {
        posts.filter { $0.covers(day) }.count
    }

    /// The first day of the current stretch below `required` (searching back to `earliest`),
    /// or nil if the unit has enough staff on `today`. A township that lost its second
    /// full-time member in June reports the day after that member's last day.
    public static func shortSince(_ posts: [PostSpan], required: Int, today: Int, earliest: Int) -> Int? {
        guard inPost(posts, on: today) < required else { return nil }
        var day = today
        while day > earliest && inPost(posts, on: day - 1) < required { day -= 1 }
        return day
    }
}
