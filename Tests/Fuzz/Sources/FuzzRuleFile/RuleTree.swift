import Foundation
import FuzzSupport

/// A minimal `Rules/` folder in a temporary directory: empty lane files and short word lists.
///
/// The fuzz target writes its input over one lane's file, loads the folder, and puts the file back.
struct RuleTree {
    /// The lane files the input is written over, in turn.
    static let laneFiles = ["pii/fuzz.toml", "crisis/fuzz.toml", "spam/fuzz.toml", "resources.toml"]
    /// What each lane file holds when it is not being fuzzed (all valid and empty of rules).
    static let emptyContents: [String: String] = [
        "pii/fuzz.toml": "# no rules\n",
        "crisis/fuzz.toml": "# no rules\n",
        "spam/fuzz.toml": "[settings]\nthreshold = 5.0\n",
        "resources.toml": "[settings]\ndefault_region = \"US\"\n",
    ]
    /// The lists the real rules refer to, with a few entries each.
    static let lists: [String: String] = [
        "given-names": "Anna\nDaniel\n# comment\nPriya\n",
        "surnames": "Okoro\nPatel\n",
        "common-words": "will\nmay\nhope\n",
        "not-names": "Monday\nMum\n",
        "not-workplaces": "home\n",
        "chain-stores": "Tesco\n",
        "ordinary-words": "baby\nsleep\n",
    ]

    let root: URL

    /// This process's folder under the system's temporary directory.
    static var folder: URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("porch-fuzz-rules-\(getpid())")
    }

    /// Creates the folder; it is deleted when the process exits.
    init() {
        let base = RuleTree.folder
        let manager = FileManager.default
        do {
            for folder in ["lists", "pii", "crisis", "spam"] {
                try manager.createDirectory(
                    at: base.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            for (name, words) in RuleTree.lists {
                try Data(words.utf8).write(to: base.appendingPathComponent("lists/\(name).txt"))
            }
        } catch {
            Invariant.fail("cannot create the temporary rules folder \(base.path): \(error)")
        }
        root = base
        for file in RuleTree.laneFiles { restore(file) }
        atexit { try? FileManager.default.removeItem(at: RuleTree.folder) }
    }

    /// Writes `bytes` as the given lane file.
    func write(_ bytes: [UInt8], as file: String) {
        do {
            try Data(bytes).write(to: root.appendingPathComponent(file))
        } catch {
            Invariant.fail("cannot write \(file) in the temporary rules folder: \(error)")
        }
    }

    /// Puts the lane file's empty contents back.
    func restore(_ file: String) {
        write(Array(RuleTree.emptyContents[file, default: ""].utf8), as: file)
    }
}
