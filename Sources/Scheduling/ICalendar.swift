import Foundation

/// An iCalendar feed (RFC 5545) of events, so citizens can subscribe to a venue's or a
/// township's activities in their phone calendar.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var start: Date
        public var end: Date
        public var summary: String
        public var description: String
        public var location: String
        public var url: String?
        public var cancelled: Bool

        public init(uid: String, start: Date, end: Date, summary: String, description: String = "",
                    location: String = "", url: String? = nil, cancelled: Bool = false) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.cancelled = cancelled
        }
    }

    public var name: String
    public var events: [Event]
    public var stamp: Date

    public init(name: String, events: [Event], stamp: Date) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    public func render() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CultureHub//Activities//ZH", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name)]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "DTSTAMP:" + Self.utc(stamp),
                      "DTSTART:" + Self.utc(event.start), "DTEND:" + Self.utc(event.end),
                      "SUMMARY:" + Self.escape(event.summary)]
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + Self.escape(event.description)) }
            if !event.location.isEmpty { lines.append("LOCATION:" + Self.escape(event.location)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values escape backslash, semicolon, comma and newlines (§3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(character)
            }
        }
        return out
    }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// Lines longer than 75 octets continue on the next line after a space (§3.1), never
    /// splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
