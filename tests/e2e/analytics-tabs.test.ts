import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchProfile, openReady, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { serveStorefront, storefrontPage } from './fixtures/analytics/pages';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  realtimeAnalytics: {
    getSessionId(): string | null;
    track(name: string): { sessionId: string } | null;
    identify(userId: string): unknown;
    getActiveUsers(): number;
    getAnonymousId(): string;
    subscribe(callback: (type: string) => void, filter?: string): string;
  };
};
declare global {
  interface Window {
    heard?: string[];
  }
}

describe('analytics across tabs in Chromium', () => {
  let server: StaticServer;
  let profile: Profile;
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    server = await serveDist({ handle: serveStorefront(storefrontPage({ flushIntervalMs: 100, autoTrack: { clicks: false, scroll: false, performance: false } })) });
    profile = await launchProfile();
    first = await profile.context.newPage();
    second = await profile.context.newPage();
    await openReady(first, `${server.origin}/tienda.html`);
    await openReady(second, `${server.origin}/productos`);
  });
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it('shares one visitor and session, streams the other tab events live and counts users across tabs', async () => {
    await first.evaluate(() => {
      window.heard = [];
      CHATBOT_SYSTEM.realtimeAnalytics.subscribe((type) => window.heard!.push(type), 'en_otra_pestana');
    });
    expect(await second.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getAnonymousId())).toBe(await first.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getAnonymousId()));
    await first.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.identify('ana'));
    const a = await first.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.track('en_esta_pestana')!.sessionId);
    await first.evaluate(() => CHATBOT_SYSTEM.flush());
    // The other tab has heard this one's session.
    await second.waitForFunction((session) => CHATBOT_SYSTEM.realtimeAnalytics.getSessionId() === session, a);
    await second.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.identify('beto'));
    const b = await second.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.track('en_otra_pestana')!.sessionId);
    expect(b).toBe(a);
    await first.waitForFunction(() => (window.heard ?? []).includes('en_otra_pestana'));
    await pollUntil(async () => expect(await first.evaluate(() => CHATBOT_SYSTEM.realtimeAnalytics.getActiveUsers())).toBe(2), BROWSER_POLL);
  });
});
