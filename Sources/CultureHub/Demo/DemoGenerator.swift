import Foundation

/// Turns the demo city file into rows: the three tiers of regions, the venue network with
/// spaces, hours, resources and notices, and one account per role.
struct DemoGenerator {
    struct Output {
        var city: Region
        var townships: [Region] = []
        var villages: [Region] = []
        var venues: [Venue] = []
        var hours: [OpeningHours] = []
        var spaces: [Space] = []
        var resources: [SpecialResource] = []
        var notices: [FreeOpeningNotice] = []
    }

    let spec: DemoCity
    /// `yyyy-MM-dd`; notices are dated around it.
    let today: String
    var random = SeededRandom(seed: 410_183)

    init(spec: DemoCity, today: String) {
        self.spec = spec
        self.today = today
    }

    mutating func generate() -> Output {
        let city = Region(id: UUID(), code: spec.city.code, name: spec.city.name, kind: .city, parent: nil, population: spec.city.population)
        var out = Output(city: city)
        var byKey: [String: Venue] = [:]
        var townshipByCode: [String: Region] = [:]
        for t in spec.townships {
            let township = Region(id: UUID(), code: t.code, name: t.name, kind: t.kind, parent: city, population: t.population, isRemote: t.remote)
            out.townships.append(township)
            townshipByCode[t.code] = township
        }
        for cv in spec.cityVenues {
            let region = cv.region.flatMap { townshipByCode[$0] } ?? city
            let venue = makeVenue(cv.name, cv.type, cv.networkRole, region: region, parent: cv.parent.flatMap { byKey[$0] },
                                  address: cv.address, lat: cv.latitude, lng: cv.longitude, phone: cv.phone, intro: cv.intro, facilities: cv.facilities)
            byKey[cv.key] = venue
            out.add(venue, hours: spec.hours[cv.hours], spaces: cv.spaces, resources: cv.resources)
            out.notices.append(notice(venue, items: spec.noticeText.freeItems, hours: hoursText(spec.hours[cv.hours]), current: true))
        }
        let library = byKey["library"], culture = byKey["culture"]
        for (t, township) in zip(spec.townships, out.townships) {
            let short = t.name.replacingOccurrences(of: "风景区管委会", with: "").replacingOccurrences(of: "街道", with: "")
            let station = makeVenue("\(t.name)综合文化站", .townshipStation, .branch, region: township, parent: culture,
                                    address: "新密市\(t.name)人民政府东侧", lat: t.latitude, lng: t.longitude,
                                    phone: "0371-6\(random.int(9_000_000...9_899_999))",
                                    intro: "\(t.name)综合文化站是市文化馆分馆，负责全乡镇（街道）村级文化服务中心的业务指导和流动服务。",
                                    facilities: random.pick(spec.stationFacilities))
            out.add(station, hours: spec.hours["station"], spaces: spec.stationSpaces,
                    resources: [resource(.childrensCollection, random.int(800...2400), "站内图书阅览室少儿专架")])
            out.notices.append(notice(station, items: spec.noticeText.stationFreeItems, hours: hoursText(spec.hours["station"]), current: true))
            if t.libraryBranch, let library {
                let branch = makeVenue("新密市图书馆\(short)分馆", .libraryBranch, .branch, region: township, parent: library,
                                       address: "新密市\(t.name)综合文化站二楼", lat: t.latitude + 0.0008, lng: t.longitude + 0.0006,
                                       phone: station.phone, intro: "市图书馆乡镇分馆，与总馆通借通还，每月统一配送图书。",
                                       facilities: [.ramp])
                out.add(branch, hours: spec.hours["library"], spaces: [],
                        resources: [resource(.childrensCollection, random.int(2000...5000), "总馆每月轮换配送"), resource(.largePrint, random.int(60...200), "")])
                out.notices.append(notice(branch, items: spec.noticeText.freeItems, hours: hoursText(spec.hours["library"]), current: random.chance(0.7)))
            }
            let villages = makeVillages(t, township: township)
            out.villages += villages
            for (index, village) in villages.enumerated() where index < villages.count - t.missingCentres {
                let centre = makeVenue("\(village.name)综合文化服务中心", .villageCentre, .servicePoint, region: village, parent: station,
                                       address: "新密市\(t.name)\(village.name)党群服务中心", lat: t.latitude + (random.unit() - 0.5) * 0.06,
                                       lng: t.longitude + (random.unit() - 0.5) * 0.06, phone: "",
                                       intro: "", facilities: random.pick(spec.villageFacilities))
                out.add(centre, hours: spec.hours["village"], spaces: spec.villageSpaces, resources: [])
                let roll = random.unit()
                if roll < 0.9 {
                    out.notices.append(notice(centre, items: spec.noticeText.villageFreeItems, hours: hoursText(spec.hours["village"]), current: roll < 0.82))
                }
            }
        }
        return out
    }

