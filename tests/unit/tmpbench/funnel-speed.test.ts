import { it } from 'vitest';
import { createEventTable, computeTableFunnel, computeFunnel } from '../../../src/analytics';
import type { EventColumnsRecord } from '../../../src/storage';

it('speed', () => {
  const N = 1_000_000;
  const names = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase', 'click', 'scroll_depth'];
  const strings = [...names, ...Array.from({ length: 100_000 }, (_, i) => `ses_${i}`)];
  const rec: EventColumnsRecord = { id: 'x', format: 1, firstAt: 0, lastAt: 0, count: N, strings,
    event: new Int32Array(N), user: new Int32Array(N), anonymousId: new Int32Array(N), sessionId: new Int32Array(N),
    page: new Int32Array(N).fill(-1), title: new Int32Array(N).fill(-1), label: new Int32Array(N).fill(-1), time: new Float64Array(N), value: new Float64Array(N) };
  let seed = 42;
  const random = (): number => { seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
  const objs: Array<{ event: string; time: number; sessionId: string }> = [];
  for (let i = 0; i < N; i++) {
    const s = Math.floor(random() * 100_000);
    rec.event[i] = Math.floor(random() * 7); rec.sessionId[i] = 7 + s; rec.user[i] = 7 + s; rec.time[i] = 1_735_000_000_000 + Math.floor(random() * 86_400_000);
    objs.push({ event: strings[rec.event[i]!]!, time: rec.time[i]!, sessionId: strings[7 + s]! });
  }
  const table = createEventTable(N);
  table.appendRecord(rec);
  const steps = ['page_view', 'product_view', 'add_to_cart', 'checkout_step_1', 'purchase'];
  const mins = { table: Infinity, objects: Infinity };
  for (let r = 0; r < 8; r++) {
    let t = performance.now();
    const a = computeTableFunnel(table, steps, { windowMs: 3_600_000 });
    const tt = performance.now() - t;
    t = performance.now();
    const b = computeFunnel(objs, steps, { windowMs: 3_600_000 });
    mins.table = Math.min(mins.table, tt); mins.objects = Math.min(mins.objects, performance.now() - t);
    console.log('table', tt.toFixed(1), 'objects', (performance.now() - t).toFixed(1), a.steps.map((s) => s.count).join(','), b.steps.map((s) => s.count).join(','));
  }
  console.log('MIN', mins);
}, 120_000);
