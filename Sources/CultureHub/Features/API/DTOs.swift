import Foundation
import Vapor

/// What the JSON API speaks: plain DTOs, never Fluent models (DESIGN §8).
struct PageDTO<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
}
