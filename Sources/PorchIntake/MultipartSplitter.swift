/// Cuts a multipart body into its parts at boundary lines; the preamble and epilogue are dropped.
enum MultipartSplitter {
    static func split(_ body: ArraySlice<UInt8>, boundary: String) throws(MessageProblem) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int? = nil
        var found = false
        var i = body.startIndex
        while i < body.endIndex {
            var end = i
            while end < body.endIndex && body[end] != 0x0A { end += 1 }
            let next = end < body.endIndex ? end + 1 : end
            let line = body[i..<end]
            if line.starts(with: delimiter) {
                var rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [0x2D, 0x2D])
                if closing { rest = rest.dropFirst(2) }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    found = true
                    if let start = partStart {
                        // The line break before a delimiter belongs to the delimiter.
                        var partEnd = i
                        if partEnd > start && body[partEnd - 1] == 0x0A { partEnd -= 1 }
                        if partEnd > start && body[partEnd - 1] == 0x0D { partEnd -= 1 }
                        parts.append(body[start..<max(start, partEnd)])
                    }
                    if closing { return parts }
                    partStart = next
                }
            }
            i = next
        }
        guard found else { throw .boundaryNotFound }
        if let start = partStart, start < body.endIndex { parts.append(body[start...]) }  // no closing delimiter
        return parts
    }
}
