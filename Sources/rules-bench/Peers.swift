// The commission benchmark's end-to-end peers: programs that read the same CSV themselves and
// print the total, each timed as a whole process in the same run as `rules run`.

import Foundation

/// One peer: the command that computes the total from a CSV file, and whether its total is exact.
struct Peer {
    let name: String
    /// The command's first word, which must be installed (`python3 -c 'import duckdb'` for DuckDB).
    let tool: String
    let arguments: [String]
    let exact: Bool

    /// The strongest honest baselines a data-minded user would write: DuckDB's exact DECIMAL
    /// SQL (the engine), and one-pass scripts in Lua 5.4, LuaJIT and CPython that stream the
    /// file and sum as they go (scripts/bench/).
    static func commission(csv: String, cores: Int) -> [Peer] {
        let duckdb = { (threads: Int) in ["scripts/bench/commission_duckdb.py", csv, "\(threads)"] }
        return [
            Peer(name: "DuckDB DECIMAL SQL, \(cores) threads", tool: "duckdb", arguments: duckdb(cores), exact: true),
            Peer(name: "DuckDB DECIMAL SQL, one thread", tool: "duckdb", arguments: duckdb(1), exact: true),
            Peer(name: "Lua 5.4 one pass, float", tool: "lua5.4", arguments: ["scripts/bench/commission_onepass.lua", "float", csv], exact: false),
            Peer(
                name: "Lua 5.4 one pass, integer cents", tool: "lua5.4", arguments: ["scripts/bench/commission_onepass.lua", "cents", csv],
                exact: true),
            Peer(name: "LuaJIT one pass, float", tool: "luajit", arguments: ["scripts/bench/commission_onepass.lua", "float", csv], exact: false),
            Peer(
                name: "LuaJIT one pass, integer cents", tool: "luajit", arguments: ["scripts/bench/commission_onepass.lua", "cents", csv], exact: true
            ),
            Peer(
                name: "CPython one pass, decimal", tool: "python3", arguments: ["scripts/bench/commission_onepass.py", "decimal", csv], exact: true),
            Peer(
                name: "CPython one pass, integer cents", tool: "python3", arguments: ["scripts/bench/commission_onepass.py", "int", csv], exact: true),
        ]
    }

    var command: [String] {
        tool == "duckdb" ? ["python3"] + arguments : [tool] + arguments
    }

    var isAvailable: Bool {
        if tool == "duckdb" { return (try? Shell.run("python3", ["-c", "import duckdb"]).status == 0) ?? false }
        return Shell.available(tool)
    }

    /// Runs the peer; its wall time, peak RSS and the total it printed.
    func measure(best: Int = 1) throws -> (run: EndToEnd.Run, total: String) {
        let run = try EndToEnd.measure(command, best: best)
        let total = run.output.split(separator: "\n").first { $0.first?.isNumber == true || $0.first == "-" }.map(String.init) ?? "?"
        return (run, total)
    }

    /// Installs what the peers run on (Lua 5.4, LuaJIT, DuckDB's Python package) with the
    /// project's own script when one is missing; it reports what it could not install.
    static func install() throws {
        let missing =
            ["lua5.4", "luajit"].filter { !Shell.available($0) }
            + ((try? Shell.run("python3", ["-c", "import duckdb"]).status == 0) == true ? [] : ["duckdb"])
        guard !missing.isEmpty else { return }
        print("\ninstalling the benchmark's peers (\(missing.joined(separator: ", "))) with scripts/bench/install-peers …")
        print(try Shell.run("scripts/bench/install-peers", []).output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
