/** The page's one style sheet (allowed by its hash in the Content-Security-Policy). */
export const STYLES = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1f23; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; line-height: 1.4; }
h1 { margin: 0 0 .25rem; font-size: 1.6rem; }
h2 { margin-top: 2.5rem; padding-bottom: .25rem; border-bottom: 2px solid #d0d7de; }
h3 { margin-top: 1.75rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
table.wide { width: 100%; }
table.wide td { overflow-wrap: break-word; }
td.id, span.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; }
td.error { min-width: 16rem; max-width: 32rem; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
.met { color: #1a7f37; }
.missed { color: #cf222e; }
.unknown { color: #57606a; }
.note { color: #57606a; font-size: .85rem; }
.warnings { border: 1px solid #d4a72c; background: #fff8c5; padding: .5rem 1rem; }
.empty { font-size: 1.1rem; padding: 1rem; border: 1px dashed #8c959f; }
figure { margin: .5rem 0 1rem; }
figcaption { color: #57606a; font-size: .85rem; }
.chart { position: relative; height: 280px; width: 100%; }
.chart.short { height: 220px; }
code { background: #f6f8fa; padding: 0 .2rem; }
`;
