import Foundation

/// Runs the built `porch` binary as a user would: arguments, stdin in; exit status, stdout, stderr out.
struct PorchProcess {
    /// What one run printed and how it ended.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout split into non-empty lines.
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }

        /// Each stdout line parsed as a JSON object.
        func jsonLines() throws -> [[String: Any]] {
            try lines.map { line in
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw PorchProcessError.notJSON(line)
                }
                return object
            }
        }
    }

    /// The porch executable built beside the test bundle.
    static let executable: URL = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("porch")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/porch")
    }()

    /// The package's root folder (holds Rules/ and seeds/).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's Rules folder.
    static var rules: String { packageRoot.appendingPathComponent("Rules").path }

    /// A copy of the repository's Rules folder without the learned weights (`model/`), made once per test run:
    /// for the tests of what the rules alone find (the weights are tested in LearningCommandTests).
    static let rulesWithoutWeights: String = {
        let copy = FileManager.default.temporaryDirectory
            .appendingPathComponent("porch-rules-\(UUID().uuidString)").appendingPathComponent("Rules")
        try? FileManager.default.createDirectory(
            at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: rules, toPath: copy.path)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("model"))
        return copy.path
    }()

    /// Runs porch with `arguments`, feeding `stdin` (or `stdinBytes`, which need not be UTF-8), in `directory`
    /// (default: a fresh temporary folder).
    static func run(
        _ arguments: [String], stdin: String = "", stdinBytes: [UInt8]? = nil, environment: [String: String] = [:],
        directory: URL? = nil
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["PORCH_RULES"] = rules
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = directory ?? FileManager.default.temporaryDirectory
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes while writing, so a large output cannot block the child.
        let outData = OutputCollector(output.fileHandleForReading)
        let errData = OutputCollector(errors.fileHandleForReading)
        input.fileHandleForWriting.write(stdinBytes.map { Data($0) } ?? Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: outData.finish(), stderr: errData.finish())
    }

    /// A new empty folder for one test, removed by the caller when done if it likes.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("porch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

enum PorchProcessError: Error {
    case notJSON(String)
}

/// Drains a pipe on a background thread.
final class OutputCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
