import Crypto
import Fluent
import Foundation
import Vapor

struct RegistrationDTO: Content, Equatable {
    let id: UUID
    let activityId: UUID
    let places: Int
    let status: String
    let checkedIn: Bool
    /// The QR payload; present only to the registrant and only while confirmed.
    let checkInToken: String?
}

struct CheckInResultDTO: Content, Equatable {
    let outcome: String
    let message: String
    let who: String?
    let places: Int?
}

/// Registrations and check-in over JSON (R4.1, R4.2).
enum APIRegistrationController {
    @Sendable static func register(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Body: Decodable { var places: Int? }
        let body = try req.json(Body.self)
        // Read the key first: once the place is committed, nothing may fail before the reply.
        let key = try await req.checkInKey()
        let registration = try await req.register(activityID: req.id(), .account(account), places: body.places ?? 1)
        return try await created(dto(registration, key: key), for: req)
    }

    @Sendable static func mine(req: Request) async throws -> [RegistrationDTO] {
        let account = try req.auth.require(Account.self)
        let key = try await req.checkInKey()
        return try await Registration.query(on: req.db).filter(\.$account.$id == account.id!)
            .sort(\.$createdAt, .descending).limit(200).all()
            .map { dto($0, key: key) }
    }

    @Sendable static func cancel(req: Request) async throws -> RegistrationDTO {
        let account = try req.auth.require(Account.self)
        let (registration, _) = try await RegistrationDesk.cancel(registrationID: req.id(), byStaff: false,
                                                                  ownerID: account.id!, now: req.now, on: req.db)
        return dto(registration, key: try await req.checkInKey())
    }

    @Sendable static func checkIn(req: Request) async throws -> Response {
        let activity = try await req.scopedRecord(Activity.self, toWrite: .runEvents)
        struct Body: Decodable { var token: String }
        let body = try req.json(Body.self)
        let result = try await req.checkIn(code: body.token, activity: activity)
        let dto = CheckInResultDTO(outcome: result.outcome.rawValue, message: result.outcome.message(req.lang),
                                   who: result.who, places: result.places)
        return try await dto.encodeResponse(status: result.outcome.isSuccess ? .ok : .conflict, for: req)
    }

    static func dto(_ r: Registration, key: SymmetricKey) -> RegistrationDTO {
        RegistrationDTO(id: r.id!, activityId: r.$activity.id, places: r.places, status: r.status.rawValue,
                        checkedIn: r.checkedInAt != nil,
                        checkInToken: r.status == .confirmed ? CheckInToken(registrationID: r.id!).encoded(key: key) : nil)
    }
}
