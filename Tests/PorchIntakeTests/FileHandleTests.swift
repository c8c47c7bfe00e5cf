import Foundation
import Testing

@testable import PorchIntake

/// Reads through a real pipe, as `porch submit` reads stdin.
@Suite struct FileHandleTests {
    @Test func readsJSONLinesFromAPipeInOrder() throws {
        let pipe = Pipe()
        let count = 5_000
        let writer = Thread {
            let handle = pipe.fileHandleForWriting
            for i in 1...count {
                handle.write(Data("{\"id\": \(i), \"text\": \"check-in number \(i)\"}\n".utf8))
            }
            try? handle.close()
        }
        writer.start()
        var ids: [String] = []
        try PostReader(format: .jsonl, chunkSize: 4_096).read(from: pipe.fileHandleForReading) { result in
            ids.append(try result.get().externalID ?? "")
        }
        #expect(ids == (1...count).map(String.init))
    }

    @Test func aThrowingHandlerStopsTheRead() throws {
        struct Stop: Error {}
        var source = BufferSource(Samples.bytes("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n"))
        var seen = 0
        #expect(throws: Stop.self) {
            try PostReader(format: .jsonl).read(from: &source) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
    }

    @Test func aClosedDescriptorIsAReadErrorNotAPostFailure() throws {
        let error = #expect(throws: IntakeReadError.self) {
            try PostReader(format: .text).read(fileDescriptor: -1) { _ in }
        }
        #expect(error?.description.hasPrefix("could not read stdin: ") == true)
    }
}
