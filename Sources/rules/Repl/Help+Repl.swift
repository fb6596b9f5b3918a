// The text of `rules repl --help` and of the REPL's `:help`.

extension Help {
    static let repl = """
        rules repl — an interactive session: declare rules, evaluate expressions, see why

        USAGE
          rules repl [FILE] [--data NAME=PATH]... [--set NAME=VALUE]... [limits]

        Type a declaration (let, fn, record, input, tiers, plan, output, campaign, test) to keep
        it for the rest of the session, or an expression to see its value. Declaring a name again
        replaces the earlier declaration. An entry continues on the next line (prompt `...`) while
        a bracket or block is open or the line ends with an operator. Ctrl-C abandons the entry,
        Ctrl-D leaves. History is kept in ~/.rules_history.

        When input is not a terminal (`printf 'let x = 2\\nx * 3\\n' | rules repl`), lines are read
        plainly and only results and errors are printed; the exit status is 1 if any entry failed.

        OPTIONS
          FILE                 a rule file to start from, as with :load
          --data NAME=PATH     load an input from a CSV, JSON or NDJSON file, as with :data
          --set NAME=VALUE     give an input a value, as with :set
          --max-steps N        units of work allowed per entry (default 2000000000)
          --max-memory N       bytes of values an entry may create (default 1G)
          --timeout SECONDS    wall-clock time an entry may take (default none); Ctrl-C stops one too
          --max-call-depth N   how deeply calls and definitions may nest (default 1000)
          --max-nesting N      deepest nesting allowed (default 256)
          -h, --help           show this help

        \(replCommands)
        """

    static let replCommands = """
        COMMANDS (in the session)
          :load FILE           add a rule file's declarations, and those of the files it imports
          :data NAME=PATH      load a data file into a declared input
          :set NAME=VALUE      give a declared input a value (`:set budget=$30_000`)
          :type EXPR           the type of an expression
          :explain             the last expression again, with the reasons behind each plan line
          :inputs              the declared inputs and where their values come from
          :list                the declarations held
          :test                run the session's test blocks
          :reset               forget every declaration and input
          :help                this list
          :quit                leave (or Ctrl-D)

        KEYS
          Left/Right, Ctrl-B/F   move · Alt-B/F, Ctrl-Left/Right  by word · Home/End, Ctrl-A/E
          Backspace, Delete      delete · Ctrl-K/Ctrl-U  to the end / the start · Ctrl-W  a word
          Up/Down, Ctrl-P/N      history (a multi-line entry comes back whole) · Ctrl-L  clear the screen
          Ctrl-C                 abandon the entry, or stop an evaluation and keep the session
        """
}
