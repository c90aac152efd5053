import type { Language } from '../../../src/core/config';
import type { ReplyKind } from '../../../src/bot/engine';
import type { CaseKind, EvalCase, Pick } from '../types';

/** A part predicate: `part(/^Pastillas de freno delanteras/, 'NKD 125')`. */
export const part = (type: RegExp, fits?: string, more: Partial<Pick> = {}): Pick => ({ type, ...(fits ? { fits } : {}), ...more });

const turns = (text: string | string[]): string[] => (Array.isArray(text) ? text : [text]);

/** Case builders in one language. */
export function builders(lang: Language) {
  return {
    product: (kind: CaseKind, text: string | string[], products: Pick, more: { also?: Pick[]; text?: RegExp } = {}): EvalCase =>
      ({ kind, lang, turns: turns(text), expect: { products, ...more } }),
    ask: (text: string | string[], options: string[] = []): EvalCase => ({ kind: 'ask', lang, turns: turns(text), expect: { ask: options } }),
    no: (text: string | string[], pick: Pick, kind: CaseKind = 'no'): EvalCase => ({ kind, lang, turns: turns(text), expect: { no: pick } }),
    notCovered: (text: string | string[]): EvalCase => ({ kind: 'not_covered', lang, turns: turns(text), expect: { notCovered: true } }),
    reply: (kind: CaseKind, text: string | string[], kinds: ReplyKind[], match?: RegExp): EvalCase =>
      ({ kind, lang, turns: turns(text), expect: { reply: kinds, ...(match ? { text: match } : {}) } }),
  };
}
