import Testing

@testable import PorchIntake

/// No failure message may quote the post, its subject or its author: they are printed to an operator's terminal.
@Suite struct PrivacyTests {
    static let secret = "Kestrel"  // an invented name that appears in every failing input below

    static let failingJSONLines = [
        #"{"text": "Kestrel is my son's name"#,
        #"{"text": "Kestrel \x"}"#,
        #"{"text": "ok", "topic": ["Kestrel"]}"#,
        #"{"text": "ok", "submitted_at": "Kestrel"}"#,
        #"{"text": "ok", "author": {"name": ["Kestrel"]}}"#,
        #"["Kestrel"]"#,
        #"{"text": "Kestrel", "id": {"Kestrel": 1}}"#,
        #"{"Kestrel": "no text"}"#,
        #"{"text": 7, "note": "Kestrel"}"#,
        #"{"text": "Kestrel Kestrel Kestrel Kestrel Kestrel"}"#,
        #"{"text": "   "} Kestrel"#,
    ]

    static let failingMessages = [
        "From: Kestrel <kestrel@example.org>\nContent-Type: text/plain; charset=Kestrel\n\nKestrel",
        "From: Kestrel <kestrel@example.org>\nContent-Transfer-Encoding: Kestrel\n\nKestrel",
        "From: Kestrel <kestrel@example.org>\nContent-Transfer-Encoding: base64\n\nKestrel!!",
        "From: Kestrel <kestrel@example.org>\nContent-Transfer-Encoding: quoted-printable\n\nKestrel=K",
        "From: Kestrel <kestrel@example.org>\nSubject: =?Kestrel?Q?Kestrel?=\n\nKestrel",
        "From: =?utf-8?B?Kestrel?= <kestrel@example.org>\n\nKestrel",
        "Kestrel wrote this without headers",
        "From: Kestrel <kestrel@example.org>\nContent-Type: image/png; name=Kestrel.png\n\nKestrel",
        "From: Kestrel <kestrel@example.org>\nContent-Type: multipart/mixed; boundary=Kestrel\n\nKestrel",
        "From: Kestrel <kestrel@example.org>\n\n" + String(repeating: "Kestrel ", count: 20),
    ]

    @Test func jsonLineFailuresNeverQuoteThePost() throws {
        let limits = IntakeLimits(maxPostBytes: 30)
        let results = PostReader(format: .jsonl, limits: limits).decode(
            Samples.bytes(Self.failingJSONLines.joined(separator: "\n")))
        #expect(results.count == Self.failingJSONLines.count)
        for result in results {
            let failure = try #require(result.failure)
            #expect(!failure.description.lowercased().contains(Self.secret.lowercased()), "\(failure.position)")
        }
    }

    /// A message intake cannot read faithfully is refused, held or read as mail readers read it: neither the
    /// refusal nor the hold reason (nor the text standing for a message with no text) quotes it.
    @Test func messageFailuresNeverQuoteTheMessage() throws {
        let limits = IntakeLimits(maxPostBytes: 100)
        for (index, message) in Self.failingMessages.enumerated() {
            switch EmailMessageDecoder.decode(Samples.bytes(message), limits: limits) {
            case .failure(let failure):
                #expect(!failure.description.lowercased().contains(Self.secret.lowercased()), "message \(index)")
            case .success(let post):
                // A broken boundary is read as plain text, as mail readers do; anything else is held.
                let reason = post.holdReason ?? ""
                #expect(!reason.lowercased().contains(Self.secret.lowercased()), "message \(index)")
                if post.text.hasPrefix("[a message with no text") {
                    #expect(!post.text.lowercased().contains(Self.secret.lowercased()), "message \(index)")
                }
            }
        }
    }

    @Test func textFailuresNeverQuoteThePost() throws {
        let limits = IntakeLimits(maxPostBytes: 10)
        let inputs = [Samples.bytes("Kestrel is too long for ten bytes"), Samples.bytes("Kestrel ") + [0xFF]]
        for input in inputs {
            let failure = try #require(PostReader(format: .text, limits: limits).decode(input).first?.failure)
            #expect(!failure.description.contains(Self.secret))
        }
    }
}
