// The text of `rules --help` and of each subcommand's `--help`.

enum Help {
    static let overview = """
        rules — check, test and run campaign rule files (*.rules)

        USAGE
          rules <command> [options] [files]

        COMMANDS
          check FILE|DIR...    report every error in the files without running them
          test FILE|DIR...     run the `test` blocks; prints failures, then "N passed, N failed"
          run FILE             evaluate the file's outputs and plans and print them
          fmt FILE|DIR...      rewrite files in the one canonical layout (--check only lists them)
          diff OLD NEW         how payouts change between two versions of a file, on the same data
          repl [FILE]          an interactive session: declare rules, evaluate expressions, :help
          lsp                  a language server for editors (LSP over standard input and output)

        OPTIONS
          -h, --help           show this help; `rules <command> --help` shows a command's options
          --version            print the version

        LIMITS (test, run, diff, repl; check takes the source limits: nesting, nodes, literals, size, imports)
          --max-nesting N      deepest nesting of brackets and operators (default 256)
          --max-call-depth N   calls and definitions evaluating inside one another (default 1000)
          --max-steps N        units of work per run or test: each operation, each item a loop
                               or built-in visits (default 2000000000)
          --max-memory N       bytes of values a run or test creates (default 1G)
          --timeout SECONDS    wall-clock time a run or test may take (30, 2.5, 500ms, 2m; default none)
          --max-collection N   items in a list built by joining lists (default 50000000)
          --max-text N         characters in a text built by joining text (default 10000000)
          --max-source-size N  bytes in one rule file with its imports, refused before reading (default 64M)
          --max-imports N      files one rule file may import, directly or not (default 1000)
          --max-data-size N    bytes in one data file, refused before reading (default 4G)
          --max-line-length N  bytes in one CSV record or NDJSON line (default 16M)
          --max-nodes N        expression nodes in one rule file (default 8000000)
          --max-literal-digits N     significant digits in a number literal (default and most 34)
          --max-literal-exponent N   power of ten a number literal may reach, either way (default 1000)
          --max-threads N      threads for a plan or `select` over a long list (default: every core;
                               the results are the same with 1)
          Sizes in bytes take a K, M or G suffix: --max-memory 2G.

        EXIT CODES
          0 success · 1 errors in rules or failed tests · 2 wrong usage

        EXAMPLES
          rules check examples/creator-program.rules
          rules test examples/
          rules run examples/creator-program.rules --data creators=examples/data/creators.csv
          rules run examples/creator-program.rules --data creators=examples/data/creators.csv --explain
        """

    static let check = """
        rules check — report every static error in rule files, without running them

        USAGE
          rules check FILE|DIR... [--format text|json|github|sarif] [source limits]
          rules check --partitions FILE [--only NAME]...

        Each error is printed as FILE:LINE:COL: error: MESSAGE, with the source line, a caret
        under the problem, and a fix when one is likely. A directory is searched for *.rules
        files; one that holds none is a usage error. Exits 1 if any file has an error, whatever
        the format.

        OPTIONS
          --format FORMAT      text (default: for people, at most 50 diagnostics a file, on standard
                               error), or, every diagnostic on standard output, for CI:
                               json    one document: each file's diagnostics and the counts
                               github  a GitHub Actions annotation a diagnostic (::error file=...)
                               sarif   a SARIF 2.1.0 log, for code scanning
          --partitions         say instead whether `rules run --partition` can split the file's
                               runs: the input and column it splits by (exit 0), or each construct
                               that reads a whole list, with a fix (exit 1); see docs/scaling.md
          --only NAME          with --partitions: only what printing these outputs and plans needs
          --max-nesting N      deepest nesting of brackets and operators allowed (default 256)
          --max-nodes N        expression nodes in one rule file (default 8000000)
          --max-literal-digits N     significant digits in a number literal (default and most 34)
          --max-literal-exponent N   power of ten a number literal may reach, either way (default 1000)
          --max-source-size N  bytes in one rule file with its imports, refused before reading (default 64M)
          --max-imports N      files one rule file may import, directly or not (default 1000)
          -h, --help           show this help
        """

