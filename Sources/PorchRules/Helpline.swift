/// A national crisis or support line, written in every form members use, that the PII lane never scrubs.
///
/// `[[helpline]]` entries in `resources.toml` (and the numbers in each `[[resource]]` contact) become one allow
/// rule, `allow.helpline.resources`: a number as written there matches with any spaces, dots, dashes or
/// brackets between its characters, with or without its country's dialling code, and letters in any case
/// ("1-800-273-TALK", "+44 116 123", "08001111"). Each form is also an untouched text, so `porch rules check`
/// proves no PII rule takes it.
public struct Helpline: Sendable {
    public let region: String
    public let name: String
    /// The number in each way it is written, e.g. "1-800-273-8255" and "1-800-273-TALK".
    public let numbers: [String]
    public let verified: TOMLDate
    public let location: RuleLocation

    public init(region: String, name: String, numbers: [String], verified: TOMLDate, location: RuleLocation) {
        self.region = region
        self.name = name
        self.numbers = numbers
        self.verified = verified
        self.location = location
    }

    /// The regions a helpline may belong to, with each one's international dialling code.
    static let diallingCodes: KeyValuePairs = ["US": "1", "UK": "44", "IE": "353", "CA": "1", "AU": "61", "NZ": "64"]

    /// The regions a helpline may belong to.
    public static let regions = diallingCodes.map(\.key)

    /// A region's international dialling code.
    static func countryCode(_ region: String) -> String {
        diallingCodes.first { $0.key == region }?.value ?? "1"
    }

    /// The id of the allow rule made from the helplines.
    public static let ruleID = "allow.helpline.resources"

    /// The digits and letters of a written number, upper-cased.
    public static func characters(of number: String) -> [Character] {
        number.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// The numbers written in a resource's contact text: runs of three or more digits, with the single spaces,
    /// dots or dashes between them ("Call 1-800-799-7233 or text START to 88788" gives two).
    public static func numbers(inContact contact: String) -> [String] {
        var found: [String] = []
        var current = ""
        var pending = ""
        for character in contact {
            if character.isASCII && character.isNumber {
                current += pending + String(character)
                pending = ""
            } else if !current.isEmpty && (character == " " || character == "-" || character == ".") && pending.isEmpty
            {
                pending = String(character)
            } else {
                if current.filter(\.isNumber).count >= 3 { found.append(current) }
                current = ""
                pending = ""
            }
        }
        if current.filter(\.isNumber).count >= 3 { found.append(current) }
        return found
    }

    /// The dialling code and trunk prefix of a region, as an optional pattern before a number.
    static func prefix(region: String, startsWithTrunkZero: Bool) -> String {
        let country = countryCode(region)
        if startsWithTrunkZero {
            // "0800 1111" is also "+44 800 1111" and "+44 (0)800 1111".
            return "(?:(?:\\+|00)\(country)[\\s.\\-]{0,2}(?:\\(0\\)[\\s.\\-]{0,2})?|0)"
        }
        return "(?:(?:\\+|00)?\(country)[\\s.\\-]{0,2})?"
    }

    /// One written number as a pattern (see the type's documentation).
    public static func pattern(for number: String, region: String) -> String? {
        var characters = characters(of: number)
        guard characters.count >= 3 else { return nil }
        let written = number.trimmingPrefix { !($0.isLetter || $0.isNumber || $0 == "+") }
        var prefix = ""
        let country = countryCode(region)
        if written.hasPrefix("+") || written.hasPrefix("00") {
            // Written with its dialling code: the code stays optional, the rest is the national number.
            let digits = String(characters)
            let code = written.hasPrefix("00") ? "00" + country : country
            if digits.hasPrefix(code) { characters = Array(characters.dropFirst(code.count)) }
            prefix = Helpline.prefix(region: region, startsWithTrunkZero: region != "US" && region != "CA")
        } else if characters.first == "0", region != "US", region != "CA" {
            characters = Array(characters.dropFirst())
            prefix = Helpline.prefix(region: region, startsWithTrunkZero: true)
        } else if (region == "US" || region == "CA") && characters.count == 11 && characters.first == "1" {
            characters = Array(characters.dropFirst())
            prefix = Helpline.prefix(region: region, startsWithTrunkZero: false)
        } else if (region == "US" || region == "CA") && characters.count == 10 {
            prefix = Helpline.prefix(region: region, startsWithTrunkZero: false)
        }
        let body = characters.map { character -> String in
            character.isLetter ? "[\(character)\(character.lowercased())]" : String(character)
        }.joined(separator: "[\\s.\\-()]{0,2}")
        return "\\(?" + prefix + "\\(?" + body
    }

    /// Every helpline form and every resource contact number as one pattern, or nil when there are none.
    public static func allowPattern(helplines: [Helpline], resources: [ResourceEntry]) -> String? {
        var alternatives: [String] = []
        var seen = Set<String>()
        func add(_ number: String, region: String) {
            guard let pattern = pattern(for: number, region: region), seen.insert(pattern).inserted else { return }
            alternatives.append(pattern)
        }
        for helpline in helplines {
            for number in helpline.numbers { add(number, region: helpline.region) }
        }
        for resource in resources.map(\.resource) {
            for number in numbers(inContact: resource.contact) { add(number, region: resource.region) }
        }
        guard !alternatives.isEmpty else { return nil }
        // Longest first, so "0800 068 4141" is taken whole before a shorter line inside it.
        alternatives.sort { $0.count > $1.count }
        return "(?<![0-9A-Za-z])(?:" + alternatives.joined(separator: "|") + ")(?![0-9A-Za-z])"
    }

    /// The allow rule made from the helplines, with each form as a `match` example; nil when there are none.
    public static func allowRule(helplines: [Helpline], resources: [ResourceEntry]) -> Rule? {
        guard let pattern = allowPattern(helplines: helplines, resources: resources) else { return nil }
        let location = helplines.first?.location ?? resources.first!.location
        let examples = helplines.flatMap { helpline in
            helpline.numbers.map {
                RuleExample(text: "call \($0) now", marked: [], position: helpline.location.position)
            }
        }
        return Rule(
            id: ruleID,
            description: "The national crisis and support lines of resources.toml, in every written form.",
            location: location,
            matcher: RuleMatcher(
                source: .pattern(pattern), position: location.position, caseless: false, unicodeClasses: false),
            matchExamples: examples, noMatchExamples: [], kind: .allow)
    }
}
