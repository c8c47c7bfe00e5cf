import Foundation
import Testing

@testable import PorchQueue

@Suite struct PseudonymTests {
    let key = try! SecretKey(bytes: Array(repeating: 7, count: 32))
    let otherKey = try! SecretKey(bytes: Array(repeating: 8, count: 32))

    @Test func theSameAuthorGetsTheSamePseudonymAndAlias() {
        let names = Pseudonymizer(key: key)
        let first = names.pseudonym(for: "member@example.org")
        #expect(first.count == 64 && first.allSatisfy(\.isHexDigit))
        #expect(names.pseudonym(for: "  Member@Example.ORG\n") == first)
        #expect(names.pseudonym(for: "Jo Member <MEMBER@example.org>") == first)
        #expect(names.pseudonym(for: "mailto:member@example.org") == first)
        #expect(Pseudonymizer(key: key).pseudonym(for: "member@example.org") == first)
        #expect(names.alias(forPseudonym: first) == Pseudonymizer(key: key).alias(forPseudonym: first))
        #expect(names.pseudonym(for: "other@example.org") != first)
        #expect(!first.contains("member"))
    }

    @Test func aDifferentSecretGivesUnrelatedPseudonyms() {
        let identity = "member@example.org"
        #expect(
            Pseudonymizer(key: key).pseudonym(for: identity) != Pseudonymizer(key: otherKey).pseudonym(for: identity))
    }

    @Test func chatHandlesKeepTheirCaseButLoseSurroundingSpace() {
        let names = Pseudonymizer(key: key)
        #expect(names.pseudonym(for: " NightOwl ") == names.pseudonym(for: "NightOwl"))
        #expect(names.pseudonym(for: "NightOwl") != names.pseudonym(for: "nightowl"))
    }

    @Test func aliasesAreTwoWordsAndANumberAndSpreadOut() {
        let names = Pseudonymizer(key: key)
        var aliases = Set<String>()
        for index in 0..<500 {
            let alias = names.alias(forPseudonym: names.pseudonym(for: "member\(index)@example.org"))
            let parts = alias.split(separator: " ")
            #expect(parts.count == 3)
            #expect(AliasWords.adjectives.contains(String(parts[0])) && AliasWords.animals.contains(String(parts[1])))
            #expect(Int(parts[2]).map { (1...99).contains($0) } == true)
            aliases.insert(alias)
        }
        #expect(aliases.count > 480)
        #expect(names.alias(forPseudonym: "not hex at all").split(separator: " ").count == 3)
    }

    @Test func contentHashesIgnoreWhitespaceButNotAuthorsOrWords() {
        let hasher = ContentHasher(key: key)
        let base = hasher.hash(text: "I made it\nthrough   the night", pseudonym: "a")
        #expect(hasher.hash(text: "  I made it through the night \n", pseudonym: "a") == base)
        #expect(hasher.hash(text: "I made it through the night.", pseudonym: "a") != base)
        #expect(hasher.hash(text: "I made it through the night", pseudonym: "b") != base)
        #expect(ContentHasher(key: otherKey).hash(text: "I made it through the night", pseudonym: "a") != base)
        #expect(ContentHasher.normalize(" a \t b\n\nc ") == "a b c")
        #expect(
            ContentHasher.sha256Hex(of: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func keyFilesAreWrittenOwnerOnlyAndReadBack() throws {
        let scratch = try Scratch()
        let path = scratch.path("secret.key")
        let generated = SecretKey.generate()
        #expect(generated != SecretKey.generate())
        try generated.save(to: path)
        #expect(try mode(of: path) == 0o600)
        #expect(try SecretKey.load(from: path) == generated)
        #expect(throws: SecretKeyError.alreadyExists(path: path)) { try SecretKey.generate().save(to: path) }
        #expect(try SecretKey.load(from: path) == generated)
        #expect(!"\(generated)".contains(Hex.encode(generated.bytes)))
    }

    @Test func aKeyOthersCanReadIsRefusedWithTheFix() throws {
        let scratch = try Scratch()
        let path = scratch.path("secret.key")
        try SecretKey.generate().save(to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        #expect(throws: SecretKeyError.insecurePermissions(path: path, mode: 0o640)) {
            try SecretKey.load(from: path)
        }
        #expect(SecretKeyError.insecurePermissions(path: path, mode: 0o640).description.contains("chmod 600 \(path)"))
    }

    @Test func missingAndMalformedKeysAreExplained() throws {
        let scratch = try Scratch()
        let path = scratch.path("secret.key")
        #expect(throws: SecretKeyError.missing(path: path)) { try SecretKey.load(from: path) }
        _ = FileManager.default.createFile(
            atPath: path, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600])
        do {
            _ = try SecretKey.load(from: path)
            Issue.record("a malformed key was read")
        } catch let error as SecretKeyError {
            guard case .malformed = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(throws: SecretKeyError.wrongLength(31)) { try SecretKey(bytes: Array(repeating: 0, count: 31)) }
    }
}
