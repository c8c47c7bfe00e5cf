/// Reads a source to its end, keeping at most `limit` bytes and counting the rest.
enum WholeInput {
    /// The kept bytes and the total length of the input; `total > bytes.count` means the input was over the limit.
    static func read<Source: ByteSource>(_ source: inout Source, limit: Int, chunkSize: Int) throws -> (
        bytes: [UInt8], total: Int
    ) {
        var bytes: [UInt8] = []
        var total = 0
        var chunk = [UInt8](repeating: 0, count: max(chunkSize, 16))
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            total += count
            let room = max(0, limit - bytes.count)
            if room > 0 { bytes.append(contentsOf: chunk[0..<min(count, room)]) }
        }
        return (bytes, total)
    }
}
