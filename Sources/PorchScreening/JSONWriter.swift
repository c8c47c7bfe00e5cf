/// Appends compact JSON to a string: the few shapes Porch prints, in a fixed key order.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma = [false]

    public init() {}

    mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        output += "{"
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        output += "}"
    }

    public mutating func beginArray(_ key: String? = nil) {
        if let key { self.key(key) } else { separator() }
        output += "["
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        output += "]"
    }

    mutating func key(_ key: String) {
        separator()
        JSONWriter.appendString(key, to: &output)
        output += ":"
    }

    public mutating func field(_ key: String, _ value: String?) {
        self.key(key)
        if let value { JSONWriter.appendString(value, to: &output) } else { output += "null" }
    }

    public mutating func field(_ key: String, _ value: Int) {
        self.key(key)
        output += String(value)
    }

    public mutating func field(_ key: String, _ value: Double) {
        self.key(key)
        output += JSONWriter.number(value)
    }

    public mutating func field(_ key: String, _ value: Bool) {
        self.key(key)
        output += value ? "true" : "false"
    }

    public mutating func field(_ key: String, strings: [String]) {
        beginArray(key)
        for value in strings {
            separator()
            JSONWriter.appendString(value, to: &output)
        }
        endArray()
    }

    /// Numbers without a needless ".0" on whole values, rounded to 3 decimals.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    /// A JSON string literal with every control character escaped (and U+2028, U+2029, which some readers take
    /// for line ends). Works on the UTF-8 bytes: runs with nothing to escape are copied whole.
    public static func appendString(_ value: String, to output: inout String) {
        output += "\""
        let utf8 = value.utf8
        var plainStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            var escape: String?
            var length = 1
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x0D: escape = "\\r"
            case 0x09: escape = "\\t"
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                let second = utf8.index(after: index)
                if second < utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third < utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 {
                        escape = utf8[third] == 0xA8 ? "\\u2028" : "\\u2029"
                        length = 3
                    }
                }
            default:
                break
            }
            if let escape {
                output += value[plainStart..<index]
                output += escape
                index = utf8.index(index, offsetBy: length)
                plainStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        output += value[plainStart..<utf8.endIndex]
        output += "\""
    }
}

extension Verdict {
    /// The `porch scan` JSON object (PRODUCT.md's contract, plus placeholders, context and resources).
    public func json(id: String?) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", id)
        writer.field("text", scrub.text)
        if let hold { writer.field("held", hold.description) }
        scrub.writeRedactions(to: &writer)
        writer.beginObject("crisis")
        writer.field("level", crisis.level.rawValue)
        writer.field("categories", strings: crisis.categories)
        writer.beginArray("matches")
        for match in crisis.matches {
            writer.beginObject()
            writer.field("rule", match.rule)
            writer.field("category", match.category)
            writer.field("level", match.level.rawValue)
            if !match.context.isEmpty { writer.field("context", strings: match.context.map(\.rawValue)) }
            // The cues that lowered it, by id: where a rule editor looks when a cue lowers too much.
            if !match.contextRules.isEmpty { writer.field("cues", strings: match.contextRules) }
            writer.field("start", match.start)
            writer.field("end", match.end)
            writeOutputRange(match.start, match.end, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        if let model = crisis.model { model.write(to: &writer) }
        writer.endObject()
        writer.beginObject("spam")
        writer.field("verdict", spam.label.rawValue)
        writer.field("score", spam.score)
        writer.field("threshold", spam.threshold)
        writer.field("suspect_threshold", spam.suspectThreshold)
        if spam.warned { writer.field("warned", true) }
        if spam.agreed { writer.field("agreed", true) }
        writer.beginArray("matches")
        for match in spam.matches {
            writer.beginObject()
            writer.field("rule", match.rule)
            writer.field("score", match.score)
            writer.field("start", match.start)
            writer.field("end", match.end)
            writeOutputRange(match.start, match.end, to: &writer)
            if match.quoted { writer.field("quoted", true) }
            writer.endObject()
        }
        writer.endArray()
        if let model = spam.model { model.write(to: &writer) }
        if let learned = spam.learned { learned.write(to: &writer) }
        writer.endObject()
        if !resources.isEmpty {
            writer.beginArray("resources")
            for resource in resources {
                writer.beginObject()
                writer.field("name", resource.name)
                writer.field("contact", resource.contact)
                if let url = resource.url { writer.field("url", url) }
                writer.field("region", resource.region)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return writer.output
    }
}

extension Verdict {
    /// Where a match lies in the scrubbed text, for highlighting it there (absent when the post is held).
    func writeOutputRange(_ start: Int, _ end: Int, to writer: inout JSONWriter) {
        guard scrub.text != nil else { return }
        let range = scrub.outputRange(ofInput: start, end)
        writer.field("output_start", range.lowerBound)
        writer.field("output_end", range.upperBound)
    }
}

extension ScrubResult {
    /// The `porch scrub` JSON object: id, text and redactions.
    public func json(id: String?) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("id", id)
        writer.field("text", text)
        if let hold { writer.field("held", hold.description) }
        writeRedactions(to: &writer)
        writer.endObject()
        return writer.output
    }

    func writeRedactions(to writer: inout JSONWriter) {
        writer.beginArray("redactions")
        for redaction in redactions {
            writer.beginObject()
            writer.field("rule", redaction.rule)
            writer.field("type", redaction.type)
            writer.field("placeholder", redaction.placeholder)
            writer.field("start", redaction.start)
            writer.field("end", redaction.end)
            writer.field("output_start", redaction.outputStart)
            writer.field("output_end", redaction.outputEnd)
            writer.endObject()
        }
        writer.endArray()
    }
}

extension CrisisModelFinding {
    /// The `model` object of a crisis verdict: probabilities, levels, cues and the n-grams that weighed most.
    func write(to writer: inout JSONWriter) {
        writer.beginObject("model")
        writer.field("level", level.rawValue)
        writer.field("model_level", modelLevel.rawValue)
        writer.field("crisis_probability", crisisProbability)
        writer.field("concern_probability", concernProbability)
        if !context.isEmpty { writer.field("context", strings: context.map(\.rawValue)) }
        FeatureWeight.write(features, to: &writer)
        writer.endObject()
    }
}

extension SpamModelFinding {
    /// The `model` object of a spam verdict: the probability, its label and the n-grams that weighed most.
    func write(to writer: inout JSONWriter) {
        writer.beginObject("model")
        writer.field("verdict", label.rawValue)
        writer.field("probability", probability)
        FeatureWeight.write(features, to: &writer)
        writer.endObject()
    }
}

extension LearnedSpamFinding {
    /// The `learned` object of a spam verdict: the group's filter's probability and the words that counted most.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject("learned")
        writer.field("verdict", label.rawValue)
        writer.field("probability", probability)
        writer.beginArray("words")
        for (word, probability) in words {
            writer.beginObject()
            writer.field("word", word)
            writer.field("probability", probability)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

extension FeatureWeight {
    static func write(_ features: [FeatureWeight], to writer: inout JSONWriter) {
        writer.beginArray("features")
        for feature in features {
            writer.beginObject()
            writer.field("feature", feature.feature)
            writer.field("weight", feature.weight)
            writer.endObject()
        }
        writer.endArray()
    }
}
