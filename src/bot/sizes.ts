/** Tyre and tube sizes as customers and catalogs write them: "90/90-18", "140/60 17", "2.75-18", "275-18", "rin 18". */
export interface Sizes {
  /** Canonical sizes: "90/90-18", "2.75-18"; "120/80" when the rim was not given. */
  sizes: string[];
  /** Rim diameters named alone ("rin 18", "aro 18"). */
  rims: number[];
  /** The text with the sizes taken out. */
  rest: string;
}

const rimOk = (r: number): boolean => r >= 10 && r <= 23;
const metric = (w: string, a: string, r: string): string | undefined => {
  const [width, aspect, rim] = [Number(w), Number(a), Number(r)];
  return width >= 50 && width <= 240 && aspect >= 40 && aspect <= 120 && rimOk(rim) ? `${width}/${aspect}-${rim}` : undefined;
};
const inch = (d: string, dd: string, r: string): string | undefined => {
  const width = Number(`${d}.${dd}`);
  return width >= 2 && width <= 5.5 && rimOk(Number(r)) ? `${d}.${dd}-${Number(r)}` : undefined;
};

// Most specific first; each match is blanked out before the next pattern runs.
const PATTERNS: Array<[RegExp, (m: RegExpExecArray, out: Sizes, partial: string[]) => boolean]> = [
  // "2.75/3.00-17": a tube for two widths
  [/\b(\d)\.(\d{2})\/(\d)\.(\d{2})-(\d{2})\b/g, (m, out) => push(out, inch(m[1]!, m[2]!, m[5]!), inch(m[3]!, m[4]!, m[5]!))],
  [/\b(\d{2,3}) ?\/ ?(\d{2,3})(?: ?(?:-|zr|r|x) ?| )(\d{2})\b/g, (m, out) => push(out, metric(m[1]!, m[2]!, m[3]!))],
  // "90-90-18", "90-90 18"
  [/\b(\d{2,3})-(\d{2,3})[- ](\d{2})\b/g, (m, out) => push(out, metric(m[1]!, m[2]!, m[3]!))],
  [/\b(\d)\.(\d{2})(?: ?(?:-|x|\/) ?| )(\d{2})\b/g, (m, out) => push(out, inch(m[1]!, m[2]!, m[3]!))],
  // "275-18", "300x17", "275 18": the inch size written without its dot
  [/\b([2-4])(\d{2}) ?(?:-|x) ?(\d{2})\b/g, (m, out) => push(out, inch(m[1]!, m[2]!, m[3]!))],
  [/\b([2-4])(00|25|50|60|75|10) (1\d|2[01])\b/g, (m, out) => push(out, inch(m[1]!, m[2]!, m[3]!))],
  // "90 90 19"
  [/\b(\d{2,3}) (\d{2,3}) (\d{2})\b/g, (m, out) => Number(m[1]) % 5 === 0 && Number(m[2]) % 5 === 0 && push(out, metric(m[1]!, m[2]!, m[3]!))],
  [/\b(?:rin|rines|aro|rim|jante|rueda)s? (?:de |del )?(\d{2})\b/g, (m, out) => rimOk(Number(m[1])) && !!out.rims.push(Number(m[1]))],
  // "120/80" without its rim: completed by a rim named elsewhere ("llanta rin 17 120/80")
  [/\b(\d{2,3})\/(\d{2,3})\b/g, (m, _out, partial) => !!partial.push(`${Number(m[1])}/${Number(m[2])}`)],
];

function push(out: Sizes, ...sizes: Array<string | undefined>): boolean {
  const valid = sizes.filter((s): s is string => !!s);
  for (const size of valid) if (!out.sizes.includes(size)) out.sizes.push(size);
  return valid.length > 0;
}

/** `text.replace(pattern, replace)` with the whole match array (`pattern` is global). */
function replaceMatches(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += text.slice(last, match.index) + replace(match);
    last = match.index + match[0].length;
  }
  return out + text.slice(last);
}

/**
 * Finds the sizes in normalised text (see `normalizeText`; write decimals with a dot).
 * @example parseSizes('llanta 140/60 17 pirelli') // { sizes: ['140/60-17'], rims: [], rest: 'llanta pirelli' }
 */
export function parseSizes(text: string): Sizes {
  const out: Sizes = { sizes: [], rims: [], rest: text };
  const partial: string[] = [];
  for (const [pattern, take] of PATTERNS) {
    out.rest = replaceMatches(out.rest, pattern, (match) => (take(match, out, partial) ? ' ' : match[0]));
  }
  for (const size of partial) {
    if (out.rims.length) for (const rim of out.rims) push(out, metric(...(size.split('/') as [string, string]), String(rim)));
    else push(out, size);
  }
  out.rest = out.rest.replace(/\s+/g, ' ').trim();
  return out;
}

/** The rim diameter of a size. @example rimOf('90/90-18') // 18 */
export const rimOf = (size: string): number => Number(size.slice(size.lastIndexOf('-') + 1));

/** Whether a product's size is the one asked for ("120/80" asks for any rim). @example sizeMatches('120/80-17', '120/80') // true */
export const sizeMatches = (productSize: string, asked: string): boolean =>
  asked.includes('-') ? productSize === asked : productSize.startsWith(`${asked}-`);
