/** A price ceiling the customer named, and the message without it. */
export interface Budget {
  maxPrice: number;
  /** The message with the budget words taken out, so "50" is read neither as a size nor as an order. */
  rest: string;
}

// "menos de 50 mil", "máximo $80.000", "under 60,000", "até 50 mil", "moins de 40000".
const CEILING = [
  'por menos de', 'menos de', 'm[aá]ximo de', 'm[aá]ximo', 'no m[aá]s de', 'por debajo de', 'debajo de', 'que no pase de', 'que no supere', 'hasta',
  'under', 'less than', 'below', 'no more than', 'up to', 'cheaper than', 'max',
  'abaixo de', 'no m[aá]ximo', 'at[eé]', 'moins de', 'en dessous de', "jusqu'[àa]", 'pas plus de',
].join('|');
const AMOUNT = String.raw`(?:\$|cop|r\$)?\s*(\d{1,3}(?:[.,\s]\d{3})+|\d+(?:[.,]\d+)?)\s*(mil|k|lucas|luquitas)?(?:\s*(?:pesos|cop))?`;
const PATTERN = new RegExp(String.raw`(?:^|[^\p{L}])(?:${CEILING})\s*${AMOUNT}(?![\p{L}\d])`, 'iu');
// Most messages name no ceiling: this cheap test (no letter classes to compile) lets them skip the pattern.
const CEILING_WORD = new RegExp(CEILING, 'iu');

/**
 * Reads a price ceiling from a parts question. Only amounts a part could cost count: a bare
 * number that reads as a year ("hasta 2019") or engine size ("menos de 150") is not a budget.
 * @example readBudget('pastillas para ns 200 de menos de 50 mil') // { maxPrice: 50000, rest: 'pastillas para ns 200 de ' }
 */
export function readBudget(text: string): Budget | undefined {
  if (!/\d/.test(text) || !CEILING_WORD.test(text)) return undefined;
  const match = PATTERN.exec(text);
  if (!match) return undefined;
  const [whole, digits = '', unit] = match;
  const grouped = /^\d{1,3}(?:[.,\s]\d{3})+$/.test(digits);
  const number = grouped ? Number(digits.replace(/[.,\s]/g, '')) : Number(digits.replace(',', '.'));
  const thousands = unit !== undefined;
  const currency = /\$|cop|pesos/i.test(whole);
  if (!Number.isFinite(number)) return undefined;
  const maxPrice = Math.round(thousands ? number * 1_000 : number);
  if (maxPrice < 1_000) return undefined;
  if (!thousands && !currency && !grouped && number >= 1900 && number <= 2100) return undefined;
  const start = match.index + (whole.length - whole.trimStart().length) + (/^[^\p{L}]/u.test(whole.trimStart()) ? 1 : 0);
  return { maxPrice, rest: `${text.slice(0, start)} ${text.slice(match.index + whole.length)}`.replace(/\s+/g, ' ').trim() };
}
