import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Text messages leave through the job table (issue #20 point 4): an HTTP relay that is down is
/// retried with back-off, one that refuses is given up, no relay means the outbox folder, and a
/// code that could no longer be used is not sent late.
@Suite struct SMSSenderTests {
    static func withReceiver(_ behaviour: SMSReceiver.Behaviour = .init(),
                             _ body: (SMSReceiver, String) async throws -> Void) async throws {
        let receiver = SMSReceiver(behaviour)
        try await withStandInServer(path: "sms", register: receiver.register(on:)) { try await body(receiver, $0) }
    }

    static func queue(_ app: Application, secret: String = "246810", now: Date) async throws -> SMSMessage {
        try await SMSSender.enqueue(SMSMessage(to: "13912345678", purpose: "register",
                                               text: "【文化云】验证码 {code}", secret: secret, now: now), on: app.db)
    }

    @Test func aRelayThatIsDownIsRetriedAndGetsTheMessageOnce() async throws {
        try await Self.withReceiver(.init(failFirst: 2, token: "relay-secret")) { receiver, url in
            try await withTestApp { app, clock in
                app.settings.smsURL = url
                app.settings.smsToken = "relay-secret"
                let message = try await Self.queue(app, now: clock.now())
                #expect(try await SMSSender.run(app) == 0)
                clock.advance(by: 31)
                #expect(try await SMSSender.run(app) == 0)
                clock.advance(by: 61)
                #expect(try await SMSSender.run(app) == 1)
                #expect(receiver.received.count == 1 && receiver.received[0].text == "【文化云】验证码 246810")
                let sent = try #require(try await SMSMessage.find(message.id, on: app.db))
                #expect(sent.status == .sent && sent.secret.isEmpty && sent.providerID == "SMS-000001")
                clock.advance(by: 3600)
                #expect(try await SMSSender.run(app) == 0, "nothing is sent twice")
            }
        }
    }

    @Test func aRefusedMessageIsGivenUpAndItsCodeWiped() async throws {
        try await Self.withReceiver(.init(refuse: true)) { _, url in
            try await withTestApp { app, clock in
                app.settings.smsURL = url
                let message = try await Self.queue(app, now: clock.now())
                #expect(try await SMSSender.run(app) == 0)
                let failed = try #require(try await SMSMessage.find(message.id, on: app.db))
                #expect(failed.status == .failed && failed.secret.isEmpty && failed.lastError.contains("400"))
                #expect(try await OutboundJob.query(on: app.db).filter(\.$status == .dead).count() == 1)
            }
        }
    }

    @Test func withoutARelayMessagesGoToTheOutboxFolder() async throws {
        try await withTestApp { app, clock in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sms-\(UUID().uuidString)").path
            app.settings.dataDirectory = folder
            let message = try await Self.queue(app, now: clock.now())
            #expect(try await SMSSender.run(app) == 1)
            let file = folder + "/sms-outbox/" + message.id!.uuidString + ".json"
            let written = try JSONDecoder().decode(OutgoingSMS.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(written.to == "13912345678" && written.text.hasSuffix("246810"))
            #expect(try await SMSMessage.find(message.id, on: app.db)?.status == .outbox)
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    @Test func aCodeThatRanOutIsNotSentLate() async throws {
        try await withTestApp { app, clock in
            let sms = RecordingSMSGateway.install(on: app)
            let message = try await Self.queue(app, now: clock.now())
            clock.advance(by: PhoneCodes.validity + 1)
            #expect(try await SMSSender.run(app) == 0)
            #expect(sms.messages.isEmpty)
            let expired = try #require(try await SMSMessage.find(message.id, on: app.db))
            #expect(expired.status == .expired && expired.secret.isEmpty)
        }
    }
}
