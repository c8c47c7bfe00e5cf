#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The controlling terminal in raw mode on the alternate screen, restored on exit, signals and crashes.
final class RawTerminal {
    let fd: Int32
    private var saved = termios()
    private(set) var isRaw = false
    /// Read end of the pipe that signal handlers write to, so `poll` wakes on resize.
    let wakeFD: Int32

    /// What puts the screen back: reset attributes, show the cursor, re-enable wrapping, leave the alternate screen.
    static let restoreSequence: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?7h\u{1B}[?1049l"
    static let enterSequence = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?7l\u{1B}[2J"

    init() throws(ReviewAppError) {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw .noTerminal(errno: errno) }
        guard tcgetattr(fd, &saved) == 0 else {
            let code = errno
            close(fd)
            throw .terminal(operation: "reading its settings", errno: code)
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            let code = errno
            close(fd)
            throw .terminal(operation: "creating a wake-up pipe", errno: code)
        }
        for pipeFD in fds {
            _ = fcntl(pipeFD, F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeFD, F_SETFL, fcntl(pipeFD, F_GETFL) | O_NONBLOCK)
        }
        self.fd = fd
        self.wakeFD = fds[0]
        SignalState.install(ttyFD: fd, saved: saved, wakeWriteFD: fds[1])
    }

    deinit {
        restore()
        SignalState.uninstall()
        close(wakeFD)
        close(fd)
    }

    /// Raw mode (keys unbuffered, no echo, Ctrl-C as a key), the alternate screen, the cursor hidden.
    func enter() throws(ReviewAppError) {
        var raw = saved
        cfmakeraw(&raw)
        guard tcsetattr(fd, TCSAFLUSH, &raw) == 0 else {
            throw .terminal(operation: "raw mode", errno: errno)
        }
        isRaw = true
        SignalState.active = 1
        write(Self.enterSequence)
    }

    /// Back in raw mode on the alternate screen after the program was stopped (Ctrl-Z) and continued (`fg`); the
    /// SIGTSTP handler restored the terminal before stopping.
    func resume() {
        isRaw = false
        try? enter()
    }

    /// Puts the terminal back as it was found.
    func restore() {
        guard isRaw else { return }
        Self.restoreSequence.withUTF8Buffer { buffer in _ = Glibc.write(fd, buffer.baseAddress, buffer.count) }
        _ = tcsetattr(fd, TCSAFLUSH, &saved)
        isRaw = false
        SignalState.active = 0
    }

    /// Rows and columns, from the kernel (TIOCGWINSZ); 24x80 when it does not say.
    func size() -> (rows: Int, cols: Int) {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            return (Int(size.ws_row), Int(size.ws_col))
        }
        return (24, 80)
    }

    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return
            }
            offset += written
        }
    }

    /// Waits for input, a signal or the timeout; returns the bytes read (empty on timeout or signal), nil at hang-up.
    /// With `watching`, also wakes when that descriptor becomes readable and sets `watchedReady`.
    func read(timeoutMilliseconds: Int32, watching extra: Int32? = nil, watchedReady: inout Bool) -> [UInt8]? {
        var fds = [
            pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
        ]
        if let extra { fds.append(pollfd(fd: extra, events: Int16(POLLIN), revents: 0)) }
        let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        if ready <= 0 { return [] }
        if fds.count > 2, fds[2].revents != 0 { watchedReady = true }
        if fds[1].revents != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            while Glibc.read(wakeFD, &sink, sink.count) > 0 {}
        }
        if fds[0].revents & Int16(POLLIN) != 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = Glibc.read(fd, &buffer, buffer.count)
            if count > 0 { return Array(buffer.prefix(count)) }
            if count == 0 { return nil }
            return errno == EINTR || errno == EAGAIN ? [] : nil
        }
        if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return nil }
        return []
    }

    /// Runs `body` with the terminal back in its normal mode (for `$EDITOR`), then returns to raw mode.
    func suspended<T>(_ body: () throws -> T) throws -> T {
        restore()
        defer { try? enter() }
        return try body()
    }
}
