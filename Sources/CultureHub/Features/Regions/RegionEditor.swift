import Fluent
import Foundation
import Vapor

/// What a region form or API call submits, as typed text, so a failed form re-renders as typed.
struct RegionInput: Content, Equatable {
    var code: String?
    var name: String?
    var kind: String?
    var parent: String?
    var population: String?
    var remote: String?
    var poor: String?

    init(code: String? = nil, name: String? = nil, kind: String? = nil, parent: String? = nil,
         population: String? = nil, remote: String? = nil, poor: String? = nil) {
        self.code = code; self.name = name; self.kind = kind; self.parent = parent
        self.population = population; self.remote = remote; self.poor = poor
    }

    init(_ region: Region) {
        self.init(code: region.code, name: region.name, kind: region.kind.rawValue, parent: region.$parent.id?.uuidString,
                  population: String(region.population), remote: region.isRemote ? "1" : "", poor: region.isPoor ? "1" : "")
    }
}

/// Region writes for both the staff pages and the API: scope, role and field checks in one place.
enum RegionEditor {
    static func create(_ input: RegionInput, by staff: Staff, on db: any Database, lang: Lang) async throws -> Region {
        try staff.require(.editRegions)
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 50)
        let code = check.text("code", input.code, max: 15)
        let kind: RegionKind? = check.choice("kind", input.kind)
        let population = check.int("population", input.population, min: 0, max: 200_000_000)
        var parent: Region?
        if let parentID = check.uuid("parent", input.parent) {
            parent = try await Region.find(parentID, on: db)
            if parent == nil {
                check.fail("parent", "上级区域不存在。", "The parent region does not exist.")
            } else if !staff.scope.covers(regionPath: parent!.path) {
                check.fail("parent", "上级区域不在您的管辖范围内。", "The parent region is outside your scope.")
            }
        }
        if !code.isEmpty {
            if !code.allSatisfy({ $0.isASCII && $0.isNumber }) {
                check.fail("code", "区划代码只能是数字。", "The code must be digits only.")
            } else if let parent, !code.hasPrefix(parent.code) || code == parent.code {
                check.fail("code", "区划代码应以上级代码 \(parent.code) 开头并更长。", "The code must extend the parent's code \(parent.code).")
            } else if try await Region.query(on: db).filter(\.$code == code).count() > 0 {
                check.fail("code", "该区划代码已存在。", "This code is already used.")
            }
        }
        if let parent, let kind, !isChildLevel(kind.level, of: parent.level) {
            check.fail("kind", "“\(kind.label(lang))”不能直接设在“\(parent.name)”下。", "A \(kind.en) cannot sit directly under \(parent.name).")
        }
        try check.throwIfInvalid()
        let region = Region(code: code, name: name, kind: kind!, parent: parent!, population: population!,
                            isRemote: FormCheck.flag(input.remote), isPoor: FormCheck.flag(input.poor))
        try await region.save(on: db)
        return region
    }

    static func update(_ region: Region, with input: RegionInput, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try staff.require(.editRegions)
        try staff.scope.authorize(region)
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 50)
        let kind: RegionKind? = check.choice("kind", input.kind)
        let population = check.int("population", input.population, min: 0, max: 200_000_000)
        if let kind, kind.level != region.level {
            check.fail("kind", "只能改为同一层级的类型（\(region.level.label(lang))）。", "Only a type of the same tier (\(region.level.en)) is allowed.")
        }
        try check.throwIfInvalid()
        region.name = name
        region.kind = kind!
        region.population = population!
        region.isRemote = FormCheck.flag(input.remote)
        region.isPoor = FormCheck.flag(input.poor)
        try await region.save(on: db)
    }

    static func isChildLevel(_ child: RegionLevel, of parent: RegionLevel) -> Bool {
        switch (parent, child) {
        case (.city, .township), (.township, .village): true
        default: false
        }
    }
}
