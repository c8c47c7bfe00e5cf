import Foundation
import PCRE2
import PorchRules
import Testing

@testable import PorchScreening

/// The real `Rules/` folder of this repository, loaded once for every PII test.
enum RealRules {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Rules").path

    static let loaded: (rules: RuleSet, screener: Screener)? = {
        guard let (rules, _) = try? RuleLoader.load(directory: directory),
            let screener = try? Screener(rules: rules)
        else { return nil }
        return (rules, screener)
    }()

    static func screener() throws -> Screener {
        try #require(loaded?.screener, "the Rules folder at \(directory) does not load; run `porch rules check`")
    }

    /// The scrubbed text of one post, which must not have been held.
    static func scrub(_ text: String, known: KnownIdentifiers = .init()) throws -> ScrubResult {
        let result = try screener().scrub(text, known: known, matcher: Matcher())
        #expect(result.hold == nil)
        return result
    }
}

/// One written-around identifier and what the lane must make of it.
struct EvasionCase: Sendable, CustomTestStringConvertible {
    let kind: String
    let input: String
    let output: String
    let type: String
    var testDescription: String { kind }
}

@Suite("PII lane: evasions")
struct PIIEvasionTests {
    static let cases: [EvasionCase] = [
        EvasionCase(
            kind: "dot and at spelled out", input: "write to sam dot rivers at example dot com tonight",
            output: "write to [email 1] tonight", type: "EMAIL"),
        EvasionCase(
            kind: "at in brackets", input: "I'm sam(at)example if anyone wants to chat",
            output: "I'm [email 1] if anyone wants to chat", type: "EMAIL"),
        EvasionCase(
            kind: "at and dot in square brackets", input: "reach me: sam.r [at] example [dot] org ok",
            output: "reach me: [email 1] ok", type: "EMAIL"),
        EvasionCase(
            kind: "spaced digits", input: "my number is 4 1 5 2 0 9 8 8 7 1 after six",
            output: "my number is [phone 1] after six", type: "PHONE"),
        EvasionCase(
            kind: "dashed digits", input: "ring 415--209--8871 after lunch", output: "ring [phone 1] after lunch",
            type: "PHONE"),
        EvasionCase(
            kind: "digit words", input: "text me, four one five, two zero nine, eight eight seven one!",
            output: "text me, [phone 1]!", type: "PHONE"),
        EvasionCase(
            kind: "digit words mixed with digits", input: "My cell is 415 two zero nine 8871, any time.",
            output: "My cell is [phone 1], any time.", type: "PHONE"),
        EvasionCase(
            kind: "full-width digits", input: "call ４１５-２０９-８８７１ tonight", output: "call [phone 1] tonight",
            type: "PHONE"),
        EvasionCase(
            kind: "Arabic-Indic digits", input: "call ٤١٥٢٠٩٨٨٧١ tonight", output: "call [phone 1] tonight",
            type: "PHONE"),
        EvasionCase(
            kind: "zero-width space inside an email", input: "mail sam\u{200B}.rivers@exam\u{200D}ple.com please",
            output: "mail [email 1] please", type: "EMAIL"),
        EvasionCase(
            kind: "zero-width space inside a number", input: "my cell 415\u{200B}209\u{2060}8871 ok",
            output: "my cell [phone 1] ok", type: "PHONE"),
        EvasionCase(
            kind: "Cyrillic look-alike letters in an email",
            input: "mail s\u{0430}m.riv\u{0435}rs@ex\u{0430}mple.com now",
            output: "mail [email 1] now", type: "EMAIL"),
        EvasionCase(
            kind: "full-width letters in an email", input: "ｓａｍ＠ｅｘａｍｐｌｅ．ｃｏｍ is me",
            output: "[email 1] is me", type: "EMAIL"),
        EvasionCase(
            kind: "insta account named after the platform", input: "my insta is sam_rivers_81 if you want",
            output: "my insta is [handle 1] if you want", type: "SOCIAL_HANDLE"),
        EvasionCase(
            kind: "fb account after a colon", input: "find me on fb: sam.rivers.81",
            output: "find me on fb: [handle 1]",
            type: "SOCIAL_HANDLE"),
        EvasionCase(
            kind: "fb account after I'm", input: "Find me on fb, I'm sam.rivers.81 there.",
            output: "Find me on fb, I'm [handle 1] there.", type: "SOCIAL_HANDLE"),
        EvasionCase(
            kind: "web address spelled out", input: "my blog is samrivers dot wordpress dot com if you like",
            output: "my blog is [link 1] if you like", type: "URL"),
        EvasionCase(
            kind: "social security number spaced", input: "they made me spell my social out loud, 2 1 9 0 9 4 2 1 3.",
            output: "they made me spell my social out loud, [SSN 1].", type: "SSN"),
    ]

