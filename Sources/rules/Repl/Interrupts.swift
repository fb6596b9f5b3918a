// Ctrl-C while the REPL evaluates: the evaluation stops, the session goes on.

import CampaignRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The handle Ctrl-C cancels, kept where a signal handler can reach it (a handler can capture
/// nothing). Written only on the main thread, before and after an evaluation; the handler
/// only reads it. Unretained: the REPL keeps the handle alive while it is here.
nonisolated(unsafe) private var activeCancellation: Unmanaged<Cancellation>?

/// While an entry is evaluated the terminal is in its normal mode, so Ctrl-C sends SIGINT,
/// whose default action (and the terminal-restoring handler `Terminal` installs) would end
/// the whole session and lose every declaration typed. For the length of the evaluation a
/// handler cancels it instead, through its `Cancellation` handle (an atomic store, safe in a
/// signal handler): the evaluation stops within a few milliseconds and the REPL prints
/// `cancelled` and a new prompt.
enum Interrupts {
    static func cancelling<T>(_ cancellation: Cancellation, during work: () -> T) -> T {
        activeCancellation = Unmanaged.passUnretained(cancellation)
        let previous = signal(SIGINT) { _ in activeCancellation?.takeUnretainedValue().cancel() }
        defer {
            signal(SIGINT, previous)
            activeCancellation = nil
        }
        return withExtendedLifetime(cancellation) { work() }
    }
}
