/**
 * The page's styles, inlined: a phone-width single column that widens to two chart columns,
 * tables that scroll sideways rather than squeeze, and focus outlines kept for keyboards.
 */
export const dashboardStyles = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #595959; --line: #d9d9d9; --panel: #fafafa; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #fff; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 16px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 28px 0 10px; }
.source, .zone, .as-of, .note { color: var(--muted); font-size: 0.875rem; margin: 2px 0; }
form#filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin: 14px 0 4px; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; }
form#filters label { display: flex; flex-direction: column; font-size: 0.8125rem; color: var(--muted); gap: 2px; }
form#filters select, form#filters input { font: inherit; padding: 6px 8px; border: 1px solid #8c8c8c; border-radius: 6px; min-width: 9rem; background: #fff; color: var(--ink); }
form#filters button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
form#filters button[type=reset], form#filters a.reset { background: #fff; color: var(--accent); border: 1px solid var(--accent); padding: 7px 14px; border-radius: 6px; text-decoration: none; }
#filter-status, #live-status { font-size: 0.875rem; color: var(--muted); margin: 4px 0 0; min-height: 1.2em; }
:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin-bottom: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--panel); }
.card .label { font-size: 0.8125rem; color: var(--muted); }
.card .value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: 1fr; gap: 16px; }
@media (min-width: 900px) { .charts { grid-template-columns: 1fr 1fr; } }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 10px; min-width: 0; }
figure.chart figcaption { font-weight: 600; margin-bottom: 4px; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.heatmap .scroll svg { min-width: 520px; }
svg .grid { stroke: #e6e6e6; stroke-width: 1; }
svg .tick { font-size: 12px; fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; list-style: none; padding: 0; margin: 0 0 8px; font-size: 0.875rem; }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; border: 1px solid rgba(0,0,0,0.15); }
.scale { display: flex; align-items: center; gap: 2px; font-size: 0.75rem; color: var(--muted); margin-top: 6px; }
.scale span:first-child { margin-right: 4px; } .scale span:last-child { margin-left: 4px; }
.scroll { position: relative; overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th { font-size: 0.8125rem; color: var(--muted); font-weight: 600; }
td:not(:first-child), thead th:not(:first-child) { text-align: right; }
#missed-calls th, #latest-calls th { text-align: left; }
#missed-calls td, #latest-calls td { text-align: left; }
details.as-table { margin-top: 6px; font-size: 0.875rem; }
details.as-table summary { cursor: pointer; color: var(--accent); }
.pager { display: flex; gap: 12px; align-items: center; margin: 8px 0; font-size: 0.9rem; }
.pager a, .pager button { font: inherit; color: var(--accent); background: none; border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; cursor: pointer; text-decoration: none; }
.pager .disabled { color: #a6a6a6; padding: 4px 10px; }
.status-missed, .status-busy { color: #A33E00; }
.empty { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a { color: #005a8c; }
footer { max-width: 1200px; margin: 24px auto; padding: 0 16px 24px; color: var(--muted); font-size: 0.8125rem; }
@media (max-width: 520px) { h1 { font-size: 1.25rem; } .card .value { font-size: 1.15rem; } form#filters label { flex: 1 1 45%; } form#filters select, form#filters input { min-width: 0; width: 100%; } }
`;
