import Fluent
import Foundation

/// A year of activity for existing venues, as `culturehub generate` and the demo city need it:
/// activities in spaces, villages and on tour, with headcounts, registrations for some, reports
/// (mostly on time), ratings and approved bookings. Rows are built in memory in chunks and
/// inserted in batches, so a prefecture's year takes minutes, not hours.
struct YearGenerator {
    /// Activities a month per venue tier: a village centre ~5, a station ~5, a city venue ~30,
    /// which gives a county about 25,000 a year.
    var perMonth: [RegionLevel: Int] = [.village: 5, .township: 5, .city: 30]
    var ratingsPerActivity = 0.5
    var bookingsPerSpaceMonth = 8
    var raters: [UUID] = []

    struct Counts { var activities = 0, reports = 0, registrations = 0, ratings = 0, bookings = 0, participations = 0 }

    static let kinds: [ServiceKind] = [.performance, .exhibition, .training, .lecture, .reading, .sports, .film, .coaching]
    static let groups: [[TargetGroup]] = [[.everyone], [.everyone], [.everyone], [.children], [.elderly], [.everyone, .elderly], [.disabled], [.migrantWorkers]]

    /// Rows waiting to be written, flushed every 2,000 activities in one transaction.
    final class Pending {
        var activities: [Activity] = [], reports: [ActivityReport] = [], jobs: [OutboundJob] = []
        var registrations: [Registration] = [], ratings: [Rating] = [], bookings: [SpaceBooking] = []
        var counts = Counts()

        func flush(force: Bool, on db: any Database) async throws {
            guard force || activities.count >= 2_000 else { return }
            try await db.writeTransaction { [activities, reports, jobs, registrations, ratings, bookings] tx in
                for chunk in activities.chunked(400) { try await chunk.create(on: tx) }
                for chunk in reports.chunked(800) { try await chunk.create(on: tx) }
                for chunk in jobs.chunked(800) { try await chunk.create(on: tx) }
                for chunk in registrations.chunked(800) { try await chunk.create(on: tx) }
                for chunk in ratings.chunked(800) { try await chunk.create(on: tx) }
                for chunk in bookings.chunked(500) { try await chunk.create(on: tx) }
            }
            counts.activities += activities.count; counts.reports += reports.count; counts.registrations += registrations.count
            counts.ratings += ratings.count; counts.bookings += bookings.count
            activities = []; reports = []; jobs = []; registrations = []; ratings = []; bookings = []
        }
    }

