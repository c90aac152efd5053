import type { Language } from '../../src/core/config';
import type { ReplyKind } from '../../src/bot/engine';

/** The kinds of customer questions the issue lists; each case belongs to one. */
export const CASE_KINDS = [
  'product', 'slang', 'position', 'comparative', 'size', 'story', 'model', 'ask', 'not_covered', 'no',
  'smalltalk', 'order', 'info', 'handoff', 'two', 'switch',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/**
 * A predicate over the catalog: the products that answer the question. Acceptable SKUs are
 * computed from the catalog's data with it, never listed by hand.
 */
export interface Pick {
  /** The part as the catalog names it (matched on the product name). */
  type: RegExp;
  /** The bike, as the catalog's `compatible` writes the model ("NKD 125"). */
  fits?: string;
  year?: number;
  /** The wheel or end of the bike: from the fit's `position`, else from the product name. */
  position?: 'front' | 'rear';
  brand?: RegExp;
  /** Of the matching products, only the cheapest in stock, the genuine ones or the best brands. */
  rank?: 'cheapest' | 'genuine' | 'best' | 'generic';
}

export type Expect =
  /** Product answer: the first card is acceptable; `also` must each be among the cards; `text` in the reply. */
  | { products: Pick; also?: Pick[]; text?: RegExp }
  /** The assistant must ask which bike; the quick replies include `options`. */
  | { ask: string[] }
  /** The part is not in the catalog for this bike: say so (and show nothing claiming to be it). */
  | { no: Pick }
  /** A bike the store has no parts for: say so and offer a person. */
  | { notCovered: true }
  /** Any reply of these kinds (small talk, orders, store questions, handoff); `text` in the reply. */
  | { reply: ReplyKind[]; text?: RegExp };

export interface EvalCase {
  kind: CaseKind;
  lang: Language;
  /** What the customer writes, one message per turn; the expectation is on the last answer. */
  turns: string[];
  expect: Expect;
}
