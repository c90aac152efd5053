import { TRANSCRIPT_HEADINGS } from '../live-chat/transcript';

/** What the customer's widget told staff in the transcript's header. */
export interface TranscriptContext {
  customerId?: string;
  /** The bike the customer named to the assistant. */
  bike?: string;
  /** The pages the customer came from (paths), oldest first. */
  pages: string[];
}

const MAX_VALUE = 200;
const labels = (key: 'page' | 'bike'): Set<string> => new Set(Object.values(TRANSCRIPT_HEADINGS).map((heading) => heading[key]));
const PAGE_LABELS = labels('page');
const BIKE_LABELS = labels('bike');

/**
 * Reads the header of the transcript message the widget posts first in a room (see
 * `formatTranscript`): the customer id on its second line, then `Label: value` lines in the
 * widget's language until the first blank line. Values are plain text, cut to 200 characters.
 * @example transcriptContextOf('Conversación previa — Tienda\nCliente: anon_1\nPágina: /frenos\nMoto: Boxer CT100\n\n…') // { customerId: 'anon_1', bike: 'Boxer CT100', pages: ['/frenos'] }
 */
export function transcriptContextOf(transcript: string): TranscriptContext {
  const end = transcript.indexOf('\n\n');
  const lines = (end === -1 ? transcript : transcript.slice(0, end)).split('\n');
  const context: TranscriptContext = { pages: [] };
  lines.forEach((line, index) => {
    const colon = line.indexOf(': ');
    if (index === 0 || colon === -1) return;
    const label = line.slice(0, colon).trim();
    const value = line.slice(colon + 2).trim().slice(0, MAX_VALUE);
    if (!value) return;
    if (index === 1) context.customerId = value;
    else if (BIKE_LABELS.has(label)) context.bike = value;
    else if (PAGE_LABELS.has(label)) context.pages.push(...value.split(/\s*[,·]\s*/).filter(Boolean));
  });
  return context;
}
