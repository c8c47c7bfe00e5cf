import Foundation
import FuzzSupport
import PorchRules
import PorchScreening

let tree = RuleTree()

/// libFuzzer entry point: the bytes as a TOML document, then as a rule file in each lane of a rules folder.
///
/// Invariants: parsing and loading never crash; the untouched folder loads; a parse error points inside the
/// text; every diagnostic about the fuzzed file points inside it; rules that load compile into a `Screener`
/// or are refused with diagnostics, and their own examples run (`porch rules check`) without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.unicodeScalars.count { $0 == "\n" } + 1
    let parsed: Bool
    do {
        _ = try TOMLParser.parse(text)
        parsed = true
    } catch {
        checkPosition(error.position, lines: lineCount, "TOML error")
        parsed = false
    }
    // Text that is not TOML is refused the same way in every lane: one lane is enough.
    for file in parsed ? RuleTree.laneFiles : [RuleTree.laneFiles[0]] {
        tree.write(bytes, as: file)
        defer { tree.restore(file) }
        do {
            let (rules, warnings) = try RuleLoader.load(directory: tree.root.path)
            for warning in warnings where warning.file == file {
                warning.position.map { checkPosition($0, lines: lineCount, "warning") }
            }
            exercise(rules)
        } catch {
            Invariant.check(
                error.diagnostics.contains { $0.severity == .error }, "a load was refused without an error")
            for diagnostic in error.diagnostics {
                Invariant.check(diagnostic.file == file, "diagnostic for the untouched file \(diagnostic.file)")
                diagnostic.position.map { checkPosition($0, lines: lineCount, "diagnostic") }
            }
        }
    }
    return 0
}

/// Compiles loaded rules and runs their examples, as `porch rules check` does.
func exercise(_ rules: RuleSet) {
    let screener: Screener
    do {
        screener = try Screener(rules: rules)
    } catch {
        Invariant.check(!error.diagnostics.isEmpty, "rules were refused without a diagnostic")
        return
    }
    _ = RuleCheck(rules: rules, screener: screener).run()
}

func checkPosition(_ position: SourcePosition, lines: Int, _ what: String) {
    Invariant.check(
        position.line >= 1 && position.line <= lines && position.column >= 1,
        "\(what) at \(position), outside a text of \(lines) lines")
}
