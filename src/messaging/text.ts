/**
 * Text helpers of messaging: search normalization, tokens, `@mentions`, emoji checks.
 */

// Tokens longer than this are hashes, URLs or noise: they would bloat the index and nobody types them.
const MAX_TOKEN_LENGTH = 40;
// The combining diacritical blocks, as plain ranges: much faster than \p{M} on every message.
// (A class of combining marks on purpose, matched one by one after NFD.)
// eslint-disable-next-line no-misleading-character-class
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
// Word characters: letters, digits, and marks (scripts such as Devanagari need them inside words).
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * Lower-cases and strips accents, so "Búsqueda" and "busqueda" are the same word. "ñ" becomes
 * "n" too: customers type "pequeno" as often as "pequeño".
 * @example normalizeText('Pastillas de FRENO Búsqueda') // 'pastillas de freno busqueda'
 */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 0x7f) return lower.normalize('NFD').replace(MARKS, '');
  }
  return lower;
}

// Per UTF-16 unit: 0 unknown, 1 separator, 2 word character. ASCII is filled in now, the rest on
// first sight (one regex test per distinct character, ever).
const KIND = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) KIND[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 2 : 1;

function isWordChar(text: string, i: number, c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) {
    // Astral characters (emoji, rare scripts) are not cached: test the whole code point.
    const point = text.codePointAt(c <= 0xdbff ? i : i - 1) ?? c;
    return WORD_CHAR.test(String.fromCodePoint(point));
  }
  let kind = KIND[c]!;
  if (kind === 0) KIND[c] = kind = WORD_CHAR.test(String.fromCharCode(c)) ? 2 : 1;
  return kind === 2;
}

/**
 * Calls `onToken` with every search token of `text` (folded like normalizeText), repeats
 * included, tokens longer than MAX_TOKEN_LENGTH skipped. One pass over the characters: only
 * tokens with capitals or non-ASCII letters are lower-cased or folded, one token at a time.
 */
export function forEachToken(text: string, onToken: (token: string) => void): void {
  let start = -1;
  let plain = true; // only a-z and 0-9 so far
  let ascii = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c < 0x80 ? KIND[c] === 2 : isWordChar(text, i, c)) {
      if (start < 0) {
        start = i;
        plain = true;
        ascii = true;
      }
      if (c >= 65 && c <= 90) plain = false;
      else if (c >= 0x80) ascii = plain = false;
      continue;
    }
    if (start < 0) continue;
    const length = i - start;
    if (length <= MAX_TOKEN_LENGTH || !ascii) {
      const raw = text.slice(start, i);
      const token = plain ? raw : ascii ? raw.toLowerCase() : normalizeText(raw);
      if (token.length <= MAX_TOKEN_LENGTH && token.length > 0) onToken(token);
    }
    start = -1;
  }
}

/**
 * The distinct search tokens of a text, in order of first appearance.
 * @example tokenize('Filtro de aceite, filtro nuevo') // ['filtro', 'de', 'aceite', 'nuevo']
 */
export function tokenize(text: string): string[] {
  const seen = new Set<string>();
  forEachToken(text, (token) => seen.add(token));
  return [...seen];
}

/** Query words in order (duplicates kept out), for the search: all must match, the last one as a prefix. */
export function queryWords(query: string): string[] {
  return tokenize(query);
}

// `@name`: Unicode letters, digits, `_`, `.`, `-`, not glued to a preceding word (emails), and a
// trailing `.`/`-` is punctuation ("gracias @juan.").
const MENTION = /(^|[^\p{L}\p{N}_.@-])@([\p{L}\p{N}_](?:[\p{L}\p{N}_.-]{0,62}[\p{L}\p{N}_])?)/gu;

/**
 * The user ids mentioned in a text, distinct, in order.
 * @example parseMentions('@juan revisa esto con @ana.maria.') // ['juan', 'ana.maria']
 */
export function parseMentions(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('@')) return out;
  for (const match of text.matchAll(MENTION)) {
    const name = match[2]!;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

// Variation selectors and the keycap mark combine with the previous character, so it stays out of the class.
const EMOJI_CHARS = /^(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200d#*0-9\u{E0020}-\u{E007F}]|\ufe0e|\ufe0f|\u20e3)+$/u;
const EMOJI_BASE = /[\p{Extended_Pictographic}\p{Regional_Indicator}]|\u20e3/u;
let graphemes: Intl.Segmenter | undefined;

/**
 * Whether `value` is exactly one emoji (one grapheme: 👍, ❤️, 👍🏽, 👨‍👩‍👧, 🇨🇴, 1️⃣).
 * @example isEmoji('👍') // true
 * @example isEmoji('ok') // false
 */
export function isEmoji(value: string): boolean {
  if (value.length === 0 || value.length > 32 || !EMOJI_CHARS.test(value) || !EMOJI_BASE.test(value)) return false;
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const segments = graphemes.segment(value);
    let count = 0;
    for (const _ of segments) if (++count > 1) return false;
  }
  return true;
}
