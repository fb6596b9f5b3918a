// The `rules` command: check, test and run campaign rule files.

import CampaignRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    // Threads convert and evaluate parts of the data and free what they made once the parts are
    // joined. In an arena of each thread's own, glibc keeps that memory for the thread that freed
    // it, and the process peaks a fifth higher for nothing (measured on the events benchmark: 174
    // MB with the default arenas, 141 MB with one, at the same speed). One arena, unless the
    // user's MALLOC_ARENA_MAX says otherwise.
    // (`mallopt` is looked up because Swift's Glibc module leaves out malloc.h; M_ARENA_MAX is -8.)
    if getenv("MALLOC_ARENA_MAX") == nil, let mallopt = dlsym(nil, "mallopt") {
        _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, 1)
    }
#endif

let status = RulesCommand.main(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
