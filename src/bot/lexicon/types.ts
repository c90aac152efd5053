import * as z from 'zod/mini';

/** What a message can ask besides parts; each has cue words and phrases in every language. */
export const CUE_KINDS = [
  'handoff', 'order', 'shipping', 'payment', 'warranty', 'hours', 'location', 'buy', 'catalog', 'greeting', 'thanks', 'goodbye', 'ack', 'identity', 'price',
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

export { RANKS } from '../../storage';
export type { Rank } from '../../storage';

const Words = z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(80))).check(z.maxLength(2000)));

/**
 * One language's lexicon, as data. Keys and words are written naturally (accents, plurals): they
 * are normalised and singularised when loaded. Phrases match over the customer's words with the
 * little words in between skipped ("guaya del cloche" matches "guaya cloche").
 */
export const LexiconSchema = z.object({
  /** Customer phrase → the catalog words it means; a value may name a part the store does not carry. */
  parts: z.optional(z.record(z.string().check(z.minLength(1), z.maxLength(80)), z.string().check(z.minLength(1), z.maxLength(80)))),
  /** Part names customers use as they are (carried or not): "carburador", "manubrio". */
  names: Words,
  front: Words,
  rear: Words,
  cheapest: Words,
  priciest: Words,
  best: Words,
  genuine: Words,
  generic: Words,
  /** Words that carry no meaning for a search: function words, and the story around a question. */
  ignore: Words,
  /** Articles and prepositions a phrase may skip ("guaya del cloche" matches "guaya cloche"). */
  joiners: Words,
  /** Words that ask for something ("necesito", "tienen"): the part after them is the question, a part before them the story. */
  request: Words,
  /** Words that tell what happened ("se pinchó", "broke"): a part named with them, before one asked for, is the story. */
  story: Words,
  /** Words that join two questions ("y", "and"). */
  and: Words,
  /** Cue words and phrases per kind of request. */
  cues: z.optional(z.partialRecord(z.enum(CUE_KINDS), z.array(z.string().check(z.minLength(1), z.maxLength(80))))),
  /** Bikes sold in the market (not necessarily in the catalog): how they are written. */
  bikes: Words,
  /** Makes sold in the market. */
  makes: Words,
  /** Brands shops sell as their premium line. */
  premiumBrands: Words,
});
export type LexiconData = z.output<typeof LexiconSchema>;
