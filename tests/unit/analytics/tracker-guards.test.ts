import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import * as S from '../../../src/analytics/schemas';
import * as G from '../../../src/analytics/tracker-guards';
import type { Guard } from '../../../src/core/guards';
import { ATOMS, expectSameAsSchema, objectInputs } from '../core/guard-parity';

// The tracker checks its calls on every page with hand-written guards: each must accept exactly
// what its zod schema (used by the full system) accepts, with the same output and the same words.
const PAIRS = Object.entries(S)
  .filter(([name]) => name.endsWith('Schema'))
  .map(([name, schema]) => [name.slice(0, -'Schema'.length), schema as z.ZodMiniType] as const);

describe('tracker guards', () => {
  it('has a guard for every schema of the tracker', () => {
    expect(PAIRS.length).toBeGreaterThan(10);
    for (const [name] of PAIRS) expect(G, name).toHaveProperty(name);
  });

  it.each(PAIRS)('%s agrees with its schema on every kind of value', (name, schema) => {
    const guard = (G as unknown as Record<string, Guard<unknown>>)[name] as Guard<unknown>;
    for (const value of ATOMS) expectSameAsSchema(schema, guard, value, name);
  });

  it('Product and CartItem agree on objects with every kind of value in every field', { timeout: 60_000 }, () => {
    for (const value of objectInputs(['id', 'name', 'price', 'category', 'extra'], 2000, 21, { id: 'p1' })) expectSameAsSchema(S.ProductSchema, G.Product, value, 'trackProduct product');
    for (const value of objectInputs(['id', 'quantity', 'price', 'extra'], 2000, 22)) expectSameAsSchema(S.CartItemSchema, G.CartItem, value, 'trackCart item');
  });

  it('Properties agrees on odd objects (null prototype, __proto__ key, symbol and hidden keys)', () => {
    for (const value of objectInputs(['a', 'b'], 200, 23)) expectSameAsSchema(S.PropertiesSchema, G.Properties, value, 'track properties');
  });

  it('the fast paths accept only what the schemas accept (symbol keys aside, which are then dropped)', () => {
    for (const value of ATOMS) {
      if (G.isEventName(value)) expect(S.EventNameSchema.safeParse(value).success).toBe(true);
      const symbolKeys = typeof value === 'object' && value !== null && Object.getOwnPropertySymbols(value).length > 0;
      if (G.isPlainRecord(value) && !symbolKeys) expect(S.PropertiesSchema.safeParse(value).success).toBe(true);
    }
  });
});
