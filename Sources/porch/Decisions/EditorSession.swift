import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens the moderator's editor on a private scratch file, without a shell, and reads the result back.
///
/// The editor command (`$EDITOR`, else `$VISUAL`, else `vi`) is split on spaces into arguments, and the
/// file's path is added last. The file is 0600 in a 0700 folder of its own, both removed afterwards.
struct EditorSession {
    let argv: [String]

    init(environment: [String: String]) {
        let command =
            [environment["EDITOR"], environment["VISUAL"]].compactMap { $0 }.first {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            } ?? "vi"
        argv = command.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    /// Writes `text`, runs the editor on it and returns what the file holds when the editor exits.
    func edit(_ text: String) throws(EditError) -> String {
        let folder = try EditorSession.makePrivateFolder()
        let path = folder + "/post.txt"
        defer {
            unlink(path)
            rmdir(folder)
        }
        try EditorSession.writePrivate(text, to: path)
        try run(argv + [path])
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .scratchFile(path: path, operation: "read back", reason: "the editor removed or renamed it")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func makePrivateFolder() throws(EditError) -> String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/porch-edit-XXXXXX").utf8CString)
        // mkdtemp creates the folder with mode 0700.
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw .scratchFile(
                path: base, operation: "create a private folder in", reason: String(cString: strerror(errno)))
        }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func writePrivate(_ text: String, to path: String) throws(EditError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .scratchFile(path: path, operation: "create", reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .scratchFile(path: path, operation: "write", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Runs the editor with this process's terminal and waits for it; PATH is searched, no shell is involved.
    private func run(_ arguments: [String]) throws(EditError) {
        let command = argv.joined(separator: " ")
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        // Like system(3): while the editor runs, Ctrl-C is the editor's, and porch stays to remove the file.
        // The editor gets the default handlers back.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], nil, &attributes, cArguments, environ)
        guard spawned == 0 else { throw .editorFailed(command: command, reason: String(cString: strerror(spawned))) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw .editorFailed(command: command, reason: String(cString: strerror(errno))) }
        }
        let signal = status & 0x7f
        if signal != 0 { throw .editorFailed(command: command, reason: "it was stopped by signal \(signal)") }
        let code = (status >> 8) & 0xff
        if code != 0 { throw .editorFailed(command: command, reason: "it exited with status \(code)") }
    }
}
