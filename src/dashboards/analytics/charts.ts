import { el } from '../kit';

/*
 * Plain SVG charts, built node by node (no markup strings, no style attributes: colours come from
 * classes in the dashboard's constructed stylesheet). Every chart is an <svg role="img"> with a
 * one-line summary plus a table of the same numbers under "Show as a table", and every mark
 * carries its label and raw value as data attributes (what the browser tests read back).
 */

const SVG = 'http://www.w3.org/2000/svg';

export interface ChartText {
  asTable: string;
  summary: string;
}

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar (e.g. "35 % · 2 min"). */
  note?: string;
  /** Extra class for the bar (good / ni / poor). */
  kind?: string;
}

export interface LineSeries {
  name: string;
  kind: string;
  values: number[];
}

type Attrs = Record<string, string | number>;

function svgNode<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(doc: Document, width: number, height: number, summary: string): SVGSVGElement {
  return svgNode(doc, 'svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'chart', preserveAspectRatio: 'xMinYMin meet' });
}

/** A chart with its table alternative. */
function figure(doc: Document, svg: SVGSVGElement, text: ChartText, headers: string[], rows: Array<Array<string | number>>): HTMLElement {
  const head = el(doc, 'tr', {}, ...headers.map((h) => el(doc, 'th', { text: h, attrs: { scope: 'col' } })));
  const body = rows.map((row) => el(doc, 'tr', {}, ...row.map((cell) => el(doc, 'td', typeof cell === 'number' ? { className: 'num', text: String(cell) } : { text: cell }))));
  const details = el(doc, 'details', { className: 'alt' }, el(doc, 'summary', { text: text.asTable }),
    el(doc, 'div', { className: 'table-wrap' }, el(doc, 'table', {}, el(doc, 'caption', { text: text.summary }), el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...body))));
  return el(doc, 'figure', { className: 'chart-figure' }, svg, details);
}

/**
 * Horizontal bars, one per row, scaled to the largest value.
 * @example barChart(doc, bars, { asTable: 'Ver como tabla', summary: 'Páginas: …' }, ['Página', 'Vistas'], (v) => String(v))
 */
export function barChart(doc: Document, bars: Bar[], text: ChartText, headers: [string, string, string?], format: (value: number) => string): HTMLElement {
  const rowHeight = 26;
  const labelWidth = 210;
  const width = 640;
  const height = Math.max(1, bars.length) * rowHeight + 4;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = frame(doc, width, height, text.summary);
  // Room on the right for the value and its note (the funnel's drop-off and median time).
  const span = width - labelWidth - (bars.some((b) => b.note) ? 300 : 90);
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * span);
    const label = bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label;
    svg.append(
      svgNode(doc, 'text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'axis' }, label),
      svgNode(doc, 'rect', { x: labelWidth, y: y + 3, width: w.toFixed(1), height: rowHeight - 8, rx: 3, class: `bar ${bar.kind ?? ''}`.trim(), 'data-label': bar.label, 'data-value': bar.value }),
      svgNode(doc, 'text', { x: labelWidth + w + 6, y: y + 17, class: 'value' }, bar.note ? `${format(bar.value)} · ${bar.note}` : format(bar.value)),
    );
  });
  const rows = bars.map((b) => (headers[2] !== undefined ? [b.label, format(b.value), b.note ?? ''] : [b.label, format(b.value)]));
  return figure(doc, svg, text, headers.filter((h): h is string => h !== undefined), rows);
}

/**
 * Columns over an ordered axis (minutes, days), or lines when there are several series. One
 * path per series, so thousands of points stay one DOM node each.
 * @example seriesChart(doc, ['2025-01-01', …], [{ name: 'Vistas', kind: 's1', values: [3, 5] }], text, 'Día')
 */
