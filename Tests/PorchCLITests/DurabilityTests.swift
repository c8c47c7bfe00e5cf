import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct DurabilityTests {
    /// Lines of a large batch, each a different post (so none is a duplicate of another).
    private static func batch(_ count: Int) -> [String] {
        (1...count).map { "{\"id\": \"bulk-\($0)\", \"text\": \"Bulk post number \($0) about feeding and sleep.\"}\n" }
    }

    @Test func everyAcknowledgedPostSurvivesKillNine() throws {
        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        // The writer below must see EPIPE, not die, when the killed child's pipe closes.
        signal(SIGPIPE, SIG_IGN)

        let process = Process()
        process.executableURL = PorchProcess.executable
        process.arguments = ["submit", "--format", "jsonl", "--json", "--dir", fixture.group.path]
        var environment = ProcessInfo.processInfo.environment
        environment["PORCH_RULES"] = PorchProcess.rules
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Feed 20,000 lines without ever closing stdin: porch cannot finish on its own, only be killed.
        let lines = Self.batch(20_000)
        let writer = PipeWriter(fd: input.fileHandleForWriting.fileDescriptor, lines: lines)
        writer.start()

        // Read acknowledgements until some hundreds are in, then kill -9 mid-stream.
        var acknowledged: [Int: String] = [:]
        var pending = Data()
        let readFD = output.fileHandleForReading.fileDescriptor
        var killed = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
                if let id = object?["id"] as? Int, let external = object?["external_id"] as? String {
                    acknowledged[id] = external
                }
            }
            if !killed && acknowledged.count >= 300 {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        writer.stop()
        #expect(killed)
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(acknowledged.count >= 300)
        #expect(acknowledged.count < lines.count)

        // Every acknowledged post is in the queue, with the id it was acknowledged under.
        let listed = try fixture.list(["--state", "pending", "--limit", "1000000"])
        var stored: [Int: String] = [:]
        for object in listed {
            if let id = object["id"] as? Int { stored[id] = object["external_id"] as? String }
        }
        let missing = acknowledged.filter { stored[$0.key] != $0.value }
        #expect(missing.isEmpty, "\(missing.count) acknowledged posts are missing")
        #expect(stored.count >= acknowledged.count)

        // The database is intact: it lists, shows and takes new posts.
        let text = try fixture.run(["queue", "list", "--limit", "5"])
        #expect(text.status == 0)
        #expect(text.lines.count == 5)
        let newID = try fixture.submitIDs([["text": "After the crash: is the queue still fine?"]])[0]
        #expect(newID > (stored.keys.max() ?? 0))
        #expect(try fixture.show(newID)["state"] as? String == "pending")
        // A resubmitted acknowledged post is recognised as a duplicate, not stored twice.
        let first = try #require(acknowledged.min { $0.key < $1.key })
        let resend = try fixture.run(
            ["submit", "--format", "jsonl", "--json"], stdin: lines[Int(first.value.dropFirst(5))! - 1])
        #expect(try resend.jsonLines().first?["duplicate_of"] as? Int == first.key)
    }
}

/// Writes lines to a pipe on its own thread until they run out, the reader goes away, or `stop()`.
private final class PipeWriter: @unchecked Sendable {
    private let fd: Int32
    private let lines: [String]
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false

    init(fd: Int32, lines: [String]) {
        self.fd = fd
        self.lines = lines
    }

    func start() {
        Thread.detachNewThread { [self] in
            outer: for line in lines {
                if lock.withLock({ stopped }) { break }
                var bytes = Array(line.utf8)[...]
                while !bytes.isEmpty {
                    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    if written < 0 {
                        if errno == EINTR { continue }
                        break outer  // EPIPE: porch was killed.
                    }
                    bytes = bytes.dropFirst(written)
                }
            }
            done.signal()
        }
    }

    /// Waits for the writer to finish; the pipe stays open until then.
    func stop() {
        lock.withLock { stopped = true }
        done.wait()
    }
}
