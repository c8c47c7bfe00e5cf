import PorchRules
import Testing

@Suite struct TOMLParserTests {
    func string(_ table: TOMLTable, _ key: String) -> String? {
        if case .string(let value)? = table[key]?.value { return value }
        return nil
    }

    @Test func literalStringsKeepBackslashesForPatterns() throws {
        let table = try TOMLParser.parse(#"pattern = '\b[0-9]{3}\s?'"#)
        #expect(string(table, "pattern") == #"\b[0-9]{3}\s?"#)
    }

    @Test func basicStringEscapes() throws {
        let table = try TOMLParser.parse(#"a = "tab\there \"q\" \u00e9 \U0001F600""#)
        #expect(string(table, "a") == "tab\there \"q\" é 😀")
    }

    @Test func multilineStrings() throws {
        let table = try TOMLParser.parse("a = '''\nline one\nline 'two'\n'''\nb = \"\"\"\nx \\\n   y\"\"\"\n")
        #expect(string(table, "a") == "line one\nline 'two'\n")
        #expect(string(table, "b") == "x y")
    }

    @Test func arraysOfTablesKeepPositionsAndOrder() throws {
        let text = """
            # rules
            [[rule]]
            id = "a"
            match = ["one", "two",]   # trailing comma

            [[rule]]
            id = "b"
            list = { given = "names", n = 3 }
            """
        let root = try TOMLParser.parse(text)
        guard case .array(let rules)? = root["rule"]?.value else {
            Issue.record("rule is not an array")
            return
        }
        #expect(rules.count == 2)
        #expect(rules.map(\.position.line) == [2, 6])
        guard case .table(let second) = rules[1].value, case .table(let inline)? = second["list"]?.value else {
            Issue.record("no inline table")
            return
        }
        #expect(inline.keys == ["given", "n"])
        guard case .table(let first) = rules[0].value, case .array(let examples)? = first["match"]?.value else {
            Issue.record("no match array")
            return
        }
        #expect(examples.map(\.position) == [SourcePosition(line: 4, column: 10), SourcePosition(line: 4, column: 17)])
    }

    @Test func numbersBooleansAndDates() throws {
        let root = try TOMLParser.parse("a = 1_000\nb = -2.5e1\nc = true\nd = 2026-11-24\ne = 0x1F\n")
        if case .integer(let value)? = root["a"]?.value { #expect(value == 1000) } else { Issue.record("a") }
        if case .float(let value)? = root["b"]?.value { #expect(value == -25) } else { Issue.record("b") }
        if case .boolean(let value)? = root["c"]?.value { #expect(value) } else { Issue.record("c") }
        if case .date(let value)? = root["d"]?.value {
            #expect(value.description == "2026-11-24")
        } else {
            Issue.record("d")
        }
        if case .integer(let value)? = root["e"]?.value { #expect(value == 31) } else { Issue.record("e") }
    }

    @Test(arguments: [
        ("a = 'open", 1, 5, "not closed"),
        ("a = 1\na = 2", 2, 1, "set twice"),
        ("[t]\n[t]", 2, 1, "defined twice"),
        ("a = \"bad \\d escape\"", 1, 10, "not a TOML escape"),
        ("a = [1, 2", 1, 5, "not closed"),
        ("a = word", 1, 5, "need quotes"),
        ("a = 1 b = 2", 1, 7, "end of the line"),
        ("x.y = 1\nx = 2", 2, 1, "set twice"),
        ("d = 2026-02-30", 1, 5, "YYYY-MM-DD"),
    ])
    func errorsNameLineColumnAndWhatToDo(text: String, line: Int, column: Int, fragment: String) {
        #expect {
            _ = try TOMLParser.parse(text)
        } throws: { error in
            guard let error = error as? TOMLError else { return false }
            return error.position == SourcePosition(line: line, column: column) && error.message.contains(fragment)
        }
    }
}
