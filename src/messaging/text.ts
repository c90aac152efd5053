/**
 * Text helpers of messaging: search normalization, tokens, `@mentions`, emoji checks.
 */

// Tokens longer than this are hashes, URLs or noise: they would bloat the index and nobody types them.
const MAX_TOKEN_LENGTH = 40;
// Marks stay inside words (scripts such as Devanagari need them); the accents of Latin, Greek
// and Cyrillic letters are removed before tokenizing.
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
// The combining diacritical blocks, as plain ranges: much faster than \p{M} on every message.
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Lower-cases and strips accents, so "Búsqueda" and "busqueda" are the same word. "ñ" becomes
 * "n" too: customers type "pequeno" as often as "pequeño".
 * @example normalizeText('Pastillas de FRENO Búsqueda') // 'pastillas de freno busqueda'
 */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '');
}

/**
 * The distinct search tokens of a text, in order of first appearance.
 * @example tokenize('Filtro de aceite, filtro nuevo') // ['filtro', 'de', 'aceite', 'nuevo']
 */
export function tokenize(text: string): string[] {
  const words = normalizeText(text).match(WORD);
  if (!words) return [];
  if (words.length === 1) return words[0]!.length <= MAX_TOKEN_LENGTH ? words : [];
  const seen = new Set<string>();
  for (const word of words) if (word.length <= MAX_TOKEN_LENGTH) seen.add(word);
  return [...seen];
}

/** Query words in order (duplicates kept out), for the search: all must match, the last one as a prefix. */
export function queryWords(query: string): string[] {
  const words = normalizeText(query).match(WORD) ?? [];
  const out: string[] = [];
  for (const word of words) {
    const token = word.slice(0, MAX_TOKEN_LENGTH);
    if (!out.includes(token)) out.push(token);
  }
  return out;
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
  for (const match of text.matchAll(MENTION)) {
    const name = match[2]!;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

// Variation selectors and the keycap mark combine with the previous character, so it stays out of the class.
const EMOJI_CHARS = /^(?:[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\u200d#*0-9\u{E0020}-\u{E007F}]|\ufe0e|\ufe0f|\u20e3)+$/u;
const EMOJI_BASE = /[\p{Extended_Pictographic}\p{Regional_Indicator}]|\u20e3/u;

/**
 * Whether `value` is exactly one emoji (one grapheme: 👍, ❤️, 👍🏽, 👨‍👩‍👧, 🇨🇴, 1️⃣).
 * @example isEmoji('👍') // true
 * @example isEmoji('ok') // false
 */
export function isEmoji(value: string): boolean {
  if (value.length === 0 || value.length > 32 || !EMOJI_CHARS.test(value) || !EMOJI_BASE.test(value)) return false;
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    const segments = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value);
    let count = 0;
    for (const _ of segments) if (++count > 1) return false;
  }
  return true;
}
