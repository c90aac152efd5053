/** The charts' and tabs' styles, adopted next to the kit's sheet (constructed: strict CSP). */
export const ANALYTICS_CSS = `
.dashboard { width: min(1100px, 98vw); }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #d0d7de; margin: 8px 0 0; }
.tab { font: inherit; padding: 8px 14px; border: 1px solid transparent; border-bottom: 0; border-radius: 8px 8px 0 0;
  background: none; cursor: pointer; color: #3d444d; min-height: 40px; }
.tab[aria-selected="true"] { border-color: #d0d7de; background: #fff; color: #1f2328; font-weight: 600; margin-bottom: -1px; }
.tab:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.muted { color: #59636e; margin: 8px 0 0; }
.range { display: flex; flex-wrap: wrap; align-items: end; gap: 8px; border: 1px solid #d0d7de; border-radius: 10px; padding: 8px 12px; margin: 12px 0 0; }
.range legend { font-weight: 600; padding: 0 4px; }
.field { display: inline-flex; flex-direction: column; gap: 2px; font-size: 12px; color: #3d444d; }
.field input, .field select { font: inherit; font-size: 14px; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 6px; min-height: 32px; background: #fff; color: #1f2328; }
.controls { display: flex; flex-wrap: wrap; align-items: end; gap: 8px; margin-bottom: 8px; }
.chart-figure { margin: 0; }
/* A live redraw of one section lays out that section, not the panel around it. */
[data-section] > .content { contain: layout; }
/*
 * Relayout boundaries for what a live burst writes: a chart (an <svg> root with its own paint
 * layer) and a figure's number lay out alone, instead of the dialog from the top down. The
 * number's box is one line of its font, so its size needs nothing from its text.
 */
.chart { width: 100%; height: auto; max-height: 280px; display: block; contain: layout paint; }
[data-section] .stat > dd:first-of-type { contain: size layout; position: relative; height: 1.45em; white-space: nowrap; }
.chart .axis { font-size: 11px; fill: #59636e; }
.chart .value { font-size: 11px; fill: #1f2328; }
.chart .grid { stroke: #d0d7de; }
.chart .bar, .chart .key.s1 { fill: #9d0f1a; }
.chart .col.s1 { stroke: #9d0f1a; }
.chart .line { fill: none; stroke-width: 2; }
.chart .line.s1 { stroke: #9d0f1a; }
.chart .line.s2 { stroke: #1d4ed8; }
.chart .key.s2 { fill: #1d4ed8; }
.chart .bar.good { fill: #1a7f37; }
.chart .bar.ni { fill: #9a6700; }
.chart .bar.poor { fill: #cf222e; }
.chart .bar.seg-new { fill: #1d4ed8; }
.chart .bar.seg-active { fill: #1a7f37; }
.chart .bar.seg-high-value { fill: #8250df; }
.chart .bar.seg-at-risk { fill: #cf222e; }
.chart.heat-map { width: auto; max-width: 100%; max-height: none; }
.chart .heat { fill: #9d0f1a; }
.chart .heat-text { font-size: 10px; fill: #1f2328; }
.chart .heat-text.dark { fill: #fff; }
.alt { margin: 4px 0 8px; }
.alt summary { cursor: pointer; color: #0b57d0; min-height: 24px; }
.vitals { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(440px, 100%), 1fr)); gap: 12px; }
.vital h4 { margin: 0 0 4px; font-size: 13px; }
[data-state="loading"] .content { opacity: .6; }
@media (max-width: 600px) { .dashboard { width: 100vw; max-height: 100vh; border-radius: 0; } .body { padding: 4px 10px 16px; } }
/* On a phone a chart keeps a readable size (its text scales with it) and scrolls sideways. */
@media (max-width: 600px) { .chart-figure > .chart { min-width: 540px; } .chart-figure { overflow-x: auto; } }
`;
