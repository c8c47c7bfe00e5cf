import Foundation

/// Why a Python check could not run; the message says how to install what is missing.
struct PythonRunnerError: Error, CustomStringConvertible {
    let description: String

    static let install =
        "run `python3 -m pip install feedparser` (the feed tests parse the output with Python's feedparser)"
}

/// Runs a Python 3 script as a subprocess, the way a feed reader's parser would see our files.
enum PythonRunner {
    /// Exit status a script uses when `import feedparser` fails.
    static let missingModuleStatus: Int32 = 3

    /// Runs `script` with `arguments` and returns what it wrote to standard output.
    /// Throws (never skips) when python3 or feedparser is missing or the script fails.
    static func run(script: String, arguments: [String], in folder: TemporaryFolder) throws -> Data {
        let scriptPath = folder.path("check-\(UUID().uuidString).py")
        let outputPath = scriptPath + ".out"
        let errorPath = scriptPath + ".err"
        try Data(script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        try Data().write(to: URL(fileURLWithPath: outputPath))
        try Data().write(to: URL(fileURLWithPath: errorPath))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptPath] + arguments
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw PythonRunnerError(
                description: "could not start /usr/bin/env python3 (\(error)); install Python 3 and "
                    + PythonRunnerError.install)
        }
        process.waitUntilExit()
        try output.close()
        try errors.close()

        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        switch process.terminationStatus {
        case 0:
            return try Data(contentsOf: URL(fileURLWithPath: outputPath))
        case 127:
            throw PythonRunnerError(
                description: "python3 is not on PATH; install Python 3 and " + PythonRunnerError.install)
        case missingModuleStatus:
            throw PythonRunnerError(description: "feedparser is not installed: " + PythonRunnerError.install)
        default:
            throw PythonRunnerError(
                description: "the Python check exited with status \(process.terminationStatus): \(stderr)")
        }
    }
}
