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
    /// Set when the program continues after a stop (Ctrl-Z, then `fg`) while in raw mode; cleared by the main loop.
    nonisolated(unsafe) static var resumed: sig_atomic_t = 0

    /// The handlers that were there before ours (the Swift runtime's backtracer, for one), by signal number.
    nonisolated(unsafe) static var previous: UnsafeMutablePointer<sigaction>?
    static let signalSlots = 65

    static let fatalSignals = [SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV]
    static let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install(ttyFD: Int32, saved: termios, wakeWriteFD: Int32) {
        Self.ttyFD = ttyFD
        Self.saved = saved
        Self.wakeWriteFD = wakeWriteFD
        Self.active = 0
        Self.resized = 0
        Self.resumed = 0
        if previous == nil {
            previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
            previous!.initialize(repeating: sigaction(), count: signalSlots)
        }
        for signal in fatalSignals + endingSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = restoreAndDie
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND) | Int32(SA_SIGINFO)
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previous! + Int(signal))
        }
        setHandler(SIGWINCH, noteResize, flags: Int32(truncatingIfNeeded: SA_RESTART))
        setHandler(SIGTSTP, stopWithTerminalRestored, flags: Int32(truncatingIfNeeded: SA_RESTART))
    }

    static func uninstall() {
        for signal in fatalSignals + endingSignals + [SIGWINCH, SIGTSTP] {
            if let previous { sigaction(signal, previous + Int(signal), nil) } else { Glibc.signal(signal, SIG_DFL) }
        }
        if wakeWriteFD >= 0 { close(wakeWriteFD) }
        wakeWriteFD = -1
    }

    static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void, flags: Int32) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, previous.map { $0 + Int(signal) })
    }
}

/// Restores the terminal, then hands the signal to whoever handled it before (default: end the process).
///
/// A fault raised by the CPU (a crash) is not raised again: returning re-runs the faulting instruction, so the
/// previous handler (the Swift backtracer) sees the real fault. A signal sent by a process is raised again.
private func restoreAndDie(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    if SignalState.active != 0 {
        RawTerminal.restoreSequence.withUTF8Buffer { buffer in
            _ = write(SignalState.ttyFD, buffer.baseAddress, buffer.count)
        }
        _ = tcsetattr(SignalState.ttyFD, TCSAFLUSH, &SignalState.saved)
        SignalState.active = 0
    }
    if let previous = SignalState.previous { sigaction(signal, previous + Int(signal), nil) }
    // No allocation here: a switch, not an array.
    var isFault = false
    switch signal {
    case SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP: isFault = (info?.pointee.si_code ?? 0) > 0
    default: break
    }
    if !isFault { raise(signal) }
}

/// SIGTSTP (Ctrl-Z, or `kill -TSTP`): puts the terminal back, stops the process with the default action, and on
/// SIGCONT (`fg`) asks the main loop to return to raw mode and redraw. Only async-signal-safe calls.
private func stopWithTerminalRestored(_ signal: Int32) {
    let wasActive = SignalState.active != 0
    if wasActive {
        RawTerminal.restoreSequence.withUTF8Buffer { buffer in
            _ = write(SignalState.ttyFD, buffer.baseAddress, buffer.count)
        }
        _ = tcsetattr(SignalState.ttyFD, TCSAFLUSH, &SignalState.saved)
        SignalState.active = 0
    }
    var stop = sigaction()
    stop.__sigaction_handler.sa_handler = SIG_DFL
    sigemptyset(&stop.sa_mask)
    sigaction(SIGTSTP, &stop, nil)
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGTSTP)
    raise(SIGTSTP)
    // The signal is blocked while its handler runs: unblocking it delivers it now, and the process stops here.
    sigprocmask(SIG_UNBLOCK, &mask, nil)
    // Continued.
    var again = sigaction()
    again.__sigaction_handler.sa_handler = stopWithTerminalRestored
    again.sa_flags = Int32(truncatingIfNeeded: SA_RESTART)
    sigemptyset(&again.sa_mask)
    sigaction(SIGTSTP, &again, nil)
    if wasActive {
        SignalState.resumed = 1
        var byte: UInt8 = 1
        _ = write(SignalState.wakeWriteFD, &byte, 1)
    }
}

private func noteResize(_ signal: Int32) {
    SignalState.resized = 1
    var byte: UInt8 = 1
    _ = write(SignalState.wakeWriteFD, &byte, 1)
}
