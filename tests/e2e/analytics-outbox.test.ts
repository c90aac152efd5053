import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, openReady, type Profile } from './helpers/browser';
import { serveDist, STRICT_CSP } from './helpers/server';
import { serveStorefront, storefrontPage } from './fixtures/analytics/pages';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  on(type: 'error', handler: (error: { code: string }) => void): void;
  storage: { getAll(store: string): Promise<unknown[]> };
  realtimeAnalytics: { track(name: string, props?: Record<string, unknown>): { messageId: string } | null };
};

interface Delivered {
  batch: Array<{ messageId: string; type: string; event?: string; anonymousId: string; timestamp: string; context: { page: { path: string } } }>;
  sentAt: string;
  /** `text/plain` for a beacon, `application/json` for fetch. */
  contentType: string;
}

/** The storefront page with this analytics config, and a Segment-like collector on `/collect` that is up when `up()` says so. */
async function serveWithCollector(config: Record<string, unknown>, up: () => boolean) {
  const delivered: Delivered[] = [];
  let failures = 0;
  const pages = serveStorefront(storefrontPage({ endpoint: '/collect', ...config }), { 'content-security-policy': STRICT_CSP });
  const server = await serveDist({
    handle: async (req, res) => {
      if (req.url !== '/collect' || req.method !== 'POST') return pages(req, res);
      let body = '';
      for await (const chunk of req) body += chunk;
      if (!up()) {
        failures++;
        res.writeHead(503).end();
        return true;
      }
      delivered.push({ ...(JSON.parse(body) as Omit<Delivered, 'contentType'>), contentType: req.headers['content-type'] ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
      return true;
    },
  });
  return { server, delivered, failures: () => failures };
}

describe('analytics batches to an endpoint in Chromium', () => {
  let collector: Awaited<ReturnType<typeof serveWithCollector>>;
  let profile: Profile;
  let page: Page;
  let endpointUp = false;

  beforeAll(async () => {
    const autoTrack = { clicks: false, scroll: false, performance: false };
    collector = await serveWithCollector({ flushIntervalMs: 100, sendIntervalMs: 200, retryBaseMs: 300, retryMaxMs: 1000, autoTrack }, () => endpointUp);
    profile = await launchProfile();
    page = await profile.context.newPage();
  });
  afterAll(async () => {
    await profile?.dispose();
    await collector?.server.close();
  });

  it('keeps the batch queue through a reload while the endpoint is down, and delivers it when it is back', async () => {
    await openReady(page, `${collector.server.origin}/tienda.html`);
    await page.evaluate(() => CHATBOT_SYSTEM.on('error', () => undefined));
    const ids = await page.evaluate(() => [1, 2, 3].map((n) => CHATBOT_SYSTEM.realtimeAnalytics.track('pedido_simulado', { n })!.messageId));
    await page.evaluate(() => CHATBOT_SYSTEM.flush());
    await pollUntil(() => expect(collector.failures()).toBeGreaterThan(0), { ...BROWSER_POLL, timeout: 10_000 });

    // One reload: openReady navigates to the page again.
    await openReady(page, `${collector.server.origin}/tienda.html`);
    await page.evaluate(() => CHATBOT_SYSTEM.on('error', () => undefined));
    expect(await page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('outbox')).length)).toBeGreaterThan(0);
    const { delivered } = collector;
    expect(delivered).toHaveLength(0); // no beacon to a failing endpoint: what arrives later came through the queue

    endpointUp = true;
    await page.evaluate(() => CHATBOT_SYSTEM.flush());
    await pollUntil(() => expect(delivered.flatMap((d) => d.batch.map((e) => e.messageId))).toEqual(expect.arrayContaining(ids)), { ...BROWSER_POLL, timeout: 15_000 });
    // Both page views (before and after the reload) arrive, whichever batch carries them.
    await pollUntil(() => expect(delivered.flatMap((d) => d.batch).filter((e) => e.event === 'page_view').length).toBe(2), { ...BROWSER_POLL, timeout: 15_000 });
    await pollUntil(async () => expect(await page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('outbox')).length)).toBe(0), { ...BROWSER_POLL, timeout: 10_000 });

    const event = delivered.flatMap((d) => d.batch).find((e) => e.messageId === ids[0])!;
    expect(event).toMatchObject({ type: 'track', event: 'pedido_simulado', context: { page: { path: '/tienda.html' } } });
    expect(Date.parse(event.timestamp)).not.toBeNaN();
    expect(Date.parse(delivered[0]!.sentAt)).not.toBeNaN();
    // Each exactly once.
    const all = delivered.flatMap((d) => d.batch);
    expect(all.filter((e) => e.event === 'page_view')).toHaveLength(2);
    expect(new Set(all.map((e) => e.messageId)).size).toBe(all.length);
  });
});

describe('analytics on a page that closes', () => {
  let collector: Awaited<ReturnType<typeof serveWithCollector>>;
  let profile: Profile;
  afterAll(async () => {
    await profile?.dispose();
    await collector?.server.close();
  });

  it('hands the events not sent yet to sendBeacon on pagehide', async () => {
    // Nothing would send them for a minute: only the closing page's beacon can.
    const autoTrack = { pageViews: false, clicks: false, forms: false, scroll: false, performance: false, errors: false };
    collector = await serveWithCollector({ flushIntervalMs: 60_000, sendIntervalMs: 60_000, autoTrack }, () => true);
    profile = await launchProfile();
    const page = await profile.context.newPage();
    await openReady(page, `${collector.server.origin}/tienda.html`);
    const id = await page.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.track('antes_de_salir', { n: 1 })!.messageId);
    await page.goto('about:blank');
    await pollUntil(() => expect(collector.delivered.flatMap((d) => d.batch.map((e) => e.messageId))).toContain(id), { ...BROWSER_POLL, timeout: 10_000 });
    const beacon = collector.delivered.find((d) => d.batch.some((e) => e.messageId === id))!;
    expect(beacon.contentType).toMatch(/^text\/plain/);
    expect(beacon.batch.find((e) => e.messageId === id)).toMatchObject({ type: 'track', event: 'antes_de_salir' });
  });
});
