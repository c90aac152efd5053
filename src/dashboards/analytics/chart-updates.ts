import { BAR, barLabel, barSpan, barWidth, columnsTransform, DRAWN, scaleTop, seriesGeometry, seriesPath, type Bar, type DrawnChart } from './charts';

/*
 * Live updates of drawn charts: the marks, texts and table cells whose number changed are set in
 * place; nothing is built. A chart whose shape changed (another number of points or bars) answers
 * false, and the caller draws it anew.
 */

/**
 * Sets a node's text, changing its one text node in place when it has one: replacing the node
 * (what `textContent =` does) takes it out of layout and puts a new one in.
 * @example setText(cell, '1.234');
 */
export function setText(node: Node | null | undefined, text: string): void {
  if (!node) return;
  const only = node.firstChild;
  if (only && only === node.lastChild && only.nodeType === 3) {
    if ((only as Text).data !== text) (only as Text).data = text;
  } else if (node.textContent !== text) node.textContent = text;
}

function setSummary(chart: DrawnChart, summary: string): void {
  if (chart.svg.getAttribute('aria-label') !== summary) chart.svg.setAttribute('aria-label', summary);
  setText(chart.caption, summary);
}

/** A series chart's points moved along its axis (the live minutes' window): labels set in place. */
function relabel(chart: DrawnChart, labels: readonly string[]): void {
  labels.forEach((label, i) => {
    if (label === chart.labels[i]) return;
    chart.labels[i] = label;
    if (chart.values.length === 1) chart.marks[i]!.setAttribute('data-label', label);
    setText(chart.rows[i]?.cells[0], label);
  });
  setText(chart.texts[1], labels[0] ?? '');
  setText(chart.texts[2], labels[labels.length - 1] ?? '');
}

/**
 * A series chart (`seriesChart`) with as many points as drawn: new values, and new labels when
 * given (`null`: the caller knows they are the same).
 * @example updateSeries(figure, minutes, [counts], summary) || redraw();
 */
export function updateSeries(figure: Element | undefined, labels: readonly string[] | null, values: readonly number[][], summary: string): boolean {
  const chart = figure && DRAWN.get(figure);
  if (!chart || chart.kind !== 'series' || values.length !== chart.values.length) return false;
  if (labels && labels.length !== chart.labels.length) return false;
  if (values.some((series) => series.length !== chart.labels.length)) return false;
  if (labels && labels.some((label, i) => label !== chart.labels[i])) relabel(chart, labels);
  const max = scaleTop(Math.max(1, ...values.flat()));
  const rescaled = max !== chart.max;
  const g = seriesGeometry(chart.labels.length, max);
  if (rescaled && values.length === 1) chart.marks[0]?.parentElement?.setAttribute('transform', columnsTransform(g, max));
  values.forEach((series, s) => {
    const before = chart.values[s]!;
    const changed = series.some((v, i) => v !== before[i]);
    if (!changed && !rescaled) return;
    if (values.length === 1) {
      series.forEach((v, i) => {
        if (v === before[i]) return;
        chart.marks[i]!.setAttribute('y2', String(v));
        chart.marks[i]!.setAttribute('data-value', String(v));
      });
    } else {
      chart.marks[s]!.setAttribute('d', seriesPath([...series], g));
      if (changed) chart.marks[s]!.setAttribute('data-values', series.join(','));
    }
    series.forEach((v, i) => {
      if (v !== before[i]) setText(chart.rows[i]?.cells[1 + s], chart.format(v));
    });
    chart.values[s] = [...series];
  });
  if (rescaled) setText(chart.texts[0], chart.format(max));
  chart.max = max;
  setSummary(chart, summary);
  return true;
}

/**
 * A bar chart (`barChart`, bars without kinds) with as many bars as drawn, new labels and values.
 * @example updateBars(figure, bars, summary) || redraw();
 */
export function updateBars(figure: Element | undefined, bars: readonly Bar[], summary: string): boolean {
  const chart = figure && DRAWN.get(figure);
  const withNotes = bars.some((b) => b.note);
  if (!chart || chart.kind !== 'bars' || bars.length !== chart.labels.length || withNotes !== chart.notes.some(Boolean) || bars.some((b) => b.kind)) return false;
  const max = scaleTop(Math.max(1, ...bars.map((b) => b.value)));
  const span = barSpan(withNotes);
  const values = chart.values[0]!;
  bars.forEach((bar, i) => {
    const note = bar.note ?? '';
    const labelChanged = bar.label !== chart.labels[i];
    const same = !labelChanged && bar.value === values[i] && note === chart.notes[i];
    if (same && max === chart.max) return;
    const rect = chart.marks[i]!;
    const w = barWidth(bar.value, max, span);
    rect.setAttribute('width', w.toFixed(1));
    const value = chart.texts[2 * i + 1]!;
    value.setAttribute('x', String(BAR.labelWidth + w + 6));
    // Only the scale moved: the texts stay.
    if (same) return;
    const row = chart.rows[i];
    if (labelChanged) {
      setText(chart.texts[2 * i], barLabel(bar.label));
      rect.setAttribute('data-label', bar.label);
      setText(row?.cells[0], bar.label);
    }
    rect.setAttribute('data-value', String(bar.value));
    setText(value, bar.note ? `${chart.format(bar.value)} · ${bar.note}` : chart.format(bar.value));
    setText(row?.cells[1], chart.format(bar.value));
    if (row && row.cells.length > 2) setText(row.cells[2], note);
    chart.labels[i] = bar.label;
    values[i] = bar.value;
    chart.notes[i] = note;
  });
  chart.max = max;
  setSummary(chart, summary);
  return true;
}