    @Test("an evasion is scrubbed exactly", arguments: cases)
    func evasion(_ example: EvasionCase) throws {
        let result = try RealRules.scrub(example.input)
        #expect(result.text == example.output)
        #expect(result.redactions.map(\.type) == [example.type])
    }

    @Test("offsets land on the original text when the normalizer changed lengths")
    func offsetsMapBack() throws {
        // Invisible characters before the number shift every later normalized offset; full-width digits keep
        // their count but not their bytes; the spelled-out number shrinks from words to digits.
        let input = "a\u{200B}b\u{200D} call ４１５-２０９-８８７１ or four one five, two zero nine, eight eight seven one"
        let result = try RealRules.scrub(input)
        let scalars = Array(input.unicodeScalars)
        let spans = result.redactions.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        #expect(spans == ["４１５-２０９-８８７１", "four one five, two zero nine, eight eight seven one"])
        #expect(result.text == "a\u{200B}b\u{200D} call [phone 1] or [phone 1]")
    }

    @Test("output offsets point at each placeholder in the scrubbed text")
    func outputOffsets() throws {
        let result = try RealRules.scrub("mail sam\u{200B}@example.com or call 415-209-8871")
        let output = Array(try #require(result.text).unicodeScalars)
        for redaction in result.redactions {
            let placeholder = String(String.UnicodeScalarView(output[redaction.outputStart..<redaction.outputEnd]))
            #expect(placeholder == redaction.placeholder)
        }
    }
}

/// A text of one hard-negative class that the lane must leave exactly as written.
struct HardNegative: Sendable, CustomTestStringConvertible {
    let kind: String
    let text: String
    var testDescription: String { kind }
}

@Suite("PII lane: hard negatives stay untouched")
struct PIIHardNegativeTests {
    static let cases: [HardNegative] = [
        HardNegative(kind: "medication doses", text: "sertraline 50mg twice a day, and 0.5 ml of the drops at 2am"),
        HardNegative(kind: "times", text: "fed at 3:30am, again at 05:10 and at 11.45 tonight"),
        HardNegative(kind: "weights", text: "she was 7 lbs 8 oz, now 4.2 kg; I'm 11 st 4"),
        HardNegative(
            kind: "ages and gestations", text: "34 weeks pregnant, twins at 32+4, she is 18 months and I'm 29"),
        // A day and month about a member are scrubbed (`pii.date.*`); a year or a month alone is not.
        HardNegative(kind: "years and months", text: "from 2019 to 2024, and again in March"),
        HardNegative(kind: "money", text: "we paid $1,200 for the crib, £85 for the sling and €3,450.50 for IVF"),
        HardNegative(kind: "counts", text: "4 miscarriages, 3 rounds of IVF, 2 under 2 and 120 days clean"),
        HardNegative(kind: "generic places", text: "I went to the ER, then the NICU, then Target and Walmart"),
        HardNegative(kind: "generic workplaces", text: "I work at Target on weekends and I work at home now"),
        HardNegative(kind: "US helplines", text: "call or text 988, text HOME to 741741, or 1-800-273-8255"),
        HardNegative(kind: "UK helplines", text: "Samaritans on 116 123, NHS 111, or 999 in an emergency"),
        HardNegative(kind: "helpline sites", text: "postpartum.net, www.samaritans.org and 988lifeline.org helped"),
        HardNegative(
            kind: "common words that are also names",
            text: "I have hope and faith, with grace and joy; it will pass. May was hard. Summer is long."),
        HardNegative(kind: "lower-case relations without names", text: "my husband said no and my daughter is 3"),
        HardNegative(kind: "lab values", text: "HbA1c 48, TSH 2.5, hcg 1,450 and a temp of 38.2C"),
    ]

