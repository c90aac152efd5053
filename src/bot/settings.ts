import * as z from 'zod/mini';
import { validate } from '../core/validate';
import { LexiconSchema } from './lexicon/types';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isDay = (value: unknown): value is [string, string] | null =>
  value === null || (Array.isArray(value) && value.length === 2 && value.every((time) => typeof time === 'string' && TIME.test(time)));
// A guard, not z.tuple and z.null: zod's core is one module every page loads, so each constructor
// used anywhere adds start-up bytes.
const Day = z._default(z.custom<[string, string] | null>(isDay, 'expected ["HH:MM", "HH:MM"] or null'), null);

// Sections absent from the config parse their defaults (z._default over a parse, not z.prefault:
// prefault would be its only user, and zod's core is on every page's start-up path).
const Hours = z.object({
  timeZone: z._default(z.string().check(z.minLength(1)), 'America/Bogota'),
  mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day,
});
const Shipping = z.object({
  carriers: z._default(z.array(z.string().check(z.minLength(1))), ['Servientrega', 'Interrapidísimo', 'Coordinadora']),
  cityDays: z._default(z.string(), '1–3'),
  otherDays: z._default(z.string(), '3–6'),
  freeFrom: z._default(z.number().check(z.minimum(0)), 150_000),
  cost: z._default(z.number().check(z.minimum(0)), 12_000),
  cashOnDelivery: z._default(z.array(z.string()), ['Medellín', 'Valle de Aburrá']),
});
const Warranty = z.object({
  months: z._default(z.int().check(z.minimum(0)), 3),
  longMonths: z._default(z.int().check(z.minimum(0)), 6),
  /** Parts with the longer warranty; unset: batteries, electrical parts and suspension, in the store's language. */
  longItems: z.optional(z.array(z.string())),
  /** Colombia's "derecho de retracto" for online sales (Ley 1480 de 2011, art. 47). */
  returnDays: z._default(z.int().check(z.minimum(0)), 5),
});
const Payment = z.object({
  /** Unset: Colombia's usual methods (PSE, cards, Nequi, Daviplata, transfer, cash on delivery), in the store's language. */
  methods: z.optional(z.array(z.string().check(z.minLength(1)))),
});

/**
 * The assistant's store facts (`config.bot`), with Colombian defaults a store overrides:
 * `window.CHATBOT_CONFIG = { bot: { shipping: { freeFrom: 200000 } } }`.
 */
export const BotSettingsSchema = z.object({
  /** The bot's participant id in the conversation. */
  botId: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'asistente'),
  /** Opening hours in the store's time zone, `null` = closed that day (mon … sun). */
  hours: z._default(Hours, () => Hours.parse({
    timeZone: 'America/Bogota',
    mon: ['08:00', '18:00'], tue: ['08:00', '18:00'], wed: ['08:00', '18:00'], thu: ['08:00', '18:00'],
    fri: ['08:00', '18:00'], sat: ['08:00', '14:00'], sun: null,
  })),
  shipping: z._default(Shipping, () => Shipping.parse({})),
  warranty: z._default(Warranty, () => Warranty.parse({})),
  payment: z._default(Payment, () => Payment.parse({})),
  /** Where customers can come to the store, if it has a shop ("Cra. 50 # 30-12, Medellín"). */
  address: z.optional(z.string().check(z.minLength(1), z.maxLength(300))),
  /**
   * The store's own words for parts and bikes, added to the built-in lexicons (es, en, pt, fr):
   * `{ parts: { chupa: 'amortiguador' }, bikes: ['Agility 125'] }`. See src/bot/lexicon/types.ts.
   */
  lexicon: z.optional(LexiconSchema),
  /** The store's endpoint that receives a POST on every handoff (optional). */
  handoffEndpoint: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  /** How long the assistant "types" before answering, ms. */
  typingDelayMs: z._default(z.int().check(z.minimum(0), z.maximum(10_000)), 600),
  /** Product cards per answer. */
  maxCards: z._default(z.int().check(z.minimum(1), z.maximum(10)), 4),
});

export type BotSettings = z.output<typeof BotSettingsSchema>;
export type OpeningHours = BotSettings['hours'];

/** @example parseBotSettings({ shipping: { freeFrom: 200000 } }).shipping.cost // 12000 */
export function parseBotSettings(section: unknown): BotSettings {
  return validate(BotSettingsSchema, section ?? {}, 'config.bot');
}
