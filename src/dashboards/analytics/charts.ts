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

/** What a live update of a drawn chart needs: its marks and table cells, and the numbers they show. */
export interface DrawnChart {
  svg: SVGSVGElement;
  caption: HTMLElement;
  rows: HTMLTableRowElement[];
  /** Per row (bar charts) or per series (series charts): the mark(s). */
  marks: SVGElement[];
  /** Per bar: its label and value texts; series charts: the max label, then the first and last labels. */
  texts: SVGTextElement[];
  kind: 'bars' | 'series';
  labels: string[];
  values: number[][];
  notes: string[];
  max: number;
  format: (value: number) => string;
}

/** Drawn charts by their figure element (`chart-updates.ts` changes them in place). */
export const DRAWN = new WeakMap<Element, DrawnChart>();

/** A chart with its table alternative. */
function figure(doc: Document, svg: SVGSVGElement, text: ChartText, headers: string[], rows: Array<Array<string | number>>, drawn?: Omit<DrawnChart, 'svg' | 'caption' | 'rows'>): HTMLElement {
  const head = el(doc, 'tr', {}, ...headers.map((h) => el(doc, 'th', { text: h, attrs: { scope: 'col' } })));
  const body = rows.map((row) => el(doc, 'tr', {}, ...row.map((cell) => el(doc, 'td', typeof cell === 'number' ? { className: 'num', text: String(cell) } : { text: cell }))));
  const caption = el(doc, 'caption', { text: text.summary });
  const details = el(doc, 'details', { className: 'alt' }, el(doc, 'summary', { text: text.asTable }),
    el(doc, 'div', { className: 'table-wrap' }, el(doc, 'table', {}, caption, el(doc, 'thead', {}, head), el(doc, 'tbody', {}, ...body))));
  const node = el(doc, 'figure', { className: 'chart-figure' }, svg, details);
  if (drawn) DRAWN.set(node, { ...drawn, svg, caption, rows: body as HTMLTableRowElement[] });
  return node;
}

/** Steps of a scale's top within one power of ten: the top is at most 25 % above the largest value. */
const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/**
 * The top of a chart's scale for a largest value of `max`: the next round number at or above it.
 * Live updates rescale (every bar, every column, their texts laid out again) only when the
 * largest value passes that top, not with each new event.
 * @example scaleTop(1234) // 1500
 */
export function scaleTop(max: number): number {
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  // The division can land a hair off a step (e.g. 1.2000000000000002): compare with a margin.
  const step = NICE.find((n) => n * power >= max * (1 - 1e-12)) ?? 10;
  return Math.round(step * power * 1e6) / 1e6;
}

/** Bar geometry shared by drawing and live updates. */
export const BAR = { rowHeight: 26, labelWidth: 210, width: 640 } as const;
/** The width of a bar of `value` when the largest is `max`, and the span bars share. */
export const barWidth = (value: number, max: number, span: number): number => Math.max(value > 0 ? 2 : 0, (value / max) * span);
export const barSpan = (withNotes: boolean): number => BAR.width - BAR.labelWidth - (withNotes ? 300 : 90);
export const barLabel = (label: string): string => (label.length > 30 ? `${label.slice(0, 29)}…` : label);

