import Foundation

@testable import PorchIntake

/// Invented messages from an invented parents' support group, shared by the tests.
enum Samples {
    /// Turns LF line endings into CRLF, as a mail server delivers.
    static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\n", with: "\r\n")
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let plainEmail = """
        Return-Path: <marisol.q@example.net>
        Received: from mx.example.net by porch.example.org; Tue, 24 Nov 2026 06:02:11 +0000
        From: "Quintero, Marisol" <marisol.q@example.net>
        To: group@porch.example.org
        Subject: Night feeds are
         breaking me
        Date: Tue, 24 Nov 2026 07:01:55 +0100
        Message-ID: <20261124060155.4411@mail.example.net>
        MIME-Version: 1.0
        Content-Type: text/plain; charset="utf-8"
        Content-Transfer-Encoding: 8bit

        Three weeks in and the night feeds are breaking me.
        Does anyone else cry in the car before daycare pickup?

        -- 
        Marisol Quintero
        Pediatric ward, St. Elsewhere
        555-0143

        """

    static func decodeEmail(_ text: String, limits: IntakeLimits = IntakeLimits()) -> Result<
        IncomingPost, IntakeFailure
    > {
        EmailMessageDecoder.decode(bytes(text), limits: limits)
    }
}

extension Result where Success == IncomingPost, Failure == IntakeFailure {
    var post: IncomingPost? {
        if case .success(let post) = self { return post }
        return nil
    }

    var failure: IntakeFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