    func run(venues: [Venue], spaces: [Space], from first: Date, until last: Date, timeZone: TimeZone, random: inout SeededRandom, on db: any Database) async throws -> Counts {
        let span = last.timeIntervalSince(first)
        guard span > 86_400 else { return Counts() }
        let months = max(1, span / (30 * 86_400)), days = Int(span / 86_400)
        let spaceOf = Dictionary(spaces.map { ($0.$venue.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pending = Pending()
        var raterIndex = 0
        for venue in venues where venue.status == .operating {
            let space = spaceOf[venue.id!]
            // A space holds one thing at a time (as booking enforces): (day, two-hour slot) taken.
            var taken = Set<Int>()
            for _ in 0..<Int((Double(perMonth[venue.tier] ?? 0) * months).rounded()) {
                // Two-hour slots starting 9:00, 11:00 … 19:00.
                let dayIndex = random.int(0...max(0, days - 1)), slot = random.int(0...5)
                let starts = first.addingTimeInterval(Double(dayIndex) * 86_400 + Double(9 + slot * 2) * 3600)
                guard starts.addingTimeInterval(7200) < last else { continue }
                let inSpace = space != nil && random.chance(0.5) && taken.insert(dayIndex * 8 + slot).inserted
                let a = activity(venue, starts: starts, space: inSpace ? space : nil, random: &random)
                let people = attendance(a, venue: venue, raterIndex: raterIndex, into: pending, random: &random)
                pending.activities.append(a)
                pending.counts.participations += people
                if random.chance(0.97) { report(a, people: people, into: pending, random: &random) }
                if !raters.isEmpty {
                    rate(a, from: raterIndex, into: pending, random: &random)
                    raterIndex += 3
                }
                try await pending.flush(force: false, on: db)
            }
            if let space { book(space, venue: venue, from: first, days: days, months: months, into: pending) }
        }
        try await pending.flush(force: true, on: db)
        return pending.counts
    }

    func activity(_ venue: Venue, starts: Date, space: Space?, random: inout SeededRandom) -> Activity {
        let a = Activity()
        a.id = UUID(); a.$venue.id = venue.id!; a.regionPath = venue.regionPath; a.heldInPath = venue.regionPath
        a.$space.id = space?.id; a.location = space == nil ? venue.address : ""
        a.kind = random.pick(Self.kinds); a.title = "\(venue.name)\(a.kind.zh)"; a.details = "群众文化活动"
        a.targetGroupCodes = TargetGroup.encode(random.pick(Self.groups))
        a.startsAt = starts; a.endsAt = starts.addingTimeInterval(7200); a.reportDueAt = a.endsAt.addingTimeInterval(3 * 86_400)
        a.registration = venue.tier == .city && random.chance(0.2) ? .required : .open
        a.capacity = a.registration == .required ? 40 : 300; a.waitingPlaces = 0; a.perAccountLimit = 2; a.status = .published
        a.confirmedPlaces = 0; a.createdAt = starts.addingTimeInterval(-7 * 86_400)
        return a
    }

    /// Registrations checked in at the door (some no-shows), or a headcount for an open activity.
    func attendance(_ a: Activity, venue: Venue, raterIndex: Int, into pending: Pending, random: inout SeededRandom) -> Int {
        guard a.registration == .required else {
            let people = venue.tier == .city ? random.int(60...400) : random.int(20...260)
            a.headcount = people
            return people
        }
        let places = random.int(10...30)
        a.confirmedPlaces = places
        var people = 0
        for g in 0..<places {
            let r = Registration()
            r.id = UUID(); r.$activity.id = a.id!; r.regionPath = a.regionPath; r.name = "群众"; r.phone = "13900000000"; r.places = 1
            let came = random.chance(0.85)
            r.status = came ? .confirmed : .noShow; r.checkedInAt = came ? a.startsAt : nil; r.createdAt = a.startsAt.addingTimeInterval(-Double(g + 1) * 3600)
            if came, !raters.isEmpty { r.$account.id = raters[(raterIndex + g) % raters.count] }
            pending.registrations.append(r)
            if came { people += 1 }
        }
        return people
    }

    /// The report, mostly within hours, sometimes days late; it went out through the push
    /// queue like a filed one and was accepted.
    func report(_ a: Activity, people: Int, into pending: Pending, random: inout SeededRandom) {
        let r = ActivityReport()
        r.id = UUID(); r.$activity.id = a.id!; r.$venue.id = a.$venue.id; r.regionPath = a.regionPath; r.dueAt = a.reportDueAt!
        r.attendance = people; r.onlineAttendance = 0; r.checkedIn = a.registration == .required ? people : 0; r.headcount = a.headcount
        r.summary = "活动顺利开展。"; r.excessReason = ""; r.flagged = false; r.idempotencyKey = a.id!.uuidString
        r.submittedAt = a.endsAt.addingTimeInterval(random.chance(0.92) ? Double(random.int(1...60)) * 3600 : Double(random.int(4...20)) * 86_400)
        r.delivery = .accepted; r.acceptedAt = r.submittedAt
        pending.reports.append(r)
        let job = OutboundJob(kind: JobQueue.reportKind, subjectID: r.id!, key: r.idempotencyKey, now: r.submittedAt)
        job.id = UUID(); job.status = .done; job.attempts = 1; job.finishedAt = r.submittedAt
        pending.jobs.append(job)
    }

    func rate(_ a: Activity, from raterIndex: Int, into pending: Pending, random: inout SeededRandom) {
        for k in 0..<Int(ratingsPerActivity * 2) where random.chance(0.5) {
            let rating = Rating()
            rating.id = UUID(); rating.targetKey = "activity:\(a.id!.uuidString.lowercased())"; rating.$account.id = raters[(raterIndex + k) % raters.count]
            rating.$activity.id = a.id; rating.$venue.id = a.$venue.id; rating.regionPath = a.regionPath
            rating.score = random.chance(0.88) ? random.int(4...5) : random.int(1...3); rating.comment = ""
            rating.createdAt = a.endsAt.addingTimeInterval(3600); rating.updatedAt = rating.createdAt
            pending.ratings.append(rating)
        }
    }

    /// Teams rehearse 7:00–8:30, before any activity, on days spread over the period.
    func book(_ space: Space, venue: Venue, from first: Date, days: Int, months: Double, into pending: Pending) {
        let wanted = min(max(1, days), Int((Double(bookingsPerSpaceMonth) * months).rounded()))
        for k in 0..<wanted {
            let b = SpaceBooking()
            b.id = UUID(); b.$space.id = space.id!; b.$venue.id = venue.id!; b.regionPath = venue.regionPath
            b.teamName = "群众文艺团队"; b.contactPhone = "13900000000"; b.purpose = "排练"; b.attendees = 20
            b.startsAt = first.addingTimeInterval((Double(k * max(1, days) / max(1, wanted)) + 7.0 / 24) * 86_400); b.endsAt = b.startsAt.addingTimeInterval(5400)
            b.rate = .free; b.feeFen = 0; b.status = .approved; b.decisionReason = ""; b.createdAt = b.startsAt.addingTimeInterval(-86_400)
            pending.bookings.append(b)
        }
    }
}
