/// Who moves up when places free (R4.2): the queue is walked in order and each waiting
/// party that fits the places left is promoted; a party too large for what is left keeps
/// its position and does not block smaller parties behind it.
public enum Waitlist {
    public struct Entry<ID: Hashable & Sendable>: Sendable, Equatable {
        public let id: ID
        public let places: Int
        public init(id: ID, places: Int) {
            self.id = id
            self.places = places
        }
    }

    public static func promotions<ID>(freePlaces: Int, queue: [Entry<ID>]) -> [ID] {
        var left = freePlaces
        var promoted: [ID] = []
        for entry in queue where entry.places > 0 && entry.places <= left {
            promoted.append(entry.id)
            left -= entry.places
            if left == 0 { break }
        }
        return promoted
    }
}
