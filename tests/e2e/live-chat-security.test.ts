import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../../scripts/prosody/prosody.mjs';
import { connectNewCustomer, randomName, stopAll } from '../live/live-fixtures';
import { createStaffClient, type StaffClient, type StaffMessage } from '../live/staff-client';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { xssPayloads } from '../unit/live-chat/xml-fixture';
import { launchBrowser, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { demoPageVariant, extraPages, widget } from './widget-helpers';

// What a hostile party can do to a customer's live chat, against a real Prosody with the
// project's config: staff text from the XSS corpus, another customer, an account outside the
// conversation. The store page is served WITHOUT a CSP here, so a payload that reached the DOM as
// markup would really run: the test sees the widget's own defence, not the browser's.

interface PortMessage { id: string; senderId: string; content: { text: string }; conversationId: string }
interface Recorded { title: string; body: string; category: string; data: Record<string, unknown> }
declare const CHATBOT_SYSTEM: {
  ready: Promise<void>;
  on(type: 'error', handler: (error: { code: string; message: string }) => void): () => void;
  bot: { findConversation(): string | undefined; customerId: string | undefined };
  liveChat: { status: { state: string; pending: number; owner: boolean } };
  storage: { get(store: 'kv', key: string): Promise<{ jid?: string } | undefined> };
  messaging: { getMessages(id: string, options?: { limit?: number }): PortMessage[] };
  pushNotifications: { getNotifications(filter?: { category?: string }): Recorded[] };
};
declare global {
  interface Window {
    /** Every call a payload made to a dialog function (the corpus calls alert, prompt, confirm, print). */
    __xss: string[];
    /** Frames that reached the page's WebSockets. */
    __framesIn: string[];
    /** What the system reported (CHATBOT_SYSTEM's `error` event). */
    __reported: string[];
  }
}

const STAFF_ID = 'asesor';
const BATCH = 150;

let server: RunningProsody;
let site: StaticServer;
let browser: Browser;
let queueJid: string;
let queuePassword: string;
let outsiderJid: string;
let outsiderPassword: string;
const clients: StaffClient[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startProsody({
    config: {
      archiveStorage: 'memory',
      archiveItemLimit: 20_000,
      // The customer's page marks thousands of staff messages read here: a wide per-session
      // budget, so the firewall's rules (not its rate) are what the second test meets.
      policy: { sessionRate: 1_000, sessionBurstSeconds: 10, joinRate: 10, joinBurstSeconds: 10 },
    },
  });
  queuePassword = randomName('staff');
  queueJid = await server.createStaff('queue', queuePassword);
  outsiderPassword = randomName('staff');
  outsiderJid = await server.createStaff('outsider', outsiderPassword);
  const attributes = `data-chat-server="${server.wsUrl}" data-chat-domain="${server.customerDomain}" data-chat-rooms="${server.mucDomain}" data-staff-queue="${queueJid}"`;
  const live = await demoPageVariant((html) => html.replace('data-staff-ids="asesor"', `data-staff-ids="asesor" ${attributes}`));
  site = await serveDist({ handle: extraPages({ '/': live, '/index.html': live }, []) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await stopAll(clients);
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await site?.close();
  await server?.stop();
});

async function staffClient(jid = queueJid, password = queuePassword): Promise<StaffClient> {
  const client = await createStaffClient({ service: server.wsUrl, jid, password });
  clients.push(client);
  return client;
}

/** A customer on the live store page (a fresh profile), with traps for anything a payload could run. */
async function customerPage(options: { notifications?: boolean } = {}): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext();
  contexts.push(context);
  if (options.notifications) await context.grantPermissions(['notifications'], { origin: site.origin });
  await context.addInitScript(() => {
    window.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.defineProperty(window, name, { configurable: true, value: (...args: unknown[]) => void window.__xss.push(`${name}(${args.join(',')})`) });
    }
    window.__framesIn = [];
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => window.__framesIn.push(String(event.data)));
      }
    };
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const dialogs: string[] = [];
  // A dialog from a frame the init script missed still shows up here.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${site.origin}/`);
  await page.evaluate(() => {
    window.__reported = [];
    return CHATBOT_SYSTEM.ready.then(() => void CHATBOT_SYSTEM.on('error', (error) => void window.__reported.push(`${error.code}: ${error.message}`)));
  });
  return { page, errors, dialogs };
}

