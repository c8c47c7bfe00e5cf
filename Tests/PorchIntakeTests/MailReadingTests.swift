import Foundation
import Testing

@testable import PorchIntake

/// Porch reads mail as mail readers do (issue 14, item 11): on a corpus of our own messages
/// (`scripts/make-mail-corpus.py`: charsets iconv knows, RFC 2045 defaults, inline text parts with a file name,
/// broken boundaries), the text Porch reads is the text Python's `email` package reads.
@Suite struct MailReadingTests {
    /// `Tests/MailCorpus`, outside the test target so SwiftPM does not take the messages for resources.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MailCorpus")

    /// Python's reading of each message: the body `get_body` prefers, else the decoded payload.
    static let reference = """
        import email, json, sys
        from email import policy
        out = {}
        for path in sys.argv[1:]:
            msg = email.message_from_binary_file(open(path, 'rb'), policy=policy.default)
            body = msg.get_body(preferencelist=('plain', 'html'))
            if body is not None:
                text = body.get_content()
            else:
                payload = msg.get_payload(decode=True)
                text = payload.decode('utf-8', 'replace') if isinstance(payload, bytes) else str(msg.get_payload())
            out[path.rsplit('/', 1)[-1]] = text.strip()
        print(json.dumps(out))
        """

    static func pythonReadings(_ paths: [String]) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", reference] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    @Test func porchReadsWhatPythonsEmailPackageReads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        #expect(names.count >= 13)
        let python = try Self.pythonReadings(names.map { Self.corpus.appendingPathComponent($0).path })
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            let result = EmailMessageDecoder.decode(bytes)
            guard case .success(let post) = result else {
                Issue.record("\(name): Porch refused it: \(result)")
                continue
            }
            #expect(post.text == python[name], "\(name)")
            #expect(post.holdReason == nil, "\(name): \(post.holdReason ?? "")")
        }
    }
}
