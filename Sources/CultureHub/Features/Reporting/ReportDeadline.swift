import Fluent
import Foundation
import Scheduling

/// Every activity carries its report deadline, set from its end whenever it is saved, so lists
/// of what is due and timeliness are plain indexed queries.
enum ReportDeadline {
    /// The end of the deadline's local day.
    static func due(endsAt: Date, rule: ReportingRule, timeZone: TimeZone) -> Date {
        let endDay = DisplayTime.day(endsAt, in: timeZone)
        guard let day = rule.deadlineDay(forEndDay: endDay),
              let start = DisplayTime(timeZone: timeZone, now: endsAt).instant(day: day, minute: 0) else {
            return endsAt.addingTimeInterval(Double(rule.daysAfterEnd + 1) * 86_400)
        }
        return start.addingTimeInterval(86_400)
    }

    struct Middleware: AsyncModelMiddleware {
        let rule: ReportingRule
        let timeZone: TimeZone

        func create(model: Activity, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            model.reportDueAt = due(endsAt: model.endsAt, rule: rule, timeZone: timeZone)
            try await next.create(model, on: db)
        }

        func update(model: Activity, on db: any Database, next: any AnyAsyncModelResponder) async throws {
            model.reportDueAt = due(endsAt: model.endsAt, rule: rule, timeZone: timeZone)
            try await next.update(model, on: db)
        }
    }
}