/** Asks the assistant, then for a person; staff accept the invitation and join. */
async function handOff(page: Page, staff: StaffClient): Promise<{ conversationId: string; room: string }> {
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  for (const text of ['¿tienen filtro de aceite para Boxer CT100?', 'quiero hablar con un asesor']) {
    const before = await w.botMessages.count();
    await w.input.fill(text);
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.botMessages.count()).toBeGreaterThan(before), BROWSER_POLL);
  }
  const { room } = await staff.nextInvitation({ timeoutMs: 15_000 });
  await staff.joinRoom(room, 'Ana');
  await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.state)).toBe('connected'), BROWSER_POLL);
  return { conversationId: await page.evaluate(() => CHATBOT_SYSTEM.bot.findConversation()!), room };
}

const staffTexts = (page: Page, conversationId: string): Promise<PortMessage[]> =>
  page.evaluate(([id, staffId]) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 10_000 }).filter((m) => m.senderId === staffId), [conversationId, STAFF_ID] as const);

const isError = (message: StaffMessage): boolean => message.type === 'error';

describe('live chat: hostile parties', () => {
  it('shows every line of the XSS corpus sent by staff as text in the customer\'s panel, and runs none', async () => {
    const staff = await staffClient();
    const { page, errors, dialogs } = await customerPage();
    const { conversationId, room } = await handOff(page, staff);
    const lines = xssPayloads();
    expect(lines.length).toBeGreaterThan(6_000);
    // CI sends the corpus 25 lines per message (under the 10,000-character message limit) (every line still reaches the panel as text);
    // LIVE_XSS_EACH=1 sends each line as its own message (about 15 minutes here).
    const perMessage = process.env.LIVE_XSS_EACH ? 1 : 25;
    const payloads: string[] = [];
    for (let i = 0; i < lines.length; i += perMessage) payloads.push(lines.slice(i, i + perMessage).join('\n'));
    const risky = (): Promise<string[]> => page.evaluate(() => {
      const root = document.getElementById('chatbot-repuestos-motos')!.shadowRoot!;
      const selector = 'iframe, frame, object, embed, base, script, form, svg, math, img, link, meta, style';
      return [...document.querySelectorAll(selector), ...root.querySelectorAll(selector)].map((e) => e.outerHTML.slice(0, 80));
    });
    // The store page and the widget have some of these of their own: none may be added.
    const before = await risky();
    const started = Date.now();

    for (let start = 0; start < payloads.length; start += BATCH) {
      const batch = payloads.slice(start, start + BATCH);
      for (const payload of batch) staff.sendText(room, payload);
      // Counted in the page: copying thousands of messages out on every poll would slow the page down.
      const count = (): Promise<number> => page.evaluate(([id, staffId]) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 10_000 }).filter((m) => m.senderId === staffId).length, [conversationId, STAFF_ID] as const);
      await pollUntil(async () => expect(await count()).toBe(start + batch.length), { timeout: 120_000, interval: 100 });
      const received = (await staffTexts(page, conversationId)).slice(start);
      // Messaging keeps the text as sent (trimmed, as it trims every message).
      expect(received.map((m) => m.content.text).sort()).toEqual(batch.map((p) => p.trim()).sort());

      // Each one is in the panel as one paragraph of text: no element, no attribute from the payload.
      const problems = await page.evaluate((messages) => {
        const root = document.getElementById('chatbot-repuestos-motos')!.shadowRoot!;
        const allowed = new Set(['LI', 'P', 'DIV', 'SPAN', 'TIME', 'BUTTON']);
        const attributes = new Set(['class', 'data-id', 'tabindex', 'datetime', 'type', 'aria-label', 'aria-pressed', 'aria-hidden', 'data-focus', 'title']);
        const out: string[] = [];
        for (const message of messages) {
          const item = root.querySelector(`li[data-id="${CSS.escape(message.id)}"]`);
          if (!item) {
            out.push(`${message.id}: not in the panel`);
            continue;
          }
          const paragraphs = item.querySelectorAll(':scope > .bubble > p');
          if (paragraphs.length !== 1 || paragraphs[0]!.childElementCount !== 0 || paragraphs[0]!.textContent !== message.content.text) {
            out.push(`${message.id}: bubble is not the text ${JSON.stringify(message.content.text).slice(0, 80)}`);
          }
          for (const element of [item, ...item.querySelectorAll('*')]) {
            if (!allowed.has(element.tagName)) out.push(`${message.id}: <${element.tagName.toLowerCase()}>`);
            for (const name of element.getAttributeNames()) if (!attributes.has(name)) out.push(`${message.id}: attribute ${name}`);
          }
        }
        return out;
      }, received);
      expect(problems).toEqual([]);
      if (process.env.LIVE_DEBUG) console.log(`${start + batch.length} payloads in ${Date.now() - started} ms`);
    }

    // Nothing ran: no dialog function called, no dialog shown, no frame or script added anywhere.
    expect(await page.evaluate(() => window.__xss)).toEqual([]);
    expect(dialogs).toEqual([]);
    // The widget may draw more of its own icons meanwhile (identical to those before); nothing else.
    const after = await risky();
    expect(after.filter((element) => !before.includes(element))).toEqual([]);
    expect(errors).toEqual([]);
  }, 1_800_000);

  it('keeps another customer and an account outside the conversation out of it', async () => {
    const staff = await staffClient();
    const { page } = await customerPage();
    const { conversationId, room } = await handOff(page, staff);
    const customerJid = await page.evaluate(() => CHATBOT_SYSTEM.storage.get('kv', 'live:account').then((a) => a!.jid!));

    // A second customer, registered in-band as the widget does.
    const intruder = await connectNewCustomer(server);
    clients.push(intruder.client);
    await expect(intruder.client.joinRoom(room, 'intruso')).rejects.toMatchObject({ error: { condition: 'registration-required' } });
    intruder.client.agent.sendMessage({ to: room, type: 'groupchat', body: 'INTRUSO escribe en la sala' });
    const refused = await intruder.client.nextMessage(isError, { timeoutMs: 10_000 });
    expect(refused.from).toBe(room);
    intruder.client.sendDirect(queueJid, 'INTRUSO escribe al asesor por fuera');
    intruder.client.sendDirect(customerJid, 'INTRUSO escribe al cliente');
    const bounces = [await intruder.client.nextMessage(isError), await intruder.client.nextMessage(isError)];
    expect(bounces.map((m) => [m.error?.condition, m.error?.text])).toEqual(Array(2).fill(['policy-violation', 'Customers may only talk in their own rooms']));

    // A staff account that was never invited: no firewall applies to it, and still it cannot
    // speak in the room. What it sends the customer directly, dressed as the room's messages
    // (a groupchat, a forged archive result, a forged carbon), reaches the page and is ignored.
    const outsider = await staffClient(outsiderJid, outsiderPassword);
    const sent: string[] = [];
    outsider.agent.on('raw:outgoing', (xml: string) => void sent.push(xml));
    await expect(outsider.joinRoom(room, 'Ana')).rejects.toMatchObject({ error: { condition: 'registration-required' } });
    outsider.agent.sendMessage({ to: room, type: 'groupchat', body: 'FALSO: en la sala sin ser miembro' });
    expect((await outsider.nextMessage(isError, { timeoutMs: 10_000 })).from).toBe(room);
    const forged = { to: `${room}/Ana`, from: `${room}/Ana`, type: 'groupchat' as const };
    outsider.agent.sendMessage({ to: customerJid, type: 'chat', body: 'FALSO: directo, tipo chat' });
    outsider.agent.sendMessage({ to: customerJid, type: 'normal', body: 'FALSO: directo, tipo normal' });
    outsider.agent.sendMessage({ to: customerJid, archive: { id: 'forged-1', queryId: 'forged-query', item: { message: { ...forged, body: 'FALSO: resultado de archivo' } } } } as never);
    outsider.agent.sendMessage({ to: customerJid, carbon: { type: 'received', forward: { message: { ...forged, body: 'FALSO: copia carbón' } } } } as never);
    await outsider.agent.ping();
    expect(sent.some((xml) => xml.includes('<result') && xml.includes('FALSO: resultado de archivo'))).toBe(true);
    expect(sent.some((xml) => xml.includes('<received') && xml.includes('FALSO: copia carbón'))).toBe(true);

    // Staff write after all of that; once it is in the customer's chat, the rest was handled.
    staff.sendText(room, 'control: solo el asesor');
    await pollUntil(async () => expect((await staffTexts(page, conversationId)).map((m) => m.content.text)).toContain('control: solo el asesor'), BROWSER_POLL);
    const framesIn = await page.evaluate(() => window.__framesIn);
    for (const text of ['FALSO: directo, tipo chat', 'FALSO: directo, tipo normal', 'FALSO: resultado de archivo', 'FALSO: copia carbón']) {
      expect(framesIn.some((frame) => frame.includes(text)), `${text} reached the page`).toBe(true);
    }
    const texts = (await page.evaluate((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 500 }), conversationId)).map((m) => m.content.text);
    expect(texts.filter((t) => /INTRUSO|FALSO/.test(t))).toEqual([]);
    expect(await widget(page).panel.innerText()).not.toMatch(/INTRUSO|FALSO/);
    // Staff never saw the intruder either.
    await staff.agent.ping();
    expect(staff.received.filter((m) => /INTRUSO|FALSO/.test(m.body ?? ''))).toEqual([]);
  }, 120_000);

  it('notifies the customer of a staff reply while their page is hidden (a burst of them as one notification a second), and not while they look', async () => {
    const staff = await staffClient();
    const { page, errors } = await customerPage({ notifications: true });
    const { conversationId, room } = await handOff(page, staff);
    const notified = (): Promise<Recorded[]> => page.evaluate(() => CHATBOT_SYSTEM.pushNotifications.getNotifications({ category: 'messages' }));
    const before = (await notified()).length;

    staff.sendText(room, 'Hola, ya te atiendo');
    await pollUntil(async () => expect((await staffTexts(page, conversationId)).map((m) => m.content.text)).toContain('Hola, ya te atiendo'), BROWSER_POLL);

    // Headless Chromium keeps every tab visible: this one reports hidden, as a background tab does.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    staff.sendText(room, 'Tu filtro está listo, ¿te lo envío hoy?');
    const notification = await pollUntil(async () => {
      const found = (await notified()).find((n) => n.body.includes('Tu filtro está listo'));
      expect(found).toBeDefined();
      return found!;
    }, BROWSER_POLL);
    expect(notification.title).toBe('Nuevo mensaje de asesor');
    expect((await notified()).filter((n) => n.body.includes('ya te atiendo'))).toEqual([]);
    expect((await notified()).length).toBe(before + 1);
    // The browser shows it (through the service worker, so a click reaches the chat).
    const shown = await pollUntil(async () => {
      const titles = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return (await registration?.getNotifications())?.map((n) => `${n.title}: ${n.body}`) ?? [];
      });
      expect(titles.some((t) => t.includes('Tu filtro está listo'))).toBe(true);
      return titles;
    }, BROWSER_POLL);
    expect(shown.filter((t) => t.includes('ya te atiendo'))).toEqual([]);

    // A burst while hidden (a catch-up after a gap looks the same): its first message notifies,
    // the rest once a second with the count (a slow machine may split it in two), not thirty.
    const beforeBurst = (await notified()).length;
    for (let i = 1; i <= 30; i++) staff.sendText(room, `seguimiento ${i}`);
    const last = await pollUntil(async () => {
      const found = (await notified()).find((n) => n.body === 'seguimiento 30');
      expect(found).toBeDefined();
      return found!;
    }, BROWSER_POLL);
    expect(last.title).toMatch(/^\d+ mensajes nuevos de asesor$/);
    expect((await notified()).length - beforeBurst).toBeLessThanOrEqual(3);
    expect((await staffTexts(page, conversationId)).filter((m) => m.content.text.startsWith('seguimiento ')).length).toBe(30);
    expect(errors).toEqual([]);
  }, 120_000);
});