    static let test = """
        rules test — run the `test` blocks of rule files

        USAGE
          rules test FILE|DIR... [--verbose] [--format text|junit|json] [--max-steps N] [--max-memory N]
                     [--timeout SECONDS] [limits]

        A directory is searched for *.rules files. Each failed expectation prints one line with
        its location and both sides' values; the run ends with "N passed, N failed" and exits 1
        if any test failed or any file has errors, whatever the format.

        OPTIONS
          --verbose            also list the tests that passed
          --format FORMAT      text (default), or, for CI, on standard output:
                               junit   JUnit XML: a <testsuite> a file, a <testcase> a test
                               json    each file's tests: outcome, messages, duration; the totals
          --max-steps N        units of work allowed per test (default 2000000000)
          --max-memory N       bytes of values a test may create (default 1G)
          --timeout SECONDS    wall-clock time a test may take (default none)
          --max-call-depth N   how deeply calls and definitions may nest (default 1000)
          --max-nesting N      deepest nesting allowed (default 256)
          (every limit flag, with its default, is listed by `rules --help`)
          -h, --help           show this help
        """

    static let run = """
        rules run — evaluate a rule file and print its outputs and plans

        USAGE
          rules run FILE [--data NAME=PATH]... [--set NAME=VALUE]... [--format table|csv|json|ndjson|html]
                         [--explain] [--lines] [--only NAME]... [--partition I/N] [--out FILE] [limits]
          rules run FILE --stream --only NAME --data NAME=PATH|- [--format csv|ndjson] [...]

        Prints every `output` and every `plan` (plans as statement tables: one row per statement,
        headed by its key, one column per line as written, and the total; an itemized line's
        column is the sum of its items).

        OPTIONS
          --data NAME=PATH     load an input from a CSV, JSON (array of objects) or NDJSON file,
                               converted to the input's declared type (`input creators: list of Creator`);
                               a list input may be given several files, read as one list in the
                               order named (--data paid=feb-lines.csv --data paid=mar-lines.csv);
                               PATH `-` reads standard input (once), as CSV unless --stdin-format
                               says ndjson or json
          --stdin-format F     the format of the --data read from standard input: csv, ndjson, json
          --set NAME=VALUE     give an input a value, written as in a rule file:
                               --set budget=30000  --set rate=7.5%  --set region=EU (bare text
                               only for a Text input; anything else that is not a literal is an error)
          --format FORMAT      table (default), csv, json (exact decimals, never floats), ndjson
                               (one output's elements, a JSON value a line), or html:
                               one self-contained page (charts, statements with their lines, the
                               rule file's SHA-256) to open in a browser or print; give --out
          --explain            show why every plan line has its amount: the deciding values of its
                               condition and the tier brackets used (with --format csv, in a column
                               `explanation`; with json, in the fields `explanation`)
          --lines              list every line of each statement under its key (each item of an
                               itemized line on its own); with --format csv, a row per line
                               (csv does that anyway for a plan with itemized lines)
          --only NAME          print only this output or plan (repeatable)
          --partition I/N      compute only partition I of N (0 ≤ I < N): the statements whose rows'
                               key column hashes to I (FNV-1a 64-bit, see docs/scaling.md); the
                               partitions' rows put together are the single run's. Refused, with
                               the reasons, unless every printed output splits (`rules check
                               --partitions`); a note on stderr says how many rows it kept
          --stream             read the input the output is split by (see `rules check --partitions`)
                               a batch at a time and write each batch's rows as soon as they are
                               computed: memory stays that of a batch and the largest group, not
                               the file. One output (--only), --format csv (default; statements a
                               line per row, as --lines) or ndjson. The rows must come grouped by
                               the key column (sorted, or as a Spark partition delivers them); a
                               key that comes back after another stops the run with an error.
                               The rows are the whole run's; a run that fails part-way has
                               written only some (with --out, none)
          --out FILE           write to FILE instead of the terminal (atomically: all or nothing;
                               keeps the file's permissions, follows a link, refuses devices and pipes)
          --max-steps N        units of work allowed (default 2000000000)
          --max-memory N       bytes of values the run may create (default 1G)
          --timeout SECONDS    wall-clock time the run may take (default none)
          --max-call-depth N   how deeply calls and definitions may nest (default 1000)
          --max-nesting N      deepest nesting allowed (default 256)
          --max-threads N      threads for long plans and selects and for large CSV files
                               (default: every core; the output is the same with 1)
          (every limit flag, with its default, is listed by `rules --help`)
          -h, --help           show this help

        EXAMPLES
          rules run examples/quickstart.rules
          rules run examples/quickstart.rules --explain --only payouts
          rules run examples/quickstart.rules --format csv --only payouts --out payouts.csv
          rules run examples/quickstart.rules --explain --format html --out report.html
          rules run examples/month-end.rules --data conversions=examples/data/conversions.csv --only payouts --partition 0/2
          rules run examples/month-end.rules --data conversions=by-affiliate.csv --only payouts --stream --out payouts.csv
        """

