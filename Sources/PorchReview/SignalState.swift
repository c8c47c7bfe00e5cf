#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the signal handlers need to restore the terminal: plain values set before any handler is installed.
enum SignalState {
    nonisolated(unsafe) static var ttyFD: Int32 = -1
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var wakeWriteFD: Int32 = -1
    /// 1 while the terminal is in raw mode.
    nonisolated(unsafe) static var active: sig_atomic_t = 0
    /// Set by SIGWINCH, cleared by the main loop.
    nonisolated(unsafe) static var resized: sig_atomic_t = 0

    static let fatalSignals = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]
    static let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install(ttyFD: Int32, saved: termios, wakeWriteFD: Int32) {
        Self.ttyFD = ttyFD
        Self.saved = saved
        Self.wakeWriteFD = wakeWriteFD
        Self.active = 0
        Self.resized = 0
        for signal in fatalSignals + endingSignals {
            setHandler(signal, restoreAndDie, flags: Int32(SA_RESETHAND))
        }
        setHandler(SIGWINCH, noteResize, flags: Int32(SA_RESTART))
    }

    static func uninstall() {
        for signal in fatalSignals + endingSignals + [SIGWINCH] {
            Glibc.signal(signal, SIG_DFL)
        }
        if wakeWriteFD >= 0 { close(wakeWriteFD) }
        wakeWriteFD = -1
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void, flags: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }
}

/// Restores the terminal, then lets the signal do what it would have done (the handler was reset to default).
private func restoreAndDie(_ signal: Int32) {
    if SignalState.active != 0 {
        RawTerminal.restoreSequence.withUTF8Buffer { buffer in
            _ = write(SignalState.ttyFD, buffer.baseAddress, buffer.count)
        }
        _ = tcsetattr(SignalState.ttyFD, TCSAFLUSH, &SignalState.saved)
        SignalState.active = 0
    }
    raise(signal)
}

private func noteResize(_ signal: Int32) {
    SignalState.resized = 1
    var byte: UInt8 = 1
    _ = write(SignalState.wakeWriteFD, &byte, 1)
}
