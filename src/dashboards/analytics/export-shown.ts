import { csvCell } from '../../analytics';
import type { ShownTable } from './tables';

/**
 * What the panel shows as JSON: a versioned envelope around the shown numbers.
 * @example JSON.parse(shownJson({ figures }, Date.now())).format // 'chatbot-dashboard'
 */
export function shownJson(shown: Record<string, unknown>, exportedAt: number): string {
  return JSON.stringify({ format: 'chatbot-dashboard', version: 1, exportedAt: new Date(exportedAt).toISOString(), ...shown }, null, 2);
}

/**
 * The shown tables as one RFC 4180 CSV (CRLF; formulas neutralised by `csvCell`): each table is
 * its title, its header row and its rows, then an empty line.
 * @example shownCsv(tables).split('\r\n')[0] // 'Resumen del periodo'
 */
export function shownCsv(tables: ShownTable[]): string {
  const lines: string[] = [];
  for (const table of tables) {
    lines.push(csvCell(table.title), table.headers.map(csvCell).join(','));
    for (const row of table.rows) lines.push(row.map(csvCell).join(','));
    lines.push('');
  }
  return lines.join('\r\n');
}

/** Saves a text file through a temporary object URL (no user text in any markup). */
export function download(host: Window, parent: ShadowRoot, text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = host.document.createElement('a');
  link.href = url;
  link.download = fileName;
  parent.append(link);
  link.click();
  link.remove();
  host.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
