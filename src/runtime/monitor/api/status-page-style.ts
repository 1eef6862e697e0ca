/** The status page's style sheet: one colour per health, shared by the graph, the badge and the legend. */
export const statusPageStyle = `
:root { color-scheme: light; --healthy: #1a7f37; --unhealthy: #cf222e; --open: #bc4c00; --unknown: #6e7781; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
[hidden] { display: none !important; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.4rem 1rem; padding: 0.75rem 1.25rem; background: #fff; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.1rem; margin: 0; }
h2 { font-size: 0.95rem; margin: 0 0 0.5rem; }
main { display: grid; gap: 1rem; padding: 1rem 1.25rem; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; min-width: 0; }
#stack, #connection, .legend, #no-events { color: var(--muted); }
body.stale #connection { color: var(--unhealthy); font-weight: 600; }
body.stale main { opacity: 0.5; }
.badge { display: inline-block; padding: 0.05rem 0.6rem; border-radius: 999px; color: #fff; font-weight: 600; background: var(--unknown); }
.badge[data-health="healthy"] { background: var(--healthy); }
.badge[data-health="degraded"] { background: var(--open); }
.badge[data-health="unhealthy"] { background: var(--unhealthy); }
#token-form { padding: 0.75rem 1.25rem; background: #fff8c5; border-bottom: 1px solid var(--line); }
.scroll { overflow: auto; }
#graph { display: block; font-size: 13px; }
#graph .wave { fill: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase; }
.service rect { fill: #fff; stroke: var(--unknown); stroke-width: 2; }
.service rect.optional { stroke-dasharray: 6 4; }
.service text { fill: #424a53; }
.service .line0 { fill: #1f2328; font-weight: 600; }
.service .line4 { fill: var(--unhealthy); font-size: 12px; }
.service[data-health="healthy"] rect, .swatch[data-health="healthy"] { fill: #dafbe1; background: #dafbe1; stroke: var(--healthy); border-color: var(--healthy); }
.service[data-health="unhealthy"] rect, .swatch[data-health="unhealthy"] { fill: #ffebe9; background: #ffebe9; stroke: var(--unhealthy); border-color: var(--unhealthy); }
.service[data-health="circuit_open"] rect, .swatch[data-health="circuit_open"] { fill: #fff1e5; background: #fff1e5; stroke: var(--open); border-color: var(--open); }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; margin: 0 0.3em 0 0.8em; vertical-align: -0.1em; border: 2px solid var(--unknown); border-radius: 3px; background: #fff; }
.edge { fill: none; stroke: #8c959f; stroke-width: 1.5; }
.edge.optional { stroke-dasharray: 5 4; }
.edge.broken { stroke: var(--unhealthy); }
#arrow path { fill: #8c959f; }
table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid #eaeef2; text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
.outcome[data-outcome="recovered"] { color: var(--healthy); font-weight: 600; }
.outcome[data-outcome="fallback"] { color: var(--open); font-weight: 600; }
.outcome[data-outcome="failed"] { color: var(--unhealthy); font-weight: 600; }
.outcome[data-outcome="running"] { color: #0969da; font-weight: 600; }
.step { display: inline-block; margin: 0 0.25rem 0.2rem 0; padding: 0 0.35rem; border-radius: 4px; background: #eaeef2; }
.step.failed { background: #ffebe9; color: var(--unhealthy); }
`;
