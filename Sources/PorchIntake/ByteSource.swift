#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Something intake reads bytes from in chunks: stdin, a file, or bytes in memory.
public protocol ByteSource {
    /// Fills the start of `buffer` and returns how many bytes were read; 0 means the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IntakeReadError) -> Int
}

/// Reads a file descriptor (stdin is 0) with `read(2)`, retrying when interrupted by a signal.
public struct FileDescriptorSource: ByteSource {
    public let fileDescriptor: Int32
    public var name: String

    public init(fileDescriptor: Int32, name: String = "stdin") {
        self.fileDescriptor = fileDescriptor
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IntakeReadError) -> Int {
        while true {
            #if canImport(Glibc)
                let count = Glibc.read(fileDescriptor, buffer.baseAddress, buffer.count)
            #else
                let count = Darwin.read(fileDescriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw IntakeReadError(source: name, code: errno)
        }
    }
}

/// Serves bytes held in memory, `chunkSize` at a time, so tests can cut records across chunk boundaries.
public struct BufferSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = 65_536) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IntakeReadError) -> Int {
        let count = min(buffer.count, chunkSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
