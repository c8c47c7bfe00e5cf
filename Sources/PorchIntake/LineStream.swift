/// Splits a byte source into lines without holding more than one line (plus one chunk) in memory.
struct LineStream<Source: ByteSource> {
    enum Event {
        /// A line without its `\n` (a `\r` before it is kept); valid only during the callback.
        case line(UnsafeBufferPointer<UInt8>, number: Int)
        /// A line longer than the limit, skipped; `bytes` is its length.
        case oversize(number: Int, bytes: Int)
    }

    var source: Source
    let chunkSize: Int
    let maxLineBytes: Int

    mutating func forEach(_ body: (Event) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 16) * 2)
        var filled = 0
        var scanFrom = 0
        var lineNumber = 1
        var discarding: Int? = nil  // bytes of an oversize line skipped so far
        var atEnd = false
        while !atEnd {
            if buffer.count - filled < chunkSize {
                buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, chunkSize)))
            }
            let count = try buffer.withUnsafeMutableBytes { raw in
                try source.read(
                    into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<min(raw.count, filled + chunkSize)]))
            }
            if count == 0 { atEnd = true }
            filled += count
            var lineStart = 0
            try buffer.withUnsafeBufferPointer { all in
                var i = scanFrom
                while i < filled {
                    guard all[i] == 0x0A else {
                        i += 1
                        continue
                    }
                    if let skipped = discarding {
                        try body(.oversize(number: lineNumber, bytes: skipped + i - lineStart))
                        discarding = nil
                    } else if i - lineStart > maxLineBytes {
                        try body(.oversize(number: lineNumber, bytes: i - lineStart))
                    } else {
                        try body(.line(UnsafeBufferPointer(rebasing: all[lineStart..<i]), number: lineNumber))
                    }
                    lineNumber += 1
                    i += 1
                    lineStart = i
                }
                if atEnd && lineStart < filled {
                    if let skipped = discarding {
                        try body(.oversize(number: lineNumber, bytes: skipped + filled - lineStart))
                    } else if filled - lineStart > maxLineBytes {
                        try body(.oversize(number: lineNumber, bytes: filled - lineStart))
                    } else {
                        try body(.line(UnsafeBufferPointer(rebasing: all[lineStart..<filled]), number: lineNumber))
                    }
                    lineStart = filled
                }
            }
            let rest = filled - lineStart
            if discarding != nil || rest > maxLineBytes {
                discarding = (discarding ?? 0) + rest
                filled = 0
                scanFrom = 0
                continue
            }
            if lineStart > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    base.copyMemory(from: base + lineStart, byteCount: rest)
                }
            }
            filled = rest
            scanFrom = rest
            // Keep memory bounded after one long line.
            if buffer.count > 4 * max(chunkSize, 16) && filled < chunkSize {
                buffer = Array(buffer[0..<filled]) + [UInt8](repeating: 0, count: max(chunkSize, 16) * 2)
            }
        }
    }
}
