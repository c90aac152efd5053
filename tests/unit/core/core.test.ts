import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { createManualClock } from '../../../src/core/manual-clock';
import { configFromDataset, mergeDeep, parseConfig } from '../../../src/core/config';
import { ChatbotError, isChatbotError } from '../../../src/core/errors';
import { createEvents } from '../../../src/core/events';
import { formatBytes, formatDuration, formatPercent } from '../../../src/core/format';
import { createId } from '../../../src/core/ids';
import { jsonObjectSchema, jsonProblem } from '../../../src/core/json-object-schema';
import { validate } from '../../../src/core/validate';

describe('formatters', () => {
  it('shows sizes the way the seed does', () => {
    expect(formatBytes(131_596_288)).toBe('125.5 MB');
    expect(formatBytes(2_631_925)).toBe('2.51 MB');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });
  it('shows durations as 3m 25s', () => {
    expect(formatDuration(205_000)).toBe('3m 25s');
    expect(formatDuration(45_400)).toBe('45s');
    expect(formatDuration(3_723_000)).toBe('1h 2m 3s');
  });
  it('shows rates with one decimal', () => {
    expect(formatPercent(0.355)).toBe('35.5%');
    expect(formatPercent(0.028)).toBe('2.8%');
    expect(formatPercent(Number.NaN)).toBe('0.0%');
  });
});

describe('config', () => {
  it('fills every default so a bare script tag works', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ storeName: 'Repuestos Motos', language: 'es', position: 'right', serviceWorker: '/sw.js' });
  });
  it('refuses a bad value with a message naming the field', () => {
    expect(() => parseConfig({ language: 'de' })).toThrowError(/language/);
    expect(() => parseConfig({ brandColor: 'red' })).toThrowError(ChatbotError);
  });
  it('reads data- attributes', () => {
    expect(configFromDataset({ storeName: 'Motos Don Pepe', lang: 'en', staffIds: 'ana, luis', sw: 'false', vapidKey: 'BK' })).toEqual({
      storeName: 'Motos Don Pepe',
      language: 'en',
      staffIds: ['ana', 'luis'],
      serviceWorker: false,
      pushNotifications: { vapidPublicKey: 'BK' },
    });
  });
  it('merges nested sections and replaces arrays', () => {
    expect(mergeDeep({ a: { b: 1, c: 2 }, list: [1, 2] }, { a: { c: 3 }, list: [9] })).toEqual({ a: { b: 1, c: 3 }, list: [9] });
  });
  it('ignores a JSON patch\'s own __proto__ key instead of swapping the result\'s prototype', () => {
    const patch = JSON.parse('{"__proto__":{"cloud":{"url":"https://evil.example"}},"a":{"b":2}}') as Record<string, unknown>;
    const merged = mergeDeep({ a: { b: 1 } } as Record<string, unknown>, patch);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect('cloud' in merged).toBe(false);
    expect(merged).toEqual({ a: { b: 2 } });
  });
});

describe('validate', () => {
  it('throws VALIDATION with the path and the problem', () => {
    const schema = z.object({ text: z.string(), n: z.number().check(z.minimum(1)) });
    try {
      validate(schema, { text: 5, n: 0 }, 'sendMessage');
      expect.unreachable();
    } catch (error) {
      expect(isChatbotError(error, 'VALIDATION')).toBe(true);
      expect((error as Error).message).toBe('Invalid input: sendMessage: text: expected string; n: must be at least 1');
    }
  });
});

describe('bounded JSON', () => {
  const bounds = { maxDepth: 3, maxChars: 100 };
  const nest = (levels: number): unknown => {
    let value: unknown = 1;
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };
  it('accepts plain JSON within the bounds, Dates and undefined properties included', () => {
    expect(jsonProblem({ a: [1, 'x', null, true], when: new Date(0), gone: undefined }, bounds)).toBeUndefined();
    expect(jsonProblem(nest(3), bounds)).toBeUndefined();
    expect(jsonProblem(JSON.parse('{"__proto__":{"x":1}}'), bounds)).toBeUndefined();
  });
  it('names the first problem: depth, size, cycles, and values JSON cannot hold', () => {
    expect(jsonProblem(nest(4), bounds)).toBe('a.a.a: nested deeper than 3 levels');
    expect(jsonProblem({ text: 'x'.repeat(200) }, bounds)).toBe('larger than 100 characters as JSON');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(jsonProblem(circular, bounds)).toBe('self: circular reference');
    expect(jsonProblem({ n: NaN }, bounds)).toBe('n: not a finite number');
    expect(jsonProblem({ f: () => 1 }, bounds)).toBe('f: a function cannot be stored as JSON');
    expect(jsonProblem({ s: Symbol('x') }, bounds)).toBe('s: a symbol cannot be stored as JSON');
    expect(jsonProblem({ m: new Map() }, bounds)).toBe('m: not a plain object');
    expect(jsonProblem({ d: new Date(NaN) }, bounds)).toBe('d: an invalid Date');
  });
  it('walks a 100,000-level value without overflowing the stack, and its schema throws VALIDATION', () => {
    const deep = nest(100_000);
    expect(jsonProblem(deep)).toBe(`${Array.from({ length: 32 }, () => 'a').join('.')}: nested deeper than 32 levels`);
    expect(() => validate(jsonObjectSchema(), deep, 'metadata')).toThrowError(/metadata: .*nested deeper than 32 levels/);
    expect(() => validate(jsonObjectSchema(), [1], 'metadata')).toThrowError(/metadata: expected an object/);
  });
});

describe('events', () => {
  it('keeps calling the other listeners when one throws, and reports the throw', () => {
    const reported: unknown[] = [];
    const events = createEvents<{ ping: number }>((error) => reported.push(error));
    const seen: number[] = [];
    events.on('ping', () => {
      throw new Error('host bug');
    });
    const off = events.on('ping', (n) => seen.push(n));
    events.emit('ping', 1);
    off();
    events.emit('ping', 2);
    expect(seen).toEqual([1]);
    expect(reported).toHaveLength(2);
  });
});

describe('clock and ids', () => {
  it('runs manual timers in time order as time advances', () => {
    const clock = createManualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 200);
    clock.setTimeout(() => fired.push('a'), 100);
    const cancelled = clock.setTimeout(() => fired.push('x'), 150);
    clock.clearTimeout(cancelled);
    clock.advance(250);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(1250);
  });
  it('makes unique ids that sort by time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => createId('msg', 1_700_000_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
  });
});
