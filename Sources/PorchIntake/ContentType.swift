/// A parsed MIME `Content-Type` or `Content-Disposition`: the lowercased value and its parameters.
struct ContentType {
    /// `type/subtype` (or the disposition), lowercased.
    var value: String
    /// Parameters by lowercased name, unquoted.
    var parameters: [String: String]

    var type: String { String(value.prefix(while: { $0 != "/" })) }

    /// Parses a header value; comments in parentheses are dropped.
    init(_ header: String) {
        var pieces: [String] = []
        var current = ""
        var inQuote = false
        var escaped = false
        var commentDepth = 0
        for ch in header {
            if escaped {
                current.append(ch)
                escaped = false
            } else if inQuote {
                if ch == "\\" {
                    escaped = true
                } else if ch == "\"" {
                    inQuote = false
                } else {
                    current.append(ch)
                }
            } else if commentDepth > 0 {
                if ch == "(" { commentDepth += 1 } else if ch == ")" { commentDepth -= 1 }
            } else if ch == "(" {
                commentDepth = 1
            } else if ch == "\"" {
                inQuote = true
            } else if ch == ";" {
                pieces.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current)
        value = pieces[0].trimmingCharacters(in: " \t").lowercased()
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = piece[..<equals].trimmingCharacters(in: " \t").lowercased()
            let value = piece[piece.index(after: equals)...].trimmingCharacters(in: " \t")
            if parameters[name] == nil { parameters[name] = value }
        }
        self.parameters = parameters
    }
}
