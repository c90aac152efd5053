import type { AnalyticsEvent } from './types';

/** Columns of the CSV export, one row per event; nested objects are JSON in one cell. */
const CSV_COLUMNS = [
  'timestamp', 'type', 'event', 'userId', 'anonymousId', 'sessionId', 'messageId',
  'path', 'url', 'title', 'referrer', 'properties',
] as const;

/**
 * One CSV cell per RFC 4180 (quoted when it holds a comma, quote, CR or LF; quotes doubled), and
 * neutralised against spreadsheet formula injection (OWASP): a cell starting with `=`, `+`, `-`,
 * `@`, tab or CR gets a leading apostrophe so Excel/Sheets/LibreOffice show it as text.
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** @example toCsv(events).split('\r\n')[0] // 'timestamp,type,event,…' */
export function toCsv(events: readonly AnalyticsEvent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events) {
    const page = e.context.page;
    lines.push(
      [e.timestamp, e.type, e.event, e.userId, e.anonymousId, e.sessionId, e.messageId, page.path, page.url, page.title, page.referrer, e.properties]
        .map(csvCell)
        .join(','),
    );
  }
  // RFC 4180: CRLF between records, and after the last one.
  return `${lines.join('\r\n')}\r\n`;
}

export interface JsonExport {
  format: 'chatbot-analytics';
  version: 1;
  exportedAt: string;
  since: string | null;
  until: string | null;
  count: number;
  events: AnalyticsEvent[];
}

/** A versioned envelope, so an import can tell what it reads. */
export function toJson(events: readonly AnalyticsEvent[], exportedAt: number, since?: number, until?: number): string {
  const envelope: JsonExport = {
    format: 'chatbot-analytics',
    version: 1,
    exportedAt: new Date(exportedAt).toISOString(),
    since: since === undefined ? null : new Date(since).toISOString(),
    until: until === undefined ? null : new Date(until).toISOString(),
    count: events.length,
    events: [...events],
  };
  return JSON.stringify(envelope, null, 2);
}
