import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens `$EDITOR` on a private scratch copy of a post's text, without a shell, and reads the result back.
struct EditorLauncher {
    /// The editor command split on spaces into argv (`EDITOR="code --wait"` works; no shell quoting).
    let argv: [String]
    /// The terminal the editor gets as its standard input, output and error.
    let ttyFD: Int32

    init(environment: [String: String], ttyFD: Int32) {
        let command = environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["VISUAL"] ?? "vi"
        let parts = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        self.argv = parts.isEmpty ? ["vi"] : parts
        self.ttyFD = ttyFD
    }

    /// Edits the text; nil when the file came back unchanged.
    func edit(_ text: String) throws(ReviewAppError) -> String? {
        let folder = try makePrivateFolder()
        let path = folder + "/post.txt"
        defer {
            unlink(path)
            rmdir(folder)
        }
        try writePrivate(text, to: path)
        try run(arguments: argv + [path])
        let edited = try readBack(path)
        return edited == text ? nil : edited
    }

    private func makePrivateFolder() throws(ReviewAppError) -> String {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
        var template = Array((base + "/porch-review-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw .scratchFile(path: base, errno: errno) }
        // mkdtemp creates the folder 0700.
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private func writePrivate(_ text: String, to path: String) throws(ReviewAppError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .scratchFile(path: path, errno: errno) }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .scratchFile(path: path, errno: errno)
            }
            offset += written
        }
    }

    private func readBack(_ path: String) throws(ReviewAppError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .scratchFile(path: path, errno: errno == 0 ? ENOENT : errno)
        }
        var text = String(decoding: data, as: UTF8.self)
        // Editors add a final newline; the post did not have one unless it still has two.
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private func run(arguments: [String]) throws(ReviewAppError) {
        let command = argv.joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, ttyFD, target) }
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        let status = cArguments.withUnsafeBufferPointer { pointer in
            posix_spawnp(&pid, cArguments[0]!, &actions, nil, pointer.baseAddress!, environ)
        }
        guard status == 0 else {
            throw .editor(command: command, detail: "could not be started (\(ReviewAppError.text(status)))")
        }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) < 0 {
            guard errno == EINTR else { throw .editor(command: command, detail: "could not be waited for") }
        }
        let exited = exit & 0x7F == 0
        let code = (exit >> 8) & 0xFF
        guard exited, code == 0 else {
            throw .editor(command: command, detail: exited ? "exited with status \(code)" : "was killed")
        }
    }
}
