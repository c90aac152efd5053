import { describe, expect, it } from 'vitest';
import { parseAnalyticsConfig } from '../../../src/analytics/config';
import { AnalyticsConfigSchema, AutoTrackSchema, SegmentThresholdsSchema } from '../../../src/analytics/config-schema';
import { parseConfig } from '../../../src/core/config';
import { ConfigSchema } from '../../../src/core/config-schema';
import { isChatbotError } from '../../../src/core/errors';
import { validate } from '../../../src/core/validate';
import { ATOMS, objectInputs } from './guard-parity';

// parseConfig and parseAnalyticsConfig run on every page without zod: they must accept exactly
// what the zod schemas accept, give the same output and refuse in the same words.
function expectSameParse(schema: Parameters<typeof validate>[0], parse: (input: unknown) => unknown, input: unknown, what: string): void {
  const run = (fn: () => unknown): unknown => {
    try {
      return { ok: true, out: fn() };
    } catch (error) {
      if (!isChatbotError(error, 'VALIDATION')) throw error;
      return { ok: false, message: error.message };
    }
  };
  const expected = run(() => validate(schema, input ?? {}, what));
  const actual = run(() => parse(input));
  expect(actual).toStrictEqual(expected);
  if ((expected as { ok: boolean }).ok) {
    // Same keys in the same order (toStrictEqual ignores order), fresh defaults every time.
    expect(Object.keys((actual as { out: object }).out)).toEqual(Object.keys((expected as { out: object }).out));
  }
}

describe('parseConfig checks what ConfigSchema checks, without zod', () => {
  const keys = Object.keys(ConfigSchema.shape);

  it('agrees on every kind of value in every field, whole inputs and random mixes', () => {
    const inputs = objectInputs(keys, 1500, 11);
    for (const input of inputs) expectSameParse(ConfigSchema, parseConfig, input, 'config');
    expect(inputs.length).toBeGreaterThan(3000);
  }, 60_000);

  it('gives the same output for a full valid config, module sections copied', () => {
    const messaging = { currentUser: 'juan', nested: { a: 1 } };
    const input = {
      storeName: 'Motos Don Pepe', brandColor: '#0A0b0C', position: 'left', language: 'pt', catalogUrl: '/c.json', ordersUrl: '/o', greeting: 'Hola',
      staffIds: ['ana', 'luis'], userId: 'client_1', serviceWorker: false, launcher: false, messaging, pushNotifications: {}, realtimeAnalytics: { bufferSize: 5000 },
      backupSystem: {}, bot: { hours: 'x' }, liveChat: { server: 'wss://x' }, extra: 'dropped',
    };
    expectSameParse(ConfigSchema, parseConfig, input, 'config');
    const config = parseConfig(input);
    expect(config.messaging).toEqual(messaging);
    expect(config.messaging).not.toBe(messaging);
    expect(config.messaging?.nested).toBe(messaging.nested);
    expect('extra' in config).toBe(false);
  });

  it('hands out a fresh default each time', () => {
    parseConfig({}).staffIds.push('intruder');
    expect(parseConfig({}).staffIds).toEqual(['asesor']);
  });

  it('words a refusal as zod does, naming each field', () => {
    expect(() => parseConfig({ language: 'de', storeName: '', staffIds: ['', 3], serviceWorker: '' })).toThrowError(
      'Invalid input: config: storeName: must be at least 1; language: expected one of ["es","en","pt","fr"]; staffIds.0: must be at least 1; staffIds.1: expected string; serviceWorker: must be at least 1',
    );
    expect(() => parseConfig({ serviceWorker: 0, launcher: 'yes' })).toThrowError('config: serviceWorker: matches none of the allowed shapes; launcher: expected boolean');
  });
});

describe('parseAnalyticsConfig checks what AnalyticsConfigSchema checks, without zod', () => {
  const keys = Object.keys(AnalyticsConfigSchema.shape);

  it('agrees on every kind of value in every field, whole inputs and random mixes', () => {
    for (const input of objectInputs(keys, 1500, 12)) expectSameParse(AnalyticsConfigSchema, parseAnalyticsConfig, input, 'realtimeAnalytics config');
  }, 60_000);

  it('agrees inside the nested sections (auto-tracking, segment thresholds)', () => {
    for (const autoTrack of objectInputs(Object.keys(AutoTrackSchema.shape), 300, 13)) {
      expectSameParse(AnalyticsConfigSchema, parseAnalyticsConfig, { autoTrack }, 'realtimeAnalytics config');
    }
    for (const segments of objectInputs(Object.keys(SegmentThresholdsSchema.shape), 300, 14)) {
      expectSameParse(AnalyticsConfigSchema, parseAnalyticsConfig, { segments }, 'realtimeAnalytics config');
    }
  }, 60_000);

  it('refuses a bad value in the same words', () => {
    expect(() => parseAnalyticsConfig({ bufferSize: 1.5, endpoint: '//evil.example', segments: { newUserDays: 2 ** 60 } })).toThrowError(
      'realtimeAnalytics config: bufferSize: expected int; segments.newUserDays: must be at most 9007199254740991; segments.newUserDays: must be at most 365; endpoint: invalid regex',
    );
  });

  it('covers every atom as the whole section', () => {
    for (const atom of ATOMS) expectSameParse(AnalyticsConfigSchema, parseAnalyticsConfig, atom, 'realtimeAnalytics config');
  });
});
