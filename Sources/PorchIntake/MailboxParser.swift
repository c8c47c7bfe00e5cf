/// Reads the first mailbox of a `From` header: `Name <addr>`, `"Quoted, Name" <addr>`, `addr (Name)` or `addr`.
enum MailboxParser {
    static func parse(_ header: String) throws(MessageProblem) -> Author? {
        // Split into the first mailbox's phrase, angle address and comments, honouring quotes.
        var phrase = ""
        var comments: [String] = []
        var angle: String? = nil
        var bare = ""
        var inQuote = false
        var escaped = false
        var commentDepth = 0
        var comment = ""
        var inAngle = false
        var angleText = ""
        loop: for ch in header {
            if escaped {
                if commentDepth > 0 { comment.append(ch) } else { phrase.append(ch) }
                escaped = false
                continue
            }
            if commentDepth > 0 {
                switch ch {
                case "\\": escaped = true
                case "(":
                    commentDepth += 1
                    comment.append(ch)
                case ")":
                    commentDepth -= 1
                    if commentDepth == 0 {
                        comments.append(comment)
                        comment = ""
                    } else {
                        comment.append(ch)
                    }
                default: comment.append(ch)
                }
                continue
            }
            if inQuote {
                switch ch {
                case "\\": escaped = true
                case "\"": inQuote = false
                default: phrase.append(ch)
                }
                continue
            }
            if inAngle {
                if ch == ">" {
                    inAngle = false
                    angle = angleText
                } else {
                    angleText.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "(": commentDepth = 1
            case "<":
                inAngle = true
                angleText = ""
            case ",":
                if angle != nil || !bare.isEmpty || !phrase.isEmpty { break loop }
            case ":":
                // A group: "Friends: a@b, c@d;" – what came before was the group name.
                phrase = ""
                bare = ""
            case ";":
                break loop
            default:
                if angle == nil {
                    phrase.append(ch)
                    if !ch.isWhitespace { bare.append(ch) }
                }
            }
        }
        if inAngle { angle = angleText }

        var name: String?
        var address: String?
        if let angle {
            // Source routes ("<@relay:addr>") keep only the address after the colon.
            let cleaned = angle.split(separator: ":").last.map(String.init) ?? angle
            address = cleaned.trimmingCharacters(in: " \t")
            name = phrase
        } else {
            // No angle brackets: the address is the word with an "@" (or the only word); a comment is the name.
            let words = phrase.split(whereSeparator: { $0 == " " || $0 == "\t" })
            address = words.last(where: { $0.contains("@") }).map(String.init) ?? (words.count == 1 ? bare : nil)
            name = comments.first
        }
        if let raw = name {
            let collapsed = raw.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            name = try EncodedWords.decode(collapsed).trimmingCharacters(in: " \t")
        }
        if name?.isEmpty == true { name = nil }
        if address?.isEmpty == true { address = nil }
        if name == nil && address == nil { return nil }
        return Author(name: name, address: address)
    }
}
