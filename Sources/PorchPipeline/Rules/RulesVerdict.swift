import Foundation
import PCRE2
import PorchQueue
import PorchRules
import PorchScreening

/// The one verdict on a rules folder, which every command shares: a folder `porch rules check` refuses is refused
/// by `init`, `submit`, `scan`, `scrub`, `publish` and the rest, with the same problems.
///
/// The verdict is loading, compiling and the check (every rule's examples, catastrophic backtracking, the
/// prefilters). The check is what costs, so a passing verdict is remembered under a digest of every file in the
/// folder and of the porch binary itself (`~/.cache/porch/rules-ok/`), and under their stamps once they have
/// settled (`Digesting`): the same files under the same porch are not checked twice. A failing verdict is never
/// remembered. A folder whose pass is remembered under its stamps is also kept as it was compiled
/// (`PreparedRules`), so the next command under the same stamps reads that instead of the files.
public struct RulesVerdict {
    public let set: RuleSet
    public let warnings: [RuleDiagnostic]
    public let screener: Screener
    /// The check's failures and how many examples it ran; nil when a remembered pass made it unnecessary.
    public let check: (examples: Int, failures: [RuleDiagnostic])?

    public var failures: [RuleDiagnostic] { check?.failures ?? [] }

    /// Loads and compiles `directory` and checks it unless a pass is remembered (or `forceCheck`); throws the
    /// loader's errors. `piiOnly` compiles only the PII and allow rules when no check has to run, and `fewPosts`
    /// builds the one-post screener (`Screener.init(rules:prefilters:weights:gates:)`), its gates kept with the rest.
    public static func judge(
        _ directory: String, piiOnly: Bool = false, fewPosts: Bool = false, forceCheck: Bool = false
    ) throws(RuleLoadError) -> RulesVerdict {
        // A folder whose pass is remembered under its stamps is read from what an earlier command prepared from it
        // (`PreparedRules`), when there is that.
        let folderStamps = forceCheck ? nil : stampKey(of: directory)
        let stamps = folderStamps.flatMap { remembered($0) ? $0 : nil }
        let variant = (piiOnly ? "pii" : "all") + (fewPosts ? "-few" : "-many")
        if let stamps, let kept = PreparedRules.load(directory: directory, variant: variant, key: stamps) {
            let previous = CompiledPatterns.use(kept.patterns)
            defer { CompiledPatterns.use(previous) }
            return RulesVerdict(
                set: kept.set, warnings: kept.warnings,
                screener: try Screener(
                    rules: kept.set, prefilters: !fewPosts, weights: kept.weights, gates: kept.gates),
                check: nil)
        }
        /// Compiles a remembered folder's `set` and prepares it for the next command, when its stamps stand for it.
        func compile(_ set: RuleSet, _ warnings: [RuleDiagnostic]) throws(RuleLoadError) -> Screener {
            guard let stamps else { return try Screener(rules: set, prefilters: !fewPosts) }
            let patterns = CompiledPatterns()
            let previous = CompiledPatterns.use(patterns)
            defer { CompiledPatterns.use(previous) }
            let screener = try Screener(rules: set, prefilters: !fewPosts)
            PreparedRules.keep(
                .init(
                    set: set, warnings: warnings, patterns: patterns, weights: screener.weightsFiles,
                    gates: screener.keptGates),
                directory: directory, variant: variant, key: stamps)
            return screener
        }

        // The digest (reading and hashing every file again) runs beside the loading, which is mostly parsing.
        let digesting = forceCheck ? nil : Digesting(directory, stamps: folderStamps)
        // A PII-only command reads the PII lane alone, and keeps it when the folder's pass is remembered (else, and
        // when it has errors, the whole folder is read and judged as every command judges it).
        if piiOnly, let digesting, let (set, warnings) = try? RuleLoader.load(directory: directory, piiOnly: true) {
            if digesting.remembered {
                return RulesVerdict(set: set, warnings: warnings, screener: try compile(set, warnings), check: nil)
            }
        }
        let (set, warnings) = try RuleLoader.load(directory: directory)
        if let digesting, digesting.remembered {
            let compiled = piiOnly ? set.piiOnly : set
            return RulesVerdict(set: set, warnings: warnings, screener: try compile(compiled, warnings), check: nil)
        }
        let screener = try Screener(rules: set)
        let result = RuleCheck(rules: set, screener: screener).run()
        if result.failures.isEmpty { (digesting ?? Digesting(directory)).rememberPass() }
        return RulesVerdict(set: set, warnings: warnings, screener: screener, check: result)
    }