    static let format = """
        rules fmt — rewrite rule files in the one canonical layout

        USAGE
          rules fmt [--check] FILE|DIR...

        Two-space indentation, one space around operators, aligned tier brackets, plan lines and
        trailing comments, trailing commas in multi-line lists. Comments are kept; literals keep
        their spelling; formatting twice changes nothing. A list written over several lines stays
        multi-line. Files are rewritten atomically, keeping their permissions; a symbolic link is
        followed and the file it points to formatted.

        OPTIONS
          --check              change nothing: list the files that are not formatted, exit 1 if any
          -h, --help           show this help
        """

    static let diff = """
        rules diff — how payouts change between two versions of a rule file

        USAGE
          rules diff OLD NEW [--data NAME=PATH]... [--set NAME=VALUE]... [--format table|csv|json|html]
                             [--out FILE]

        Evaluates the plans both files declare (matched by name) on the same data, pairs the
        statements by key (a group's key, a `key` line, else the subject's id, handle or name),
        and prints for every statement that changed the old total, the new total, the change and
        the lines that changed (an itemized line item by item); then the totals of both versions.
        Data and --set values are converted for each file separately: last quarter's contract and
        this quarter's, on the same export.

        OPTIONS
          --data NAME=PATH     load an input from a CSV, JSON or NDJSON file, for both versions
          --set NAME=VALUE     give an input a value, for both versions
          --format FORMAT      table (default), csv (columns plan, subject, line, old, new, change),
                               json, or html (one self-contained page, both files' SHA-256)
          --out FILE           write to FILE instead of the terminal (atomically, as `rules run`)
          limits               as for `rules run` (every limit flag is listed by `rules --help`)
          -h, --help           show this help

        EXAMPLE
          rules diff docs/examples/threshold-old.rules docs/examples/threshold-new.rules \\
            --data creators=examples/data/creators.csv
        """

    static let lsp = """
        rules lsp — a language server for editors

        USAGE
          rules lsp

        Speaks the Language Server Protocol 3.17 on standard input and output (positions in
        UTF-16, full document sync); an editor starts it and sends it the files it opens. It
        offers every `rules check` error as you type, quick fixes for misspelled names and
        thousands commas, formatting as `rules fmt` does, hover (types, a constant's value, a tier
        table's brackets, a built-in's signature), go to definition (also into imported files),
        document symbols, completion (names in scope, fields after `.`, built-ins, enumeration
        values) and a lens over each test that runs the file's tests and shows how each came out.
        Imports are read from the folder of the file, as `rules check` reads them.

        OPTIONS
          --stdio              accepted, and the default: editors often pass it
          -h, --help           show this help

        See the README's "Editors" section for VS Code, Neovim and Helix.
        """

    static func text(for command: String) -> String? {
        switch command {
        case "diff": diff
        case "fmt": format
        case "check": check
        case "test": test
        case "run": run
        case "repl": repl
        case "lsp": lsp
        default: nil
        }
    }
}
