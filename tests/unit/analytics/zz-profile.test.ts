import { it } from 'vitest';
import { createHarness } from './harness';
import { systemClock } from '../../../src/core/clock';

it('profile', async () => {
  for (let r = 0; r < 3; r++) {
  const h = await createHarness({}, { clock: { ...systemClock, advance() {}, set() {} } as never });
  const N = 100_000;
  const t = performance.now();
  for (let i = 0; i < N; i++) h.analytics.track('product_viewed', { sku: 'FIL-01', price: 15000, i });
  console.log('track µs', ((performance.now() - t) * 1000) / N);
  await h.close();
  }
}, 120_000);