    /// The problems as `porch rules check` prints them, one a line.
    public var report: String { failures.map(\.description).joined(separator: "\n") }

    // MARK: - Remembered passes

    /// Whether a pass of `directory` is remembered, worked out on another thread; `remembered` waits for it.
    ///
    /// The folder's stamps (`FileStamp`: what `stat` says of each file, no file read) are asked first; only when
    /// no pass is remembered under them, or a file changed in the last two seconds, are the files read and
    /// hashed (`digest(of:)`). A pass found by the digest is remembered under the stamps too, so the next command
    /// reads nothing: hashing every file was a third of a one-post command's start-up, on a core the loading needs.
    public final class Digesting: @unchecked Sendable {
        private var keys: [String] = []
        private var found = false
        private let done = DispatchSemaphore(value: 0)

        /// Starts working it out. `stamps` is the stamp key the caller has just read (`.some(nil)`: there is none
        /// yet, the folder has not settled); nil reads it here.
        public init(_ directory: String, stamps known: String?? = nil) {
            DispatchQueue.global(qos: .userInitiated).async {
                let stamps = known ?? RulesVerdict.stampKey(of: directory)
                if let stamps, RulesVerdict.remembered(stamps) {
                    (self.keys, self.found) = ([stamps], true)
                } else {
                    let digest = RulesVerdict.digest(of: directory)
                    self.keys = [stamps, digest].compactMap { $0 }
                    self.found = digest.map(RulesVerdict.remembered) ?? false
                    if self.found, let stamps { RulesVerdict.remember(stamps) }
                }
                self.done.signal()
            }
        }

        /// True when the folder (as it is, under this porch) passed the check before.
        public var remembered: Bool {
            done.wait()
            defer { done.signal() }
            return found
        }

        /// Remembers that the folder passed: under its digest, and under its stamps once its files have settled.
        public func rememberPass() {
            done.wait()
            defer { done.signal() }
            keys.forEach(RulesVerdict.remember)
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

    /// Every file under `directory`, as paths relative to it, in order; nil when the folder cannot be listed. Read
    /// with `readdir`, which says most entries' kinds without a `stat` (a command lists the folder on every start).
    /// A link counts as what it points to, except that a linked folder is not entered.
    static func files(in directory: String) -> [String]? {
        var paths: [String] = []
        func list(_ relative: String) -> Bool {
            guard let folder = opendir(directory + relative) else { return false }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                }
                if name == "." || name == ".." { continue }
                let path = relative + "/" + name
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): paths.append(String(path.dropFirst()))
                case Int32(DT_DIR): guard list(path) else { return false }
                default:
                    var status = stat()
                    if stat(directory + path, &status) == 0, status.st_mode & S_IFMT == S_IFREG {
                        paths.append(String(path.dropFirst()))
                    }
                }
            }
            return true
        }
        guard list("") else { return nil }
        return paths.sorted()
    }

    /// The running binary's path.
    static var executable: String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") }

    /// A key for the stamps of every file under `directory` and of the running binary (`FileStamp.key`): nil when
    /// one cannot be read or changed in the last two seconds.
    public static func stampKey(of directory: String, settling: Int64 = FileStamp.settling) -> String? {
        guard let executable, let paths = files(in: directory) else { return nil }
        return FileStamp.key(of: [executable] + paths.map { directory + "/" + $0 }, settling: settling).map {
            "stamps-" + $0
        }
    }

    /// SHA-256 over every file under `directory` (path and bytes, in path order) and the running binary's size and
    /// modification time; nil when something cannot be read (then the check simply runs).
    public static func digest(of directory: String) -> String? {
        let fileManager = FileManager.default
        guard let paths = files(in: directory), let executable,
            let binary = try? fileManager.attributesOfItem(atPath: executable),
            let size = binary[.size] as? Int, let modified = binary[.modificationDate] as? Date
        else { return nil }
        var hasher = SHA256Stream()
        hasher.update(Data("porch \(size) \(modified.timeIntervalSince1970)\n".utf8))
        for path in paths {
            guard let data = fileManager.contents(atPath: directory + "/" + path) else { return nil }
            hasher.update(Data("\(path)\0\(data.count)\0".utf8))
            hasher.update(data)
        }
        return hasher.hex()
    }
}
