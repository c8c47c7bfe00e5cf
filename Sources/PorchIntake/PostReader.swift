import Foundation

/// Reads posts from a byte source in one intake format and hands each one, or its failure, to a closure in order.
///
/// `jsonl` and `mbox` stream: memory holds one line or one message at a time, so a million-line import runs
/// in constant memory. `text` and `email` read the whole input (up to `limits.maxRecordBytes`).
public struct PostReader: Sendable {
    public var format: IntakeFormat
    public var limits: IntakeLimits
    /// Bytes asked of the source per read.
    public var chunkSize: Int

    public init(format: IntakeFormat, limits: IntakeLimits = IntakeLimits(), chunkSize: Int = 65_536) {
        self.format = format
        self.limits = limits
        self.chunkSize = chunkSize
    }

    public typealias Handler = (Result<IncomingPost, IntakeFailure>) throws -> Void

    /// Reads `source` to its end. Throws `IntakeReadError` when reading fails, or whatever `handle` throws
    /// (which stops reading); a post that fails to decode is passed to `handle`, never thrown.
    public func read<Source: ByteSource>(from source: inout Source, _ handle: Handler) throws {
        switch format {
        case .text, .email:
            let (bytes, total) = try WholeInput.read(&source, limit: limits.maxRecordBytes, chunkSize: chunkSize)
            if total > bytes.count {
                let reason: IntakeFailureReason =
                    format == .text
                    ? .postTooLarge(bytes: total, limit: limits.maxPostBytes)
                    : .recordTooLarge(bytes: total, limit: limits.maxRecordBytes)
                try handle(.failure(IntakeFailure(position: .whole, reason: reason)))
                return
            }
            if format == .text {
                try handle(TextDecoder.decode(bytes, limits: limits))
            } else {
                try handle(EmailMessageDecoder.decode(bytes, position: .whole, format: .email, limits: limits))
            }
        case .jsonl:
            var lines = LineStream(source: source, chunkSize: chunkSize, maxLineBytes: limits.maxRecordBytes)
            let limits = self.limits
            try lines.forEach { event in
                switch event {
                case .line(let line, let number):
                    if let result = JSONLineDecoder.decode(line: line, number: number, limits: limits) {
                        try handle(result)
                    }
                case .oversize(let number, let bytes):
                    let reason = IntakeFailureReason.recordTooLarge(bytes: bytes, limit: limits.maxRecordBytes)
                    try handle(.failure(IntakeFailure(position: .line(number), reason: reason)))
                }
            }
            source = lines.source
        case .mbox:
            var splitter = MboxSplitter(limits: limits)
            var lines = LineStream(source: source, chunkSize: chunkSize, maxLineBytes: limits.maxRecordBytes)
            try lines.forEach { event in
                if let result = splitter.consume(event) { try handle(result) }
            }
            if let result = splitter.finish() { try handle(result) }
            source = lines.source
        }
    }

    /// Reads a file descriptor, such as 0 for stdin.
    public func read(fileDescriptor: Int32, name: String = "stdin", _ handle: Handler) throws {
        var source = FileDescriptorSource(fileDescriptor: fileDescriptor, name: name)
        try read(from: &source, handle)
    }

    /// Reads a `FileHandle` (such as `FileHandle.standardInput`) through its file descriptor.
    public func read(from fileHandle: FileHandle, name: String = "stdin", _ handle: Handler) throws {
        try read(fileDescriptor: fileHandle.fileDescriptor, name: name, handle)
    }

    /// Decodes bytes held in memory (for tests and fuzzers); results are in input order.
    public func decode(_ bytes: [UInt8]) -> [Result<IncomingPost, IntakeFailure>] {
        var results: [Result<IncomingPost, IntakeFailure>] = []
        var source = BufferSource(bytes, chunkSize: chunkSize)
        // A memory source never fails and the handler never throws.
        try! read(from: &source) { results.append($0) }
        return results
    }

    /// Decodes `Data` held in memory; results are in input order.
    public func decode(_ data: Data) -> [Result<IncomingPost, IntakeFailure>] {
        decode([UInt8](data))
    }
}
