import Foundation
import PorchQueue
import PorchRules
import PorchScreening

/// The one verdict on a rules folder, which every command shares: a folder `porch rules check` refuses is refused
/// by `init`, `submit`, `scan`, `scrub`, `publish` and the rest, with the same problems.
///
/// The verdict is loading, compiling and the check (every rule's examples, catastrophic backtracking, the
/// prefilters). The check is what costs, so a passing verdict is remembered under a digest of every file in the
/// folder and of the porch binary itself (`~/.cache/porch/rules-ok/`): the same files under the same porch are
/// not checked twice. A failing verdict is never remembered.
public struct RulesVerdict {
    public let set: RuleSet
    public let warnings: [RuleDiagnostic]
    public let screener: Screener
    /// The check's failures and how many examples it ran; nil when a remembered pass made it unnecessary.
    public let check: (examples: Int, failures: [RuleDiagnostic])?

    public var failures: [RuleDiagnostic] { check?.failures ?? [] }

    /// Loads and compiles `directory` and checks it unless a pass is remembered (or `forceCheck`); throws the
    /// loader's errors. `piiOnly` compiles only the PII and allow rules when no check has to run, and `fewPosts`
    /// leaves out the prefilters then (`Screener.init(rules:prefilters:)`).
    public static func judge(
        _ directory: String, piiOnly: Bool = false, fewPosts: Bool = false, forceCheck: Bool = false
    ) throws(RuleLoadError) -> RulesVerdict {
        // The digest (reading and hashing every file again) runs beside the loading, which is mostly parsing.
        let digesting = forceCheck ? nil : Digesting(directory)
        // A PII-only command reads the PII lane alone, and keeps it when the folder's pass is remembered (else, and
        // when it has errors, the whole folder is read and judged as every command judges it).
        if piiOnly, let digesting, let (set, warnings) = try? RuleLoader.load(directory: directory, piiOnly: true) {
            if let digest = digesting.result, RulesVerdict.remembered(digest) {
                return RulesVerdict(
                    set: set, warnings: warnings, screener: try Screener(rules: set, prefilters: !fewPosts), check: nil)
            }
        }
        let (set, warnings) = try RuleLoader.load(directory: directory)
        let digest = digesting?.result
        if let digest, RulesVerdict.remembered(digest) {
            return RulesVerdict(
                set: set, warnings: warnings,
                screener: try Screener(rules: piiOnly ? set.piiOnly : set, prefilters: !fewPosts), check: nil)
        }
        let screener = try Screener(rules: set)
        let result = RuleCheck(rules: set, screener: screener).run()
        if result.failures.isEmpty, let digest = digest ?? RulesVerdict.digest(of: directory) {
            RulesVerdict.remember(digest)
        }
        return RulesVerdict(set: set, warnings: warnings, screener: screener, check: result)
    }

    /// The problems as `porch rules check` prints them, one a line.
    public var report: String { failures.map(\.description).joined(separator: "\n") }

    // MARK: - Remembered passes

    /// `digest(of:)` computed on another thread; `result` waits for it.
    public final class Digesting: @unchecked Sendable {
        private var digest: String?
        private let done = DispatchSemaphore(value: 0)

        init(_ directory: String) {
            DispatchQueue.global(qos: .userInitiated).async {
                self.digest = RulesVerdict.digest(of: directory)
                self.done.signal()
            }
        }

        var result: String? {
            done.wait()
            defer { done.signal() }
            return digest
        }
    }

    public static var cacheFolder: String? { UserCache.folder("rules-ok") }

    public static func remembered(_ digest: String) -> Bool {
        guard let folder = cacheFolder else { return false }
        return FileManager.default.fileExists(atPath: folder + "/" + digest)
    }

    public static func remember(_ digest: String) {
        guard let folder = cacheFolder else { return }
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        _ = FileManager.default.createFile(atPath: folder + "/" + digest, contents: Data())
    }

    /// SHA-256 over every file under `directory` (path and bytes, in path order) and the running binary's size and
    /// modification time; nil when something cannot be read (then the check simply runs).
    public static func digest(of directory: String) -> String? {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: directory) else { return nil }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                paths.append(path)
            }
        }
        var hasher = SHA256Stream()
        guard let executable = try? fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            let binary = try? fileManager.attributesOfItem(atPath: executable),
            let size = binary[.size] as? Int, let modified = binary[.modificationDate] as? Date
        else { return nil }
        hasher.update(Data("porch \(size) \(modified.timeIntervalSince1970)\n".utf8))
        for path in paths.sorted() {
            guard let data = fileManager.contents(atPath: directory + "/" + path) else { return nil }
            hasher.update(Data("\(path)\0\(data.count)\0".utf8))
            hasher.update(data)
        }
        return hasher.hex()
    }
}