    private mutating func makeVillages(_ t: DemoCity.Township, township: Region) -> [Region] {
        var names = Set<String>()
        var weights: [Double] = []
        var regions: [Region] = []
        for _ in 0..<t.villages { weights.append(0.6 + random.unit() * 0.8) }
        let total = weights.reduce(0, +)
        var assigned = 0
        for index in 0..<t.villages {
            var name: String
            repeat {
                if t.kind == .subdistrict {
                    name = random.pick(spec.villageNames.community) + "社区"
                } else {
                    let base = random.pick(spec.villageNames.first) + random.pick(spec.villageNames.second)
                    name = (random.chance(0.35) ? random.pick(spec.villageNames.prefix) : "") + base + "村"
                }
            } while names.contains(name)
            names.insert(name)
            let population = index == t.villages - 1 ? t.population - assigned : Int(Double(t.population) * weights[index] / total)
            assigned += population
            let kind: RegionKind = t.kind == .subdistrict ? .community : .village
            let code = t.code + String(format: "%03d", (kind == .community ? 1 : 200) + index)
            regions.append(Region(id: UUID(), code: code, name: name, kind: kind, parent: township, population: population,
                                  isRemote: t.remote ? random.chance(0.5) : random.chance(0.04),
                                  isPoor: random.chance(t.remote ? 0.15 : 0.04), isDemo: true))
        }
        return regions
    }

    private func makeVenue(_ name: String, _ type: VenueType, _ role: NetworkRole, region: Region, parent: Venue?,
                           address: String, lat: Double, lng: Double, phone: String, intro: String,
                           facilities: [AccessibilityFacility]) -> Venue {
        Venue(id: UUID(), name: name, type: type, networkRole: role, region: region, parent: parent,
              address: address, phone: phone, intro: intro, facilities: Set(facilities),
              latitude: (lat * 10_000).rounded() / 10_000, longitude: (lng * 10_000).rounded() / 10_000)
    }

    private func resource(_ kind: SpecialResourceKind, _ quantity: Int, _ note: String) -> DemoCity.ResourceSpec {
        DemoCity.ResourceSpec(kind: kind, quantity: quantity, note: note)
    }

    private func hoursText(_ template: DemoCity.HoursTemplate?) -> String {
        guard let t = template else { return "" }
        let days = Weekday.allCases.filter { !t.closed.contains($0.rawValue) }
        let closed = Weekday.allCases.filter { t.closed.contains($0.rawValue) }.map(\.zh).joined(separator: "、")
        let range = days.count == 7 ? "每天" : "\(days.first!.zh)至\(days.last!.zh)"
        return "\(range) " + t.periods.map { "\($0.0)–\($0.1)" }.joined(separator: "、") + (closed.isEmpty ? "，节假日照常开放" : "，\(closed)闭馆（法定节假日除外）")
    }

    private func notice(_ venue: Venue, items: String, hours: String, current: Bool) -> FreeOpeningNotice {
        let year = Int(today.prefix(4)) ?? 2026
        let n = FreeOpeningNotice()
        n.id = UUID()
        n.$venue.id = venue.id!
        n.regionPath = venue.regionPath
        n.title = "\(venue.name)\(current ? year : year - 1)年免费开放公示"
        n.freeItems = items
        n.content = spec.noticeText.content
        n.hoursText = hours
        n.validFrom = current ? "\(year)-01-01" : "\(year - 1)-01-01"
        n.validUntil = current ? "\(year)-12-31" : "\(year - 1)-12-31"
        return n
    }
}

extension DemoGenerator.Output {
    mutating func add(_ venue: Venue, hours template: DemoCity.HoursTemplate?, spaces specs: [DemoCity.SpaceSpec], resources specs2: [DemoCity.ResourceSpec]) {
        venues.append(venue)
        for (opensText, closesText) in template?.periods ?? [] {
            guard let opens = DisplayTime.minutes(opensText), let closes = DisplayTime.minutes(closesText) else { continue }
            for day in 1...7 where !(template?.closed.contains(day) ?? false) {
                let row = OpeningHours(venueID: venue.id!, weekday: day, opensAt: opens, closesAt: closes)
                row.id = UUID()
                hours.append(row)
            }
        }
        for s in specs {
            let space = Space()
            space.id = UUID()
            space.$venue.id = venue.id!
            space.regionPath = venue.regionPath
            space.name = s.name
            space.kind = s.kind
            space.capacity = s.capacity
            space.areaSqm = s.area
            space.bookable = s.bookable
            space.details = ""
            spaces.append(space)
        }
        for r in specs2 {
            let resource = SpecialResource()
            resource.id = UUID()
            resource.$venue.id = venue.id!
            resource.regionPath = venue.regionPath
            resource.kind = r.kind
            resource.quantity = r.quantity
            resource.note = r.note
            resources.append(resource)
        }
    }
}