export function seriesChart(doc: Document, labels: string[], series: LineSeries[], text: ChartText, axis: string, format: (value: number) => string): HTMLElement {
  const width = 640;
  const height = 200;
  const left = 44;
  const bottom = 22;
  const plotW = width - left - 8;
  const plotH = height - bottom - 18;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const svg = frame(doc, width, height, text.summary);
  const n = Math.max(1, labels.length);
  const x = (i: number): number => left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW);
  const y = (v: number): number => 10 + plotH - (v / max) * plotH;
  svg.append(
    svgNode(doc, 'line', { x1: left, y1: y(0), x2: width - 8, y2: y(0), class: 'grid' }),
    svgNode(doc, 'text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'axis' }, format(max)),
    svgNode(doc, 'text', { x: left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'axis' }, '0'),
  );
  if (labels.length > 0) {
    svg.append(svgNode(doc, 'text', { x: left, y: height - 4, class: 'axis' }, labels[0]!));
    if (labels.length > 1) svg.append(svgNode(doc, 'text', { x: width - 8, y: height - 4, 'text-anchor': 'end', class: 'axis' }, labels[labels.length - 1]!));
  }
  if (series.length === 1) {
    // One series: columns, each a mark with its value.
    const [only] = series;
    const slot = plotW / n;
    only!.values.forEach((v, i) => {
      const top = y(v);
      svg.append(svgNode(doc, 'rect', {
        x: (left + i * slot + slot * 0.1).toFixed(1), y: top.toFixed(1), width: Math.max(0.5, slot * 0.8).toFixed(1), height: (y(0) - top).toFixed(1),
        class: `col ${only!.kind}`, 'data-label': labels[i] ?? '', 'data-value': v,
      }));
    });
  } else {
    for (const s of series) {
      const d = s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`).join(' ');
      svg.append(svgNode(doc, 'path', { d, class: `line ${s.kind}`, 'data-series': s.name, 'data-values': s.values.join(',') }));
    }
    series.forEach((s, k) => {
      svg.append(
        svgNode(doc, 'rect', { x: left + 8 + k * 150, y: 0, width: 10, height: 10, class: `key ${s.kind}` }),
        svgNode(doc, 'text', { x: left + 22 + k * 150, y: 9, class: 'axis' }, s.name),
      );
    });
  }
  const rows = labels.map((label, i) => [label, ...series.map((s) => format(s.values[i] ?? 0))]);
  return figure(doc, svg, text, [axis, ...series.map((s) => s.name)], rows);
}

/**
 * A retention heat map: one row per cohort, one cell per later period, darker = more retained.
 * @example heatMap(doc, [{ label: '2025-01-06', size: 40, cells: [1, 0.4] }], ['+0', '+1'], text, ['Cohorte', 'Usuarios'], pct)
 */
export function heatMap(doc: Document, rows: Array<{ label: string; size: number; cells: number[] }>, columns: string[], text: ChartText, headers: [string, string], percent: (ratio: number) => string): HTMLElement {
  const cell = 38;
  const left = 130;
  const top = 20;
  const width = left + Math.max(1, columns.length) * cell + 4;
  const height = top + Math.max(1, rows.length) * 22 + 4;
  const svg = frame(doc, width, height, text.summary);
  columns.forEach((c, k) => svg.append(svgNode(doc, 'text', { x: left + k * cell + cell / 2, y: 14, 'text-anchor': 'middle', class: 'axis' }, c)));
  rows.forEach((row, r) => {
    const y = top + r * 22;
    svg.append(svgNode(doc, 'text', { x: left - 6, y: y + 15, 'text-anchor': 'end', class: 'axis' }, `${row.label} (${row.size})`));
    row.cells.forEach((ratio, k) => {
      // Opacity steps of 10 % keep neighbouring values tellable apart.
      const shade = Math.round(Math.min(1, Math.max(0, ratio)) * 10) / 10;
      svg.append(
        svgNode(doc, 'rect', { x: left + k * cell, y, width: cell - 2, height: 20, class: 'heat', 'fill-opacity': Math.max(0.04, shade), 'data-label': `${row.label} ${columns[k] ?? ''}`, 'data-value': ratio }),
        svgNode(doc, 'text', { x: left + k * cell + cell / 2 - 1, y: y + 14, 'text-anchor': 'middle', class: shade > 0.5 ? 'heat-text dark' : 'heat-text' }, percent(ratio)),
      );
    });
  });
  const tableRows = rows.map((row) => [row.label, row.size, ...row.cells.map(percent)]);
  return figure(doc, svg, text, [...headers, ...columns], tableRows);
}