/** Series geometry shared by drawing and live updates. */
export function seriesGeometry(points: number, max: number): { left: number; plotW: number; slot: number; x(i: number): number; y(v: number): number } {
  const width = 640;
  const height = 200;
  const left = 44;
  const plotW = width - left - 8;
  const plotH = height - 22 - 18;
  const n = Math.max(1, points);
  return {
    left, plotW, slot: plotW / n,
    x: (i) => left + (n === 1 ? plotW / 2 : (i / (n - 1)) * plotW),
    y: (v) => 10 + plotH - (v / max) * plotH,
  };
}
/** Flips and scales data units (y up, 0 at the axis) into the plot. */
export const columnsTransform = (g: ReturnType<typeof seriesGeometry>, max: number): string => `matrix(1 0 0 ${-(g.y(0) - g.y(max)) / max} 0 ${g.y(0)})`;
export const seriesPath = (values: number[], g: ReturnType<typeof seriesGeometry>): string => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${g.x(i).toFixed(1)} ${g.y(v).toFixed(1)}`).join(' ');

/**
 * Horizontal bars, one per row, scaled to the largest value.
 * @example barChart(doc, bars, { asTable: 'Ver como tabla', summary: 'Páginas: …' }, ['Página', 'Vistas'], (v) => String(v))
 */
export function barChart(doc: Document, bars: Bar[], text: ChartText, headers: [string, string, string?], format: (value: number) => string): HTMLElement {
  const { rowHeight, labelWidth, width } = BAR;
  const height = Math.max(1, bars.length) * rowHeight + 4;
  const max = scaleTop(Math.max(1, ...bars.map((b) => b.value)));
  const svg = frame(doc, width, height, text.summary);
  // Room on the right for the value and its note (the funnel's drop-off and median time).
  const span = barSpan(bars.some((b) => b.note));
  const marks: SVGElement[] = [];
  const texts: SVGTextElement[] = [];
  bars.forEach((bar, i) => {
    const y = i * rowHeight + 2;
    const w = barWidth(bar.value, max, span);
    const label = svgNode(doc, 'text', { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'axis' }, barLabel(bar.label));
    const rect = svgNode(doc, 'rect', { x: labelWidth, y: y + 3, width: w.toFixed(1), height: rowHeight - 8, rx: 3, class: `bar ${bar.kind ?? ''}`.trim(), 'data-label': bar.label, 'data-value': bar.value });
    const value = svgNode(doc, 'text', { x: labelWidth + w + 6, y: y + 17, class: 'value' }, bar.note ? `${format(bar.value)} · ${bar.note}` : format(bar.value));
    svg.append(label, rect, value);
    marks.push(rect);
    texts.push(label, value);
  });
  const rows = bars.map((b) => (headers[2] !== undefined ? [b.label, format(b.value), b.note ?? ''] : [b.label, format(b.value)]));
  return figure(doc, svg, text, headers.filter((h): h is string => h !== undefined), rows, {
    kind: 'bars', marks, texts, labels: bars.map((b) => b.label), values: [bars.map((b) => b.value)], notes: bars.map((b) => b.note ?? ''), max, format,
  });
}

/**
 * Columns over an ordered axis (minutes, days), or lines when there are several series. One
 * path per series, so thousands of points stay one DOM node each.
 * @example seriesChart(doc, ['2025-01-01', …], [{ name: 'Vistas', kind: 's1', values: [3, 5] }], text, 'Día')
 */
export function seriesChart(doc: Document, labels: string[], series: LineSeries[], text: ChartText, axis: string, format: (value: number) => string): HTMLElement {
  const width = 640;
  const height = 200;
  const max = scaleTop(Math.max(1, ...series.flatMap((s) => s.values)));
  const svg = frame(doc, width, height, text.summary);
  const g = seriesGeometry(labels.length, max);
  const { left } = g;
  const maxText = svgNode(doc, 'text', { x: left - 6, y: g.y(max) + 4, 'text-anchor': 'end', class: 'axis' }, format(max));
  svg.append(
    svgNode(doc, 'line', { x1: left, y1: g.y(0), x2: width - 8, y2: g.y(0), class: 'grid' }),
    maxText,
    svgNode(doc, 'text', { x: left - 6, y: g.y(0) + 4, 'text-anchor': 'end', class: 'axis' }, '0'),
  );
  const texts = [maxText];
  if (labels.length > 0) {
    texts.push(svgNode(doc, 'text', { x: left, y: height - 4, class: 'axis' }, labels[0]!));
    if (labels.length > 1) texts.push(svgNode(doc, 'text', { x: width - 8, y: height - 4, 'text-anchor': 'end', class: 'axis' }, labels[labels.length - 1]!));
    svg.append(...texts.slice(1));
  }
  const marks: SVGElement[] = [];
  if (series.length === 1) {
    // One series: columns, each a mark with its value, drawn in data units under one scaling
    // group, so a new maximum (every live burst's) changes one attribute, not every column.
    // A column is a line as wide as the column (butt caps, so it ends at its value and a 0 draws
    // nothing): its length (y2) is not a CSS property as a rect's height is, so a live update
    // lays out the column without recalculating its style (about half the cost per write).
    const [only] = series;
    const columns = svgNode(doc, 'g', { transform: columnsTransform(g, max) });
    only!.values.forEach((v, i) => {
      const x = (left + i * g.slot + g.slot * 0.5).toFixed(1);
      const column = svgNode(doc, 'line', {
        x1: x, y1: 0, x2: x, y2: v, 'stroke-width': Math.max(0.5, g.slot * 0.8).toFixed(1),
        class: `col ${only!.kind}`, 'data-label': labels[i] ?? '', 'data-value': v,
      });
      columns.append(column);
      marks.push(column);
    });
    svg.append(columns);
  } else {
    for (const s of series) {
      const path = svgNode(doc, 'path', { d: seriesPath(s.values, g), class: `line ${s.kind}`, 'data-series': s.name, 'data-values': s.values.join(',') });
      svg.append(path);
      marks.push(path);
    }
    series.forEach((s, k) => {
      svg.append(
        svgNode(doc, 'rect', { x: left + 8 + k * 150, y: 0, width: 10, height: 10, class: `key ${s.kind}` }),
        svgNode(doc, 'text', { x: left + 22 + k * 150, y: 9, class: 'axis' }, s.name),
      );
    });
  }
  const rows = labels.map((label, i) => [label, ...series.map((s) => format(s.values[i] ?? 0))]);
  return figure(doc, svg, text, [axis, ...series.map((s) => s.name)], rows, {
    kind: 'series', marks, texts, labels: [...labels], values: series.map((s) => [...s.values]), notes: [], max, format,
  });
}

/** How much larger than its drawing units a heat map is shown (its cells' text at ~14 px). */
const HEAT_MAP_SCALE = 1.4;

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
  // Drawn near its own size, not stretched to the section's width: a few cohorts would otherwise
  // be scaled up until their text is larger than the page's headings.
  svg.classList.add('heat-map');
  svg.setAttribute('width', String(Math.round(width * HEAT_MAP_SCALE)));
  svg.setAttribute('height', String(Math.round(height * HEAT_MAP_SCALE)));
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