    @Test("a hard negative comes out unchanged", arguments: cases)
    func untouched(_ example: HardNegative) throws {
        let result = try RealRules.scrub(example.text)
        #expect(result.text == example.text)
        #expect(result.redactions.isEmpty)
    }
}

@Suite("PII lane: people, places and numbering")
struct PIIPeopleAndPlacesTests {
    @Test("the same value gets the same number, each new value the next")
    func placeholderNumbering() throws {
        let result = try RealRules.scrub(
            "mail ana@example.com or bo@example.com; again, ANA@example.com. Call 415-209-8871 or (415) 209-8871.")
        #expect(
            result.text == "mail [email 1] or [email 2]; again, [email 1]. Call [phone 1] or [phone 1].")
    }

    @Test("names found by context in normal and lower-case posts")
    func names() throws {
        let cases: [(String, String)] = [
            ("The nurse on nights, Mary, held my hand.", "The nurse on nights, [name 1], held my hand."),
            ("my husband craig has been amazing", "my husband [name 1] has been amazing"),
            ("First time here. I'm Faith, and I have 2 under 2", "First time here. I'm [name 1], and I have 2 under 2"),
            ("our ob, dr. fox, wants to induce", "our ob, dr. [name 1], wants to induce"),
            ("thanks for reading\nlove, sue", "thanks for reading\nlove, [name 1]"),
            ("If you know Mikayla Flores in real life", "If you know [name 1] in real life"),
            ("Little Scott came off oxygen", "Little [name 1] came off oxygen"),
        ]
        for (input, output) in cases {
            #expect(try RealRules.scrub(input).text == output)
        }
    }

    @Test("places that narrow a member down")
    func places() throws {
        let cases: [(String, String)] = [
            ("Dr. Hill at St. Peter's Hospital in Spokane listened", "Dr. [name 1] at [place 1] listened"),
            ("I work at the Derby branch of Hall-Payne and I'm scared", "I work at the [workplace 1] and I'm scared"),
            ("i work at kane & simmons accountants and i'm scared", "i work at [place 1] and i'm scared"),
            ("send cards to 12 Oak Street, Leeds LS6 2AB. Thanks", "send cards to [address 1]. Thanks"),
            ("We're in the 45402 area and", "We're in the [postcode 1] area and"),
            ("asked for my SIN (130 692 544) again", "asked for my SIN ([SIN 1]) again"),
        ]
        for (input, output) in cases {
            #expect(try RealRules.scrub(input).text == output)
        }
    }
}

@Suite("PII lane: known identifiers")
struct PIIKnownIdentifierTests {
    let known = KnownIdentifiers(names: ["Will Farrowdale"], addresses: ["will.farrowdale77@example.com"])

    @Test("the author's name and address are scrubbed anywhere, with the known-author rule")
    func nameAndAddress() throws {
        let result = try RealRules.scrub(
            "Farrowdale again. My old address will.farrowdale77@example.com still works, says will.farrowdale77",
            known: known)
        #expect(result.text == "[name 1] again. My old address [email 1] still works, says [email 2]")
        #expect(result.redactions.allSatisfy { $0.rule == "pii.known.author" || $0.type == "EMAIL" })
        #expect(result.redactions.contains { $0.rule == "pii.known.author" && $0.type == "PERSON" })
    }

