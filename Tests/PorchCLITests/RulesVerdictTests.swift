import Foundation
import Testing

/// One loader, one verdict (issue 14, item 8), and a group's region (item 7): a rule set `porch rules check`
/// refuses is refused by every command; `init` checks the rules it copies and the region it is given.
@Suite struct RulesVerdictTests {
    /// A copy of the shipped rules where one rule's own example no longer holds.
    static func brokenRules() throws -> URL {
        let folder = try PorchProcess.temporaryFolder().appendingPathComponent("Rules")
        try FileManager.default.copyItem(atPath: PorchProcess.rules, toPath: folder.path)
        let rule = """

            [[rule]]
            id = "pii.test.wrong-example"
            description = "A rule whose match example does not match."
            type = "PHONE"
            placeholder = "phone"
            pattern = '[0-9]{3}-ZZZ'
            match = ["call [[555-0142]] now"]

            """
        let file = folder.appendingPathComponent("pii/contact.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + rule).write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func everyCommandRefusesWhatRulesCheckRefuses() throws {
        let rules = try Self.brokenRules()
        let check = try PorchProcess.run(["rules", "check", rules.path])
        #expect(check.status == 2)
        #expect(check.stdout.contains("pii.test.wrong-example"))
        for command in [["scrub"], ["scan"]] {
            let run = try PorchProcess.run(command + ["--rules", rules.path], stdin: "call (312) 555-0142")
            #expect(run.status == 2, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("pii.test.wrong-example"), "\(command): \(run.stderr)")
            #expect(run.stdout.isEmpty)
        }
        let group = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        let made = try PorchProcess.run(["init", "--dir", group.path, "--rules", rules.path])
        #expect(made.status == 2, "\(made.stderr)")
        #expect(made.stderr.contains("no group was created"))
        #expect(!FileManager.default.fileExists(atPath: group.path + "/porch.toml"))

        let fixture = try DecisionFixture()
        defer { fixture.remove() }
        let submitted = try fixture.run(
            ["submit", "--format", "text"], stdin: "A calm post.", environment: ["PORCH_RULES": rules.path])
        #expect(submitted.status == 2, "\(submitted.stderr)")
        #expect(try fixture.list().isEmpty)
    }

    static func configuredRegion(_ folder: URL) throws -> String? {
        let text = try String(contentsOf: folder.appendingPathComponent("porch.toml"), encoding: .utf8)
        return text.split(separator: "\n").first { $0.hasPrefix("region = ") }.map {
            String($0.dropFirst("region = ".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    @Test func initTakesISOCodesAndTheRegionsTheResourcesName() throws {
        let uk = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        let made = try PorchProcess.run(["init", "--dir", uk.path, "--region", "GB"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(try Self.configuredRegion(uk) == "UK", "GB is the United Kingdom, which the resources call UK")
        #expect(!made.stderr.contains("warning"))

        let ireland = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        #expect(try PorchProcess.run(["init", "--dir", ireland.path, "--region", "ie"]).status == 0)
        #expect(try Self.configuredRegion(ireland) == "IE")

        let france = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        let french = try PorchProcess.run(["init", "--dir", france.path, "--region", "FR"])
        #expect(french.status == 0, "\(french.stderr)")
        #expect(french.stderr.contains("warning: the rules have no crisis resources for FR"))

        let nowhere = try PorchProcess.temporaryFolder().appendingPathComponent("group")
        let refused = try PorchProcess.run(["init", "--dir", nowhere.path, "--region", "Narnia"])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("unknown region \"Narnia\""))
        #expect(refused.stderr.contains("UK") && refused.stderr.contains("US"))
        #expect(!FileManager.default.fileExists(atPath: nowhere.path + "/porch.toml"))
    }
}
