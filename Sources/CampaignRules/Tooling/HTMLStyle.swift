// HTMLStyle: the HTML report's style sheet, inline so the page needs nothing from a network.

/// The report's CSS: readable on a phone (tables scroll sideways, the header stacks), and a
/// print style that prints links as text and keeps rows and charts whole across pages. It
/// holds no `<` or `&`, so it stays well-formed XML text inside `<style>`.
enum HTMLStyle {
    static let sheet = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; background: #fff;
               max-width: 1100px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.5em; margin: 0 0 .4em; }
        h2 { font-size: 1.2em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 1px solid #d8dde6; }
        h3 { font-size: 1em; margin: 1.2em 0 .4em; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: 0 0 1em; }
        dl.facts dt { color: #5a6475; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
        table.facts td { overflow-wrap: anywhere; }
        table.facts td:first-child { white-space: nowrap; color: #5a6475; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin: .3em 0; }
        th, td { padding: 3px 10px 3px 6px; border-bottom: 1px solid #e6e9ef; text-align: left; vertical-align: top; }
        th { background: #f3f5f8; font-weight: 600; }
        .num { text-align: right; white-space: nowrap; }
        tr.total td { font-weight: 600; border-top: 2px solid #1d2430; }
        .note { color: #5a6475; font-style: italic; }
        .value { font-size: 1.3em; font-weight: 600; }
        .up { color: #1f7a3a; }
        .down { color: #b3402a; }
        svg.chart { display: block; width: 100%; max-width: 760px; height: auto; }
        svg.chart text { font: 12px system-ui, sans-serif; fill: #1d2430; }
        svg.chart text.label { text-anchor: end; }
        svg.chart .bar { fill: #3d6fd6; }
        svg.chart .neg { fill: #c8553d; }
        svg.chart .rest { fill: #9aa7bd; }
        details summary { cursor: pointer; color: #2f5bb7; white-space: nowrap; }
        ul.lines { list-style: none; margin: .3em 0; padding: 0; }
        ul.lines li { padding: 1px 0; }
        ul.lines .num { display: inline-block; min-width: 7em; }
        ul.why { list-style: disc; margin: 0 0 .3em 1.4em; padding: 0; color: #5a6475; font-size: .92em; }
        footer { margin-top: 2em; color: #5a6475; font-size: .9em; }
        @media (max-width: 640px) {
          body { padding: 8px; font-size: 13px; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dd { margin-bottom: .3em; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav a { color: inherit; text-decoration: none; }
          summary { color: inherit; }
          h2, h3 { break-after: avoid; }
          tr, svg.chart { break-inside: avoid; }
          .scroll { overflow: visible; }
        }

        """
}
