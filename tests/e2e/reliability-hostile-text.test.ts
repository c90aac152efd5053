import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openReady, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { allText, findInjected, installTraps, readCaught } from './reliability/hostile-dom';
import { widget } from './widget-helpers';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  messaging: {
    setCurrentUser(id: string): void;
    listConversations(userId?: string): Array<{ id: string }>;
    readonly currentUser: string;
    createConversation(participants: string[], options?: object): { id: string };
    sendMessage(conversationId: string, content: object, options?: object): { id: string };
    actAs(user: string): { sendMessage(conversationId: string, content: object, options?: object): { id: string } };
    getMessages(conversationId: string, options?: object): Array<{ id: string; content: { text: string } }>;
  };
  pushNotifications: { send(title: string, options?: object): Promise<{ id: string }> };
  realtimeAnalytics: { optIn(): void; track(name: string, properties?: object): void; identify(id: string, traits?: object): void; page(name?: string, properties?: object): void };
  backupSystem: { createBackup(type: string, metadata?: object): Promise<{ id: string }> };
  showMessagingDashboard(): Promise<void>;
  showAnalyticsDashboard(): Promise<void>;
  showBackupDashboard(): Promise<void>;
};

const LONG = !!process.env.RELIABILITY_LONG;
/**
 * Every line of the corpus goes through analytics; the panel shows every 8th in CI and push takes
 * every 4th (all of them with RELIABILITY_LONG=1: about 8 minutes here, the panel most of it).
 */
const PANEL_EVERY = LONG ? 1 : 8;
const PUSH_EVERY = LONG ? 1 : 4;
const BACKUPS = LONG ? 40 : 4;

/**
 * Report-only: nothing is blocked (a payload that got through would really run and trip the
 * traps), yet every script the page did not load from itself is reported.
 */
const REPORT_ONLY_CSP = "script-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

/** The calls that refused a payload: each must be a typed ChatbotError. */
interface Tally {
  accepted: number;
  refused: Record<string, number>;
  notChatbotErrors: string[];
}

