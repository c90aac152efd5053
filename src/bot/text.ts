// Latin-1 (char codes 0–255) folded: lower-case letters without accents, digits, the . / - of
// sizes and versions, and a space for everything else.
const LATIN_1: readonly string[] = Array.from({ length: 256 }, (_, code) => {
  const c = String.fromCharCode(code);
  if (/[a-z0-9./-]/.test(c)) return c;
  if (/[A-Z]/.test(c)) return c.toLowerCase();
  const bare = code >= 0xc0 ? c.normalize('NFD')[0]!.toLowerCase() : '';
  return /[a-z]/.test(bare) ? bare : ' ';
});

const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/**
 * Text normalisation for matching what customers type against the catalog: lower case, no
 * accents, punctuation dropped except inside sizes and versions ("2.0", "2.75-17", "90/90").
 * @example normalizeText('¿Tienen FILTRO de aceite para la Boxer CT-100?') // 'tienen filtro de aceite para la boxer ct-100'
 */
export function normalizeText(text: string): string {
  // Keywords and lexicon entries are mostly written normalised already ("filtro aceite").
  if (PLAIN.test(text)) return text;
  // Spanish, Portuguese and French fit in Latin-1: native regular expressions and a table for the
  // accented letters cost a tenth of the Unicode passes, which run only for other scripts.
  if (/[^\t\n\r\x20-\xff]/.test(text)) return normalizeUnicode(text);
  let lower = text.toLowerCase();
  if (/[\x80-\xff]/.test(lower)) lower = lower.replace(/[\x80-\xff]/g, (c) => LATIN_1[c.charCodeAt(0)]!);
  return lower
    .replace(/[^a-z0-9./-]+/g, ' ')
    .replace(/(^|[^a-z0-9])[./-]+|[./-]+(?=[^a-z0-9]|$)/g, '$1 ')
    // "livrez-vous", "garde-boue": words joined by a hyphen are two words ("ct-100" stays one).
    .replace(/(?<![a-z0-9./-])([a-z]+)-(?=[a-z]+(?![a-z0-9./-]))/g, '$1 ')
    .replace(/ +/g, ' ')
    .trim();
}

function normalizeUnicode(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // Keep . / - only between two alphanumerics (sizes, versions, SKUs); anything else separates words.
    .replace(/[^\p{L}\p{N}./-]+/gu, ' ')
    .replace(/(^|[^\p{L}\p{N}])[./-]+|[./-]+(?=[^\p{L}\p{N}]|$)/gu, '$1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits normalised text into words. @example tokenize('filtro de aceite') // ['filtro', 'de', 'aceite'] */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized ? normalized.split(' ') : [];
}

/**
 * A word without separators, the key bike models are compared by: 'ct-100' → 'ct100'.
 * @example compact('ct-100') // 'ct100'
 */
export function compact(text: string): string {
  return text.replace(/[\s./-]+/g, '');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent swaps), giving up above `max`.
 * @example editDistance('aseite', 'aceite', 2) // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * How many typos a word of this length may carry and still match.
 * @example allowedTypos(6) // 1
 */
export function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  return 2;
}

/**
 * Singular form for matching: 'pastillas' → 'pastilla', 'filtros' → 'filtro', 'luces' → 'luz'.
 * @example stem('pastillas') // 'pastilla'
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    if (STEMS.size > 20_000) STEMS.clear();
    STEMS.set(word, (stemmed = singular(word)));
  }
  return stemmed;
}

// Words repeat (in the catalog and in questions): each is singularised once.
const STEMS = new Map<string, string>();

function singular(word: string): string {
  if (word.endsWith('ces')) return `${word.slice(0, -3)}z`;
  // Spanish plurals: consonant + 'es' (motores, piñones); otherwise a final 's' (aceites, frenos).
  // …but a consonant before the 'l' keeps its 'e' (impermeables, cables, dobles).
  if (/[bcfgpt]les$/.test(word)) return word.slice(0, -1);
  if (/[rlndz]es$/.test(word) && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * A word as it sounds in Colombian Spanish, for typos that follow the sound: ll/y, b/v, s/c/z, a
 * silent h ("pastiyas" → "pastillas", "vateria" → "bateria", "aseite" → "aceite").
 * @example fold('pastiyas') === fold('pastillas') // true
 */
export function fold(word: string): string {
  return word
    .replace(/ll/g, 'y')
    .replace(/v/g, 'b')
    .replace(/c([ei])/g, 's$1')
    .replace(/z/g, 's')
    .replace(/qu/g, 'k')
    .replace(/c/g, 'k')
    .replace(/h/g, '');
}