    @Test("a name that is also a common word is scrubbed only when capitalised")
    func commonWordName() throws {
        let result = try RealRules.scrub("Will here. I will post again, it will pass.", known: known)
        #expect(result.text == "[name 1] here. I will post again, it will pass.")
    }

    @Test("the full name is found whatever its case")
    func fullNameAnyCase() throws {
        let result = try RealRules.scrub("signed, WILL FARROWDALE", known: known)
        #expect(result.text == "signed, [name 1]")
    }

    @Test("everyday words inside a username are not scrubbed on their own; its other parts are")
    func usernameParts() throws {
        let handle = KnownIdentifiers(names: ["sleepless_in_leeds"], addresses: ["tired.in.the.city@example.com"])
        let result = try RealRules.scrub(
            "Anyone else in Leeds want to meet in the city? sleepless_in_leeds", known: handle)
        #expect(result.text == "Anyone else in [name 1] want to meet in the city? [name 2]")
    }

    // Farrowdale is in no name list, so only the known-author rule finds it ("Harper" is found anywhere now).
    @Test("no known identifiers changes nothing the rules would not")
    func emptyKnown() throws {
        let text = "Farrowdale again, will post later"
        #expect(try RealRules.scrub(text).text == text)
    }
}

@Suite("Rule files")
struct PIIRuleFileTests {
    static let files: [String] = RealRules.loaded?.rules.files ?? ["(the Rules folder did not load)"]

    /// One check of the whole folder, shared by every file's case: the check tries every example against every
    /// rule, so running it once per file would repeat the same work a few hundred times.
    static let check: (examples: Int, failures: [RuleDiagnostic])? = RealRules.loaded.map { loaded in
        RuleCheck(rules: loaded.rules, screener: loaded.screener).run()
    }

    @Test("every rule's examples and the untouched texts pass in each file", arguments: files)
    func ruleCheck(_ file: String) throws {
        let (examples, failures) = try #require(Self.check, "the Rules folder does not load; run `porch rules check`")
        #expect(examples > 0)
        let here = failures.filter { $0.file == file }
        #expect(here.isEmpty, "\(here.map(\.description).joined(separator: "\n"))")
    }
}

/// The demo's seed posts that are plain text (`seeds/posts.jsonl` and `seeds/post.txt`), scrubbed with the real
/// rules. The values below are the identifying details `seeds/README.md` lists for those posts (all invented).
@Suite("PII lane: the demo's seed posts")
struct PIISeedTests {
    static let seeds: URL = URL(fileURLWithPath: RealRules.directory).deletingLastPathComponent()
        .appendingPathComponent("seeds")

    /// Identifying values that must not survive anywhere in any seed post, compared as whole words.
    static let identifying: [String] = [
        // phones, spelled-out and spaced ones included
        "(312) 555-0134", "555-0134", "07700 900123", "07700 900456", "020 7946 0321", "503-555-0172",
        "312 555 0199", "0 7 7 0 0 9 0 0 4 5 6", "five five five", "oh one eight eight", "area code three one two",
        // emails, written around filters too
        "j dot okoro", "okoro", "carla dot mendes", "nick.fairweather@example.net", "mia.hartley@example.com",
        // national, medical and payment numbers
        "078-05-1120", "QQ 12 34 56 C", "999 345 6780", "00482915", "04/11/1990", "12 March 2021",
        "4111 1111 1111 1111", "GB82 WEST 1234 5698 7654 32",
        // network addresses, profiles and handles
        "203.0.113.42", "198.51.100.7", "2001:db8::7", "facebook.com/rachel.hollins.example",
        "instagram.com/rach.rebuilds.example", "@rach_rebuilds_x",
        // street addresses and postcodes
        "14 Larkspur Close", "BS7 9QZ", "2417 Juniper Ave", "97214", "23 Orchard Mews", "M20 4TQ", "Ferndale Road",
        // people: partners, children, doctors, midwives, managers, the poster's own signature
        "Anita Patel", "Patel", "Daniel", "Tom Haskell", "Haskell", "Poppy", "Ashworth", "Jude", "Helena Vasquez",
        "Vasquez", "Bernie", "Ayesha", "Noor", "Arlo", "Sam", "Rowan", "Esme", "Sunil Mehta", "Mehta", "Liam", "Theo",
        "Okonjo", "Jess", "Mia",
        // hospitals, surgeries, nurseries and employers, and the town given with an employer
        "St Brendan's Hospital", "Brightwater", "Reading", "Cedar Valley", "Little Acorns", "Northgate",
        "Hollybank", "Harlow Distribution Centre", "Riverside Children's Hospital",
    ]

