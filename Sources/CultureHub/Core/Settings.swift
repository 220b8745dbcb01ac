import Foundation
import Scheduling
import Volunteering
import Workforce

/// The only reader of the process environment (DESIGN §3 rule 1).
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteMemory
        case postgres(url: String, searchPath: String? = nil)
    }

    public var database: Database
    public var dataDirectory: String
    public var port: Int
    public var host: String
    public var baseURL: String
    public var logLevel: String
    /// Idle sessions end after this many seconds.
    public var sessionTimeout: TimeInterval
    public var displayTimeZone: TimeZone
    /// Request bodies above this size answer 413.
    public var maxBodySize: String
    /// Set by `serve --demo` (and the `demo` command) so pages can say the place names are generated
    /// and a missing `DATA_KEY` falls back to the demo key file.
    public var isDemo: Bool
    /// Registration rules (R4.2): the largest group one account may register, and the
    /// no-show rule (`NOSHOW_STRIKES`, `NOSHOW_WINDOW_DAYS`, `NOSHOW_BLOCK_DAYS`).
    public var maxPartySize: Int = 5
    public var noShowRule: NoShowRule = NoShowRule()
    /// How long audit events are kept (R9.1): at least 180 days.
    public var auditRetentionDays: Int = 365
    /// Activity registrations one account may make in an hour (anti-scalping; 0 turns it off).
    public var registrationsPerHour: Int = 20
    /// `METRICS_TOKEN`: bearer token for `/metrics`, required unless `METRICS_PUBLIC=1`.
    public var metricsToken: String? = nil
    /// `METRICS_PUBLIC=1`: `/metrics` answers anyone (only where the network already keeps it private).
    public var metricsPublic = false
    /// `TRUSTED_PROXIES`: comma-separated address blocks (`127.0.0.1/32,10.0.0.0/8`) whose
    /// `X-Forwarded-For` and `X-Forwarded-Proto` are believed; empty by default, so no header is.
    public var trustedProxies: [AddressBlock] = []
    /// Staff passwords older than this must be changed (0 turns expiry off).
    public var passwordMaxAgeDays: Int = 90
    /// `DATA_KEY`: base64 of the 32-byte key that seals encrypted columns; required unless `--demo`.
    /// `DATA_KEY_VERSION` (default 1) numbers it; `DATA_KEYS_RETIRED` (`1:base64,2:base64`) holds older
    /// keys still needed to read values until `culturehub keys rotate` has rewritten them.
    /// Kept as text here and checked by `DataKeyRing.resolve`, which refuses a malformed value.
    public var dataKey: String? = nil
    public var dataKeyVersion: String? = nil
    public var retiredDataKeys: String? = nil
    /// Working days a unit has to answer a complaint (`COMPLAINT_DAYS`, R5.4).
    public var complaintWorkingDays: Int = 5
    /// Working days a venue has to accept, decline or re-date a village's order (`ORDER_DAYS`, R3.3).
    public var orderWorkingDays: Int = 5
    /// When activity reports are due (`REPORT_DAYS` after the end, no later than `REPORT_CLOSE_DAY` of the month; R4.5).
    public var reportingRule = ReportingRule()
    /// `CLOUD_URL`: where reports are POSTed (郑州文旅云 or a stand-in); unset, they go to `DATA_DIR/outbox`.
    public var cloudURL: String? = nil
    /// `CLOUD_TOKEN`: bearer token the cloud expects, if any.
    public var cloudToken: String? = nil
    /// `CLOUD_TIMEOUT`: seconds to wait for the cloud's answer before trying again later.
    public var cloudTimeout: Int = 15
    /// `SMS_URL`: the SMS provider's relay that takes `{"id","to","text","purpose"}` JSON; unset,
    /// text messages are written to `DATA_DIR/sms-outbox`.
    public var smsURL: String? = nil
    /// `SMS_TOKEN`: bearer token the relay expects, if any.
    public var smsToken: String? = nil
    /// `SMS_TIMEOUT`: seconds to wait for the relay before trying again.
    public var smsTimeout: Int = 10
    /// `SMS_SIGNATURE`: the registered signature every message starts with (短信签名).
    public var smsSignature: String = "【文化云】"
    /// `REPORT_PUSH_SECONDS`: how often each app process looks for reports to push.
    public var reportPushSeconds: Int = 30
    /// `HOLIDAYS` and `MAKEUP_WORKDAYS`: comma-separated yyyy-MM-dd days for the working calendar.
    public var holidays: Set<String> = []
    public var makeUpWorkdays: Set<String> = []
    /// `VOLUNTEER_STAR_HOURS`: confirmed hours for one to five stars (default 100,300,600,1000,1500).
    public var volunteerStars: StarLevel = .standard
    /// `STAFF_TOWNSHIP_FULLTIME`, `STAFF_RESIDENTS_PER_POST`, `STAFF_VILLAGE_PARTTIME` (R7.1).
    public var staffingRule = StaffingRule()
    /// `TRAINING_CITY_DAYS`, `TRAINING_GRASSROOTS_DAYS`: yearly training days (R7.2).
    public var trainingRule = TrainingRule()
    /// `LARGE_EVENT_PARTICIPANTS`: participation from which an activity counts as a large event (R8.1).
    public var largeEventParticipants: Int = 200
    /// `INTEGRITY_REPORT_FACTOR`: reported attendance above (check-ins + headcount) × this is flagged (R8.5).
    public var overReportFactor: Double = 1.5
    /// `INTEGRITY_LATE_DAYS`: a report filed more than this many days after the activity is flagged (R8.5).
    public var lateFilingDays: Int = 30

    var workingCalendar: WorkingCalendar {
        WorkingCalendar(timeZone: displayTimeZone, holidays: holidays, makeUpWorkdays: makeUpWorkdays)
    }

    public init(
        database: Database,
        dataDirectory: String = "./data",
        port: Int = 8080,
        host: String = "127.0.0.1",
        baseURL: String = "http://localhost:8080",
        logLevel: String = "info",
        sessionTimeout: TimeInterval = 30 * 60,
        displayTimeZone: TimeZone = TimeZone(identifier: "Asia/Shanghai")!,
        maxBodySize: String = "1mb",
        isDemo: Bool = false
    ) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.port = port
        self.host = host
        self.baseURL = baseURL
        self.logLevel = logLevel
        self.sessionTimeout = sessionTimeout
        self.displayTimeZone = displayTimeZone
        self.maxBodySize = maxBodySize
        self.isDemo = isDemo
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
        let dataDir = env["DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        let database: Database
        if let url = env["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url)
        } else {
            database = .sqliteFile(path: dataDir + "/culturehub.sqlite")
        }
        let port = env["PORT"].flatMap(Int.init) ?? 8080
        var settings = Settings(
            database: database,
            dataDirectory: dataDir,
            port: port,
            host: env["HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            baseURL: env["BASE_URL"] ?? "http://localhost:\(port)",
            logLevel: env["LOG_LEVEL"] ?? "info",
            sessionTimeout: env["SESSION_TIMEOUT"].flatMap(TimeInterval.init) ?? 30 * 60,
            displayTimeZone: env["TZ_DISPLAY"].flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Asia/Shanghai")!,
            maxBodySize: env["MAX_BODY_SIZE"] ?? "1mb"
        )
        settings.maxPartySize = env["REG_MAX_PARTY"].flatMap(Int.init).map { min(max($0, 1), 20) } ?? 5
        let defaults = NoShowRule()
        settings.passwordMaxAgeDays = env["PASSWORD_MAX_AGE_DAYS"].flatMap(Int.init).map { max($0, 0) } ?? 90
        settings.dataKey = env["DATA_KEY"]
        settings.dataKeyVersion = env["DATA_KEY_VERSION"]
        settings.retiredDataKeys = env["DATA_KEYS_RETIRED"]
        settings.complaintWorkingDays = env["COMPLAINT_DAYS"].flatMap(Int.init).map { min(max($0, 1), 60) } ?? 5
        settings.orderWorkingDays = env["ORDER_DAYS"].flatMap(Int.init).map { min(max($0, 1), 60) } ?? 5
        let days: (String?) -> Set<String> = { raw in
            Set((raw ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count == 10 })
        }
        settings.holidays = days(env["HOLIDAYS"])
        settings.makeUpWorkdays = days(env["MAKEUP_WORKDAYS"])
        settings.metricsToken = env["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.metricsPublic = env["METRICS_PUBLIC"] == "1"
        let proxies = (env["TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        settings.trustedProxies = proxies.map { raw in
            // A typo here would silently trust nobody (or, worse, be read some other way).
            guard let block = AddressBlock(raw) else {
                fatalError("TRUSTED_PROXIES must list IPv4 or IPv6 addresses or blocks such as 10.0.0.0/8; cannot read \(raw)")
            }
            return block
        }
        settings.staffingRule = StaffingRule(
            townshipFullTime: env["STAFF_TOWNSHIP_FULLTIME"].flatMap(Int.init).map { min(max($0, 0), 50) } ?? 2,
            residentsPerExtraPost: env["STAFF_RESIDENTS_PER_POST"].flatMap(Int.init).map { max($0, 0) } ?? 0,
            villagePartTime: env["STAFF_VILLAGE_PARTTIME"].flatMap(Int.init).map { min(max($0, 0), 10) } ?? 1)
        settings.trainingRule = TrainingRule(
            cityOffJobDays: env["TRAINING_CITY_DAYS"].flatMap(Double.init).map { min(max($0, 0), 100) } ?? 15,
            grassrootsCentralisedDays: env["TRAINING_GRASSROOTS_DAYS"].flatMap(Double.init).map { min(max($0, 0), 100) } ?? 5)
        settings.largeEventParticipants = env["LARGE_EVENT_PARTICIPANTS"].flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 200
        settings.overReportFactor = env["INTEGRITY_REPORT_FACTOR"].flatMap(Double.init).map { min(max($0, 1), 100) } ?? 1.5
        settings.lateFilingDays = env["INTEGRITY_LATE_DAYS"].flatMap(Int.init).map { min(max($0, 1), 365) } ?? 30
        if let raw = env["VOLUNTEER_STAR_HOURS"], !raw.isEmpty {
            // A malformed list must not start the server with silently different star levels.
            guard let levels = StarLevel(parsing: raw) else {
                fatalError("VOLUNTEER_STAR_HOURS must be increasing whole hours, e.g. 100,300,600,1000,1500; got \(raw)")
            }
            settings.volunteerStars = levels
        }
        settings.reportingRule = ReportingRule(daysAfterEnd: env["REPORT_DAYS"].flatMap(Int.init).map { min(max($0, 0), 60) } ?? 3,
                                               monthlyCloseDay: env["REPORT_CLOSE_DAY"].flatMap(Int.init).map { min(max($0, 0), 28) } ?? 25)
        settings.cloudURL = env["CLOUD_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.cloudToken = env["CLOUD_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.cloudTimeout = env["CLOUD_TIMEOUT"].flatMap(Int.init).map { min(max($0, 1), 120) } ?? 15
        settings.smsURL = env["SMS_URL"].flatMap { $0.isEmpty ? nil : $0 }
        settings.smsToken = env["SMS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.smsTimeout = env["SMS_TIMEOUT"].flatMap(Int.init).map { min(max($0, 1), 60) } ?? 10
        if let signature = env["SMS_SIGNATURE"], !signature.isEmpty { settings.smsSignature = String(signature.prefix(20)) }
        settings.reportPushSeconds = env["REPORT_PUSH_SECONDS"].flatMap(Int.init).map { min(max($0, 1), 3600) } ?? 30
        settings.registrationsPerHour = env["REG_PER_HOUR"].flatMap(Int.init).map { max($0, 0) } ?? 20
        settings.auditRetentionDays = env["AUDIT_RETENTION_DAYS"].flatMap(Int.init).map { max($0, 180) } ?? 365
        settings.noShowRule = NoShowRule(
            strikes: env["NOSHOW_STRIKES"].flatMap(Int.init).map { max($0, 0) } ?? defaults.strikes,
            windowDays: env["NOSHOW_WINDOW_DAYS"].flatMap(Int.init).map { max($0, 1) } ?? defaults.windowDays,
            blockDays: env["NOSHOW_BLOCK_DAYS"].flatMap(Int.init).map { max($0, 0) } ?? defaults.blockDays)
        return settings
    }

    /// Tests run on in-memory SQLite unless `TEST_DATABASE_URL` points at PostgreSQL.
    public static func forTesting(_ env: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
        var settings = Settings(database: .sqliteMemory)
        if let url = env["TEST_DATABASE_URL"], !url.isEmpty {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            settings = Settings(database: .postgres(url: url, searchPath: String(schema)))
        }
        settings.dataKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        return settings
    }
}
