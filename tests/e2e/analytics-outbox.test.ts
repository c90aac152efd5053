import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, openReady, type Profile } from './helpers/browser';
import { serveDist, STRICT_CSP, type StaticServer } from './helpers/server';
import { serveStorefront, storefrontPage } from './fixtures/analytics/pages';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  on(type: 'error', handler: (error: { code: string }) => void): void;
  storage: { getAll(store: string): Promise<Array<{ events?: unknown[]; attempts?: number }>> };
  realtimeAnalytics: { track(name: string, props?: Record<string, unknown>): { messageId: string } | null };
};

interface Delivered {
  batch: Array<{ messageId: string; type: string; event?: string; anonymousId: string; timestamp: string; context: { page: { path: string } } }>;
  sentAt: string;
}

describe('analytics batches to an endpoint in Chromium', () => {
  let server: StaticServer;
  let profile: Profile;
  let page: Page;
  let endpointUp = false;
  let failures = 0;
  const delivered: Delivered[] = [];

  beforeAll(async () => {
    const files = storefrontPage({ endpoint: '/collect', flushIntervalMs: 100, sendIntervalMs: 200, retryBaseMs: 300, retryMaxMs: 1000, autoTrack: { clicks: false, scroll: false, performance: false } });
    const pages = serveStorefront(files, { 'content-security-policy': STRICT_CSP });
    server = await serveDist({
      handle: async (req, res) => {
        if (req.url !== '/collect' || req.method !== 'POST') return pages(req, res);
        let body = '';
        for await (const chunk of req) body += chunk;
        if (!endpointUp) {
          failures++;
          res.writeHead(503).end();
          return true;
        }
        delivered.push(JSON.parse(body) as Delivered);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
        return true;
      },
    });
    profile = await launchProfile();
    page = await profile.context.newPage();
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('keeps the batch queue through a reload while the endpoint is down, and delivers it when it is back', async () => {
    await openReady(page, `${server.origin}/tienda.html`);
    await page.evaluate(() => CHATBOT_SYSTEM.on('error', () => undefined));
    const ids = await page.evaluate(() => [1, 2, 3].map((n) => CHATBOT_SYSTEM.realtimeAnalytics.track('pedido_simulado', { n })!.messageId));
    await page.evaluate(() => CHATBOT_SYSTEM.flush());
    await expect.poll(() => failures, { timeout: 10_000 }).toBeGreaterThan(0);

    // One reload: openReady navigates to the page again.
    await openReady(page, `${server.origin}/tienda.html`);
    await page.evaluate(() => CHATBOT_SYSTEM.on('error', () => undefined));
    const queued = await page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('outbox')).flatMap((r) => r.events ?? []).length);
    expect(queued).toBeGreaterThanOrEqual(3);
    expect(delivered).toHaveLength(0);

    endpointUp = true;
    await page.evaluate(() => CHATBOT_SYSTEM.flush());
    await expect.poll(() => delivered.flatMap((d) => d.batch.map((e) => e.messageId)), { timeout: 15_000 }).toEqual(expect.arrayContaining(ids));
    // Both page views (before and after the reload) arrive, whichever batch carries them.
    await expect.poll(() => delivered.flatMap((d) => d.batch).filter((e) => e.event === 'page_view').length, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.evaluate(async () => (await CHATBOT_SYSTEM.storage.getAll('outbox')).length), { timeout: 10_000 }).toBe(0);

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
