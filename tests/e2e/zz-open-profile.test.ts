import { it } from 'vitest';
import { launchBrowser, openReady } from './helpers/browser';
import { serveDist, STRICT_CSP } from './helpers/server';

declare const realtimeAnalytics: { track(n: string, p?: Record<string, unknown>): unknown; page(): unknown; reset(): void; getStoredDashboardData(r?: object): Promise<{ totalEvents: number }> };
declare const CHATBOT_SYSTEM: { flush(): Promise<void>; showAnalyticsDashboard(): Promise<void> };
const DAY = 86_400_000;
const SETTABLE_NOW = `(() => { const real = Date.now.bind(Date); const past = new URLSearchParams(location.search).get('past'); let fixed = past ? Number(past) : null; Date.now = () => (fixed === null ? real() : fixed); window.__setNow = (t) => { fixed = t; }; })();`;

it('profile opening', async () => {
  const server = await serveDist({ headers: { 'content-security-policy': STRICT_CSP } });
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: SETTABLE_NOW });
  let page = await context.newPage();
  await openReady(page, `${server.origin}/?past=${Date.now() - 89 * DAY}`);
  const t0 = Date.now();
  const n = await page.evaluate(async () => {
    const setNow = (window as unknown as { __setNow(t: number | null): void }).__setNow;
    let t = Date.now();
    const end = t + 88 * 86_400_000;
    const total = Number(new URLSearchParams(location.search).get('n') ?? 100000);
    const step = (end - t) / 100_000;
    for (let i = 0; i < 100_000; i++) {
      t += step; setNow(t);
      if (i % 500 === 0) realtimeAnalytics.reset();
      if (i % 5 === 0) realtimeAnalytics.page(); else realtimeAnalytics.track(i % 7 === 0 ? 'add_to_cart' : 'click', { i });
      if (i % 2000 === 1999) await new Promise((r) => setTimeout(r, 0));
    }
    setNow(null);
    await CHATBOT_SYSTEM.flush();
    return total;
  });
  console.log('generated', n, 'in', Date.now() - t0, 'ms');
  await page.close();
  page = await context.newPage();
  await openReady(page, `${server.origin}/`);
  console.log(await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name!).find((n) => n.includes('chatbot')) ?? dbs[0]!.name!;
    const db = await new Promise<IDBDatabase>((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const req = <T>(r: IDBRequest<T>) => new Promise<T>((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const out: string[] = [name];
    let t = performance.now();
    const n = await new Promise<number>((res) => { let k = 0; const c = db.transaction('events').objectStore('events').index('byTimeCount').openKeyCursor(); c.onsuccess = () => { const cur = c.result; if (!cur) return res(k); k++; cur.continue(); }; });
    out.push(`keycursor ${n} ${Math.round(performance.now() - t)}`);
    t = performance.now();
    const keys = await req(db.transaction('events').objectStore('events').getAllKeys());
    const ckeys = await req(db.transaction('eventColumns').objectStore('eventColumns').getAllKeys());
    out.push(`getAllKeys ${keys.length} ${ckeys.length} ${Math.round(performance.now() - t)}`);
    t = performance.now();
    const cols = await req(db.transaction('eventColumns').objectStore('eventColumns').getAll());
    out.push(`getAll columns ${cols.length} ${Math.round(performance.now() - t)}`);
    t = performance.now();
    const b = await req(db.transaction('events').objectStore('events').getAll());
    out.push(`getAll batches ${b.length} ${Math.round(performance.now() - t)}`);
    return out.join('; ');
  }));
  await page.close();
  for (let round = 0; round < 3; round++) {
    page = await context.newPage();
    page.on('console', (m) => { if (m.text().startsWith('[prof]')) console.log(m.text()); });
    await openReady(page, `${server.origin}/`);
    await page.evaluate(() => console.debug('[prof] ready'));
    const ms = await page.evaluate(async () => {
      const started = performance.now();
      await CHATBOT_SYSTEM.showAnalyticsDashboard();
      const shown = performance.now() - started;
      return new Promise<string>((resolve) => {
        const look = (): void => {
          const state = document.querySelector('#dashboard-analytics')?.shadowRoot?.querySelector('.panel')?.getAttribute('data-state');
          if (state === 'figures' || state === 'ready') resolve(`show ${Math.round(shown)} firstChart ${Math.round(performance.now() - started)}`);
          else requestAnimationFrame(look);
        };
        look();
      });
    });
    const q = await page.evaluate(async () => { const t = performance.now(); const f = await realtimeAnalytics.getStoredDashboardData({ since: Date.now() - 90 * 86_400_000 }); return `${f.totalEvents} warm ${Math.round(performance.now() - t)}`; });
    console.log(`round ${round}: ${ms}; ${q}`);
    await page.evaluate(async () => { await new Promise((r) => setTimeout(r, 300)); await CHATBOT_SYSTEM.flush(); });
    await page.close();
  }
  await browser.close();
  await server.close();
}, 600_000);