describe('hostile text (the XSS corpus) through every module, the widget panel and every dashboard', () => {
  let server: StaticServer;
  let browser: Browser;
  let payloads: string[];

  beforeAll(async () => {
    payloads = (await readFile(new URL('../fixtures/xss-payloads.txt', import.meta.url), 'utf8')).split('\n').filter((line) => line.length > 0);
    server = await serveDist({ headers: { 'content-security-policy-report-only': REPORT_ONLY_CSP } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** No trap tripped, no script the page did not load reported, no element or attribute made from a payload. */
  async function expectNothingRan(page: Page, where: string): Promise<void> {
    const caught = await page.evaluate(readCaught);
    expect(caught.calls, `${where}: alert/confirm/prompt/print called`).toEqual([]);
    expect(caught.pwned, `${where}: __pwned set`).toBeUndefined();
    // The page's own bundle may probe eval (zod does, and copes without it): only other sources count.
    const foreign = caught.violations.filter((v) => !(v.blocked === 'eval' && v.source.startsWith(server.origin)));
    expect(foreign, `${where}: CSP violations`).toEqual([]);
    expect(await page.evaluate(findInjected), `${where}: elements or attributes from a payload`).toEqual([]);
  }

  it("runs nothing and makes no markup of the corpus's payloads", async () => {
    const started = Date.now();
    expect(payloads.length).toBeGreaterThan(6_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(installTraps);
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    await expectNothingRan(page, 'the page before any payload');

    const phases: string[] = [];
    let phaseStart = Date.now();
    const phase = (name: string): void => {
      phases.push(`${name} ${Date.now() - phaseStart} ms`);
      console.info(`reliability-hostile-text: ${phases[phases.length - 1]}`);
      phaseStart = Date.now();
    };
    // The panel open on the customer's conversation: payloads arrive in it as replies of staff.
    const w = widget(page);
    await w.launcher.click();
    await w.panel.waitFor({ state: 'visible' });
    const conversationId = await pollUntil(async () => {
      const id = await page.evaluate(() => CHATBOT_SYSTEM.messaging.listConversations()[0]?.id);
      expect(id).toBeDefined();
      return id!;
    }, BROWSER_POLL);

    const tally: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
    const add = (part: Tally): void => {
      tally.accepted += part.accepted;
      for (const [code, n] of Object.entries(part.refused)) tally.refused[code] = (tally.refused[code] ?? 0) + n;
      tally.notChatbotErrors.push(...part.notChatbotErrors);
    };

    // Messaging, 200 at a time (what the panel shows): texts, as staff and as the customer, with
    // attachment names, reply and thread metadata; then the panel is checked with them on screen.
    const CHUNK = 200;
    const shownInPanel = payloads.filter((_, i) => i % PANEL_EVERY === 0);
    for (let start = 0; start < shownInPanel.length; start += CHUNK) {
      const chunk = shownInPanel.slice(start, start + CHUNK);
      add(await page.evaluate(async ({ chunk, conversationId, start }) => {
        const result: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
        const attempt = (fn: () => unknown): void => {
          try {
            fn();
            result.accepted++;
          } catch (error) {
            const code = (error as { code?: unknown }).code;
            if ((error as Error).name === 'ChatbotError' && typeof code === 'string') result.refused[code] = (result.refused[code] ?? 0) + 1;
            else result.notChatbotErrors.push(`${String(error)} for ${JSON.stringify(chunk[0])}`);
          }
        };
        const m = CHATBOT_SYSTEM.messaging;
        // From staff: the customer's own messages would each get an answer from the assistant.
        const staff = m.actAs('asesor');
        chunk.forEach((p, i) => {
          if ((start + i) % 2 === 0) attempt(() => staff.sendMessage(conversationId, { text: p }, { metadata: { [p]: p, note: p } }));
          else attempt(() => staff.sendMessage(conversationId, { text: p, attachments: [new File(['x'], p, { type: 'text/plain' })] }));
        });
        await CHATBOT_SYSTEM.flush();
        return result;
      }, { chunk, conversationId, start }));
      const last = chunk[chunk.length - 1]!;
      await pollUntil(async () => expect(await page.evaluate(allText)).toContain(last.trim().slice(0, 40)), BROWSER_POLL);
      await expectNothingRan(page, `the panel showing payloads ${start}–${start + chunk.length - 1}`);
    }
    phase('messages in the panel');
    // Payloads as conversation names, with metadata, for the messaging dashboard.
    add(await page.evaluate((sample) => {
      const result: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
      for (const p of sample) {
        try {
          // With the widget's user in it, so the dashboard lists it among the recent ones.
          const me = CHATBOT_SYSTEM.messaging.currentUser;
          const id = CHATBOT_SYSTEM.messaging.createConversation([me, p.slice(0, 100) || 'x'], { name: p, type: 'group', metadata: { [p]: p } }).id;
          CHATBOT_SYSTEM.messaging.actAs('asesor').sendMessage(id, { text: p });
          result.accepted++;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if ((error as Error).name === 'ChatbotError' && typeof code === 'string') result.refused[code] = (result.refused[code] ?? 0) + 1;
          else result.notChatbotErrors.push(`${String(error)} for ${JSON.stringify(p)}`);
        }
      }
      return result;
    }, payloads.filter((_, i) => i % 20 === 0)));

    phase('conversations');
    // Push: titles, bodies, actions, data and a link (the bell shows them).
    const pushed = payloads.filter((_, i) => i % PUSH_EVERY === 0);
    add(await page.evaluate(async (list) => {
      const result: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
      for (const [i, p] of list.entries()) {
        try {
          await CHATBOT_SYSTEM.pushNotifications.send(p, {
            body: list[(i + 1) % list.length],
            actions: [{ action: 'ver', title: p }],
            data: { [p]: p },
            category: i % 2 ? 'orders' : 'messages',
            ...(i % 3 === 0 ? { url: p } : {}),
          });
          result.accepted++;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if ((error as Error).name === 'ChatbotError' && typeof code === 'string') result.refused[code] = (result.refused[code] ?? 0) + 1;
          else result.notChatbotErrors.push(`${String(error)} for ${JSON.stringify(p)}`);
        }
      }
      return result;
    }, pushed));

    phase('push');
    // Analytics: event names, property names and values, traits, page names.
    add(await page.evaluate(async (list) => {
      const result: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
      const a = CHATBOT_SYSTEM.realtimeAnalytics;
      a.optIn();
      const attempt = (fn: () => unknown, p: string): void => {
        try {
          fn();
          result.accepted++;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if ((error as Error).name === 'ChatbotError' && typeof code === 'string') result.refused[code] = (result.refused[code] ?? 0) + 1;
          else result.notChatbotErrors.push(`${String(error)} for ${JSON.stringify(p)}`);
        }
      };
      list.forEach((p, i) => {
        attempt(() => a.track(p, { [p]: p, value: i }), p);
        if (i % 10 === 0) attempt(() => a.page(p, { title: p }), p);
        if (i % 50 === 0) attempt(() => a.identify(`cliente_${i}`, { name: p, [p]: p }), p);
      });
      await CHATBOT_SYSTEM.flush();
      return result;
    }, payloads));

    phase('analytics');
    // Backups: metadata of payload keys and values.
    add(await page.evaluate(async ({ list, count }) => {
      const result: Tally = { accepted: 0, refused: {}, notChatbotErrors: [] };
      const per = Math.ceil(list.length / count);
      for (let b = 0; b < count; b++) {
        const part = list.slice(b * per, (b + 1) * per);
        try {
          await CHATBOT_SYSTEM.backupSystem.createBackup('manual', { trigger: part[0], notes: part, ...Object.fromEntries(part.map((p) => [p, p])) });
          result.accepted++;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if ((error as Error).name === 'ChatbotError' && typeof code === 'string') result.refused[code] = (result.refused[code] ?? 0) + 1;
          else result.notChatbotErrors.push(`${String(error)} for backup ${b}`);
        }
      }
      return result;
    }, { list: payloads.filter((_, i) => i % 7 === 0), count: BACKUPS }));
    phase('backups');
    expect(tally.notChatbotErrors, 'refusals that are not a ChatbotError').toEqual([]);

    // The bell's list, then each dashboard, with all of it on screen.
    const bell = w.panel.locator('button.bell');
    await bell.click();
    await pollUntil(async () => expect(await page.evaluate(allText)).toContain(pushed[pushed.length - 1]!.trim().slice(0, 40)), BROWSER_POLL);
    await expectNothingRan(page, 'the notification list');
    phase('bell');
    const dashboards = [
      ['showMessagingDashboard', '#dashboard-messaging'],
      ['showAnalyticsDashboard', '#dashboard-analytics'],
      ['showBackupDashboard', '#dashboard-backup'],
    ] as const;
    // Payloads long enough not to match the dashboards' own words (lists cut long texts short).
    const distinctive = payloads.filter((p) => p.trim().length > 12).map((p) => p.trim().slice(0, 12));
    for (const [show, selector] of dashboards) {
      await page.evaluate((name) => CHATBOT_SYSTEM[name](), show);
      // The backups' triggers (payloads here) are in the timeline's tables, shown on request.
      if (show === 'showBackupDashboard') await page.locator(`${selector} [aria-controls="backup-timeline-tables"]`).click();
      // Checked once it shows payloads (sections load their figures asynchronously).
      await pollUntil(async () => {
        // A dashboard may render in its own shadow root.
        const text = await page.evaluate((sel) => {
          const host = document.querySelector(sel);
          return `${host?.shadowRoot?.textContent ?? ''}${host?.textContent ?? ''}`;
        }, selector);
        // (The backup dashboard shows a caller's trigger only in rows it lists: it may show none.)
        if (show === 'showBackupDashboard') expect(text).toContain('Backups y recuperación');
        else expect(distinctive.some((p) => text.includes(p)), `${show} shows payloads: ${text.slice(0, 300)}`).toBe(true);
      }, BROWSER_POLL);
      await expectNothingRan(page, show);
      phase(show);
    }
    expect(errors.filter((e) => !/ChatbotError/.test(e)), 'no page error').toEqual([]);
    console.info(`reliability-hostile-text: ${payloads.length} payloads (${shownInPanel.length} in the panel), ${tally.accepted} calls accepted, refused ${JSON.stringify(tally.refused)}, ${pushed.length} pushes, ${BACKUPS} backups, ${Date.now() - started} ms (${phases.join(', ')})`);
    await context.close();
  }, 600_000);
});