    /// Ordinary text in the same posts that must come through unchanged.
    static let ordinary: [String] = [
        "sertraline 50mg", "3:30am", "7 lbs 8 oz", "39+2 weeks", "34 weeks", "2023", "$1,200", "£60", "988",
        // (An order reference in a card's four groups of four is scrubbed since issue 15: a shape is never let
        // through on its checksum.)
        "116 123", "1-800-273-8255", "postpartum.net", "newborn sleep", "maternity allowance",
        "means nursery drop-off", "free online groups", "I write about recovery", "Not putting it normally",
        "Happy to meet",
    ]

    /// Every plain-text seed post: the `text` of each `posts.jsonl` line, then `post.txt`.
    static func posts() throws -> [(id: String, text: String)] {
        let lines = try String(contentsOf: seeds.appendingPathComponent("posts.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var posts: [(String, String)] = try lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (try #require(object["id"] as? String), try #require(object["text"] as? String))
        }
        posts.append(("post.txt", try String(contentsOf: seeds.appendingPathComponent("post.txt"), encoding: .utf8)))
        return posts
    }

    /// Whether `value` occurs in `text` as whole words (not inside a longer word or number).
    static func contains(_ text: String, wholeWord value: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: value, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            let joined = { (character: Character?) in character.map { $0.isLetter || $0.isNumber } ?? false }
            if !joined(before), !joined(after) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    @Test("the seed posts load: 26 from posts.jsonl and post.txt")
    func seedsLoad() throws {
        #expect(try Self.posts().count == 27)
    }

    @Test("no identifying value from the seeds survives scrubbing")
    func noIdentifyingValueSurvives() throws {
        let posts = try Self.posts()
        var present = Set<Int>()
        for (id, text) in posts {
            for (index, value) in Self.identifying.enumerated() where Self.contains(text, wholeWord: value) {
                present.insert(index)
            }
            let scrubbed = try #require(try RealRules.scrub(text).text)
            // Report positions in the list, never the values: they stand for real members' details.
            let leaks = Self.identifying.indices.filter { Self.contains(scrubbed, wholeWord: Self.identifying[$0]) }
            #expect(leaks.isEmpty, "seed \(id): identifying values at list positions \(leaks) survive scrubbing")
        }
        // The list must describe these posts: every value is in some seed before scrubbing.
        let absent = Self.identifying.indices.filter { !present.contains($0) }
        #expect(absent.isEmpty, "identifying values at list positions \(absent) are in no seed post")
    }

    @Test("ordinary text in the seeds survives scrubbing")
    func ordinaryTextSurvives() throws {
        var present = Set<Int>()
        for (id, text) in try Self.posts() {
            let scrubbed = try #require(try RealRules.scrub(text).text)
            var lost: [Int] = []
            for (index, value) in Self.ordinary.enumerated() where Self.contains(text, wholeWord: value) {
                present.insert(index)
                if !Self.contains(scrubbed, wholeWord: value) { lost.append(index) }
            }
            #expect(lost.isEmpty, "seed \(id): ordinary texts at list positions \(lost) were scrubbed")
        }
        let absent = Self.ordinary.indices.filter { !present.contains($0) }
        #expect(absent.isEmpty, "ordinary texts at list positions \(absent) are in no seed post")
    }
}
