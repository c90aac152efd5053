import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../../scripts/prosody/prosody.mjs';
import { randomName } from '../live/live-fixtures';
import { createStaffClient, type StaffClient, type StaffMessage } from '../live/staff-client';
import { BROWSER_POLL, pollUntil } from '../shared/poll';
import { launchBrowser, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { demoPageVariant, extraPages, widget } from './widget-helpers';

// The widget wired to a real Prosody: the customer in headless Chromium (its own profile per
// test), staff on `stanza` in Node — a different XMPP library, so the wire format is standard.

interface PortMessage { id: string; senderId: string; content: { text: string }; deleted: boolean; replyTo: string | null; conversationId: string }
declare const CHATBOT_SYSTEM: {
  ready: Promise<void>;
  flush(): Promise<void>;
  idle(): Promise<void>;
  bot: { findConversation(): string | undefined; customerId: string | undefined };
  liveChat: { status: { state: string; pending: number; owner: boolean }; isLive(id: string): boolean; flush(): Promise<void> };
  messaging: {
    getMessages(id: string, options?: { limit?: number }): PortMessage[];
    getReactionsSummary(id: string): Record<string, { users: string[] }>;
    getTypingUsers(id: string): string[];
    actAs(user: string): { sendMessage(id: string, input: { text: string }, options?: { replyTo?: string }): PortMessage; editMessage(id: string, text: string): PortMessage; deleteMessage(id: string): void; addReaction(id: string, emoji: string): boolean; startTyping(id: string): void; markAsRead(id: string): void };
  };
};

let server: RunningProsody;
let site: StaticServer;
let browser: Browser;
let queueJid: string;
let queuePassword: string;
const staffClients: StaffClient[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startProsody({ config: { archiveStorage: 'memory', policy: { joinRate: 10, joinBurstSeconds: 10, sessionRate: 100, sessionBurstSeconds: 10 } } });
  queuePassword = randomName('staff');
  queueJid = await server.createStaff('queue', queuePassword);
  const attributes = `data-chat-server="${server.wsUrl}" data-chat-domain="${server.customerDomain}" data-chat-rooms="${server.mucDomain}" data-staff-queue="${queueJid}"`;
  const live = await demoPageVariant((html) => html.replace('data-staff-ids="asesor"', `data-staff-ids="asesor" ${attributes}`));
  // Served as the store's home page: the service worker's offline shell is that page too.
  // The store's CSP lets the page reach its chat server and nothing else.
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${server.wsUrl} ${server.httpUrl}; worker-src 'self'; manifest-src 'self'`;
  site = await serveDist({ headers: { 'content-security-policy': csp }, handle: extraPages({ '/': live, '/index.html': live }, []) });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await Promise.all(staffClients.map((client) => client.stop().catch(() => undefined)));
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await site?.close();
  await server?.stop();
});

async function staffDevice(): Promise<StaffClient> {
  const client = await createStaffClient({ service: server.wsUrl, jid: queueJid, password: queuePassword });
  staffClients.push(client);
  return client;
}

/** A customer on the live store page, in a fresh browser profile. */
async function customerPage(context?: BrowserContext): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const ctx = context ?? (await browser.newContext());
  if (!context) contexts.push(ctx);
  const page = await ctx.newPage();
  const errors = watchErrors(page);
  if (process.env.LIVE_DEBUG) page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
  await page.goto(`${site.origin}/`);
  await page.evaluate(() => CHATBOT_SYSTEM.ready);
  return { page, context: ctx, errors };
}

/** Asks the assistant a question, then for a person; resolves the conversation id. */
async function askForPerson(page: Page): Promise<string> {
  const w = widget(page);
  await w.launcher.click();
  await w.panel.waitFor({ state: 'visible' });
  for (const text of ['¿tienen filtro de aceite para Boxer CT100?', 'quiero hablar con un asesor']) {
    const before = await w.botMessages.count();
    await w.input.fill(text);
    await page.keyboard.press('Enter');
    await pollUntil(async () => expect(await w.botMessages.count()).toBeGreaterThan(before), BROWSER_POLL);
  }
  return page.evaluate(() => CHATBOT_SYSTEM.bot.findConversation()!);
}

const messagesOf = (page: Page, conversationId: string): Promise<PortMessage[]> =>
  page.evaluate((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 500 }), conversationId);

const bodyOf = (message: StaffMessage): string => message.body ?? '';

describe('live chat through the store\'s XMPP server', () => {
  it('hands the conversation to staff with its transcript, and the staff reply reaches the customer live', async () => {
    const staff = await staffDevice();
    const { page, errors } = await customerPage();
    const conversationId = await askForPerson(page);

    const invitation = await staff.nextInvitation({ timeoutMs: 15_000 });
    expect(invitation.room).toMatch(new RegExp(`@${server.mucDomain.replace(/\./g, '\\.')}$`));
    await staff.joinRoom(invitation.room, 'Ana');
    const history = await staff.history(invitation.room);
    const transcript = history.map((result) => result.item.message?.body ?? '').find((body) => body.includes('Boxer CT100'));
    expect(transcript).toContain('quiero hablar con un asesor');

    staff.sendText(invitation.room, 'Hola, soy Ana. Sí tenemos el filtro, ¿lo separo?');
    const reply = await pollUntil(async () => {
      const found = (await messagesOf(page, conversationId)).find((m) => m.senderId === 'asesor');
      expect(found).toBeDefined();
      return found!;
    }, BROWSER_POLL);
    expect(reply.content.text).toBe('Hola, soy Ana. Sí tenemos el filtro, ¿lo separo?');
    await pollUntil(async () => expect(await widget(page).panel.innerText()).toContain('soy Ana'), BROWSER_POLL);
    expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.state)).toBe('connected');

    // The customer answers; staff get it once, with the customer's own id as origin-id.
    await widget(page).input.fill('Sí, por favor');
    await page.keyboard.press('Enter');
    const answer = await staff.nextMessage((m) => m.type === 'groupchat' && bodyOf(m) === 'Sí, por favor', { timeoutMs: 10_000 });
    expect(answer.from).toContain(invitation.room);

    // A photo of the part: uploaded to the server's file service (XEP-0363), shared by URL.
    const customerId = await page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);
    await page.evaluate(([id, user]) => {
      const bytes = new Uint8Array(2048).map((_, i) => i % 251);
      const file = new File([bytes], 'filtro-viejo.png', { type: 'image/png' });
      (CHATBOT_SYSTEM.messaging.actAs(user) as unknown as { sendMessage(c: string, input: unknown): unknown }).sendMessage(id, { attachments: [file] });
    }, [conversationId, customerId] as const);
    const photo = await staff.nextMessage((m) => !!m.links?.length, { timeoutMs: 15_000 });
    const url = photo.links![0]!.url!;
    expect(bodyOf(photo)).toBe(url);
    const downloaded = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(downloaded.length).toBe(2048);
    expect(downloaded[300]).toBe(300 % 251);
    expect(errors).toEqual([]);
  }, 90_000);

  it('carries typing, read markers, edits, deletes, reactions and replies both ways', async () => {
    const staff = await staffDevice();
    const { page } = await customerPage();
    const conversationId = await askForPerson(page);
    const { room } = await staff.nextInvitation({ timeoutMs: 15_000 });
    await staff.joinRoom(room, 'Luis');
    const customerId = await page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);

    // Staff → customer: a message, then typing, a correction, a reaction to the customer's message, a retraction.
    const firstId = staff.sendText(room, 'Primera versión');
    const first = await pollUntil(async () => {
      const found = (await messagesOf(page, conversationId)).find((m) => m.content.text === 'Primera versión');
      expect(found).toBeDefined();
      return found!;
    }, BROWSER_POLL);
    staff.sendChatState(room, 'composing');
    await pollUntil(async () => expect(await page.evaluate((id) => CHATBOT_SYSTEM.messaging.getTypingUsers(id), conversationId)).toContain('asesor'), BROWSER_POLL);
    staff.correct(room, firstId, 'Versión corregida');
    await pollUntil(async () => expect((await messagesOf(page, conversationId)).find((m) => m.id === first.id)?.content.text).toBe('Versión corregida'), BROWSER_POLL);

    // Customer → staff: a message staff react to and reply to.
    const mine = await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).sendMessage(id, { text: '¿Cuánto cuesta el envío?' }).id, [conversationId, customerId] as const);
    const echoed = await staff.nextMessage((m) => bodyOf(m) === '¿Cuánto cuesta el envío?', { timeoutMs: 10_000 });
    const stanzaId = echoed.stanzaIds?.find((s) => s.by === room)?.id;
    expect(stanzaId).toBeDefined();
    staff.react(room, stanzaId!, ['👍']);
    await pollUntil(async () => expect(await page.evaluate((id) => CHATBOT_SYSTEM.messaging.getReactionsSummary(id)['👍']?.users, mine)).toEqual(['asesor']), BROWSER_POLL);
    staff.sendText(room, 'Es gratis desde $150.000', { reply: { id: stanzaId!, to: `${room}/x`, quote: '¿Cuánto cuesta el envío?' } });
    await pollUntil(async () => {
      const found = (await messagesOf(page, conversationId)).find((m) => m.content.text === 'Es gratis desde $150.000');
      expect(found?.replyTo).toBe(mine);
    }, BROWSER_POLL);
    staff.markDisplayed(room, stanzaId!);

    // Customer → staff: reaction, reply, edit, delete, read marker.
    const staffMessage = (await messagesOf(page, conversationId)).find((m) => m.content.text === 'Es gratis desde $150.000')!;
    await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).addReaction(id, '🙏'), [staffMessage.id, customerId] as const);
    const reaction = await staff.nextMessage((m) => !!m.reactions?.values?.includes('🙏'), { timeoutMs: 10_000 });
    // A reaction in a room names the message by the room's stanza-id.
    const staffStanzaId = (await staff.history(room)).find((r) => r.item.message?.body?.endsWith('Es gratis desde $150.000'))?.id;
    expect(reaction.reactions?.id).toBe(staffStanzaId);
    const replyId = await page.evaluate(([id, user, to]) => CHATBOT_SYSTEM.messaging.actAs(user).sendMessage(id, { text: 'Perfecto, gracias' }, { replyTo: to }).id, [conversationId, customerId, staffMessage.id] as const);
    const reply = await staff.nextMessage((m) => bodyOf(m).endsWith('Perfecto, gracias'), { timeoutMs: 10_000 });
    expect(reply.reply?.id).toBeTruthy();
    await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).editMessage(id, 'Perfecto, muchas gracias'), [replyId, customerId] as const);
    const correction = await staff.nextMessage((m) => !!m.replace && bodyOf(m) === 'Perfecto, muchas gracias', { timeoutMs: 10_000 });
    expect(correction.replace).toBe(replyId);
    await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).deleteMessage(id), [replyId, customerId] as const);
    await staff.nextMessage((m) => !!m.retract, { timeoutMs: 10_000 });
    await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).markAsRead(id), [conversationId, customerId] as const);
    await staff.nextMessage((m) => !!m.marker && m.marker.type === 'displayed', { timeoutMs: 10_000 });
    await page.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).startTyping(id), [conversationId, customerId] as const);
    await staff.nextMessage((m) => m.chatState === 'composing', { timeoutMs: 10_000 });

    staff.retract(room, (await staff.history(room)).find((r) => r.item.message?.body === 'Versión corregida' || r.item.message?.body === 'Primera versión')!.id);
    await pollUntil(async () => expect((await messagesOf(page, conversationId)).find((m) => m.id === first.id)?.deleted).toBe(true), BROWSER_POLL);
  }, 120_000);

  it('keeps messages written offline in the outbox and sends them once, in order, when the network returns', async () => {
    const staff = await staffDevice();
    const { page, context } = await customerPage();
    const conversationId = await askForPerson(page);
    const { room } = await staff.nextInvitation({ timeoutMs: 15_000 });
    await staff.joinRoom(room, 'Ana');
    const customerId = await page.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.state)).toBe('connected'), BROWSER_POLL);

    await context.setOffline(true);
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.state)).toBe('offline'), BROWSER_POLL);
    await page.evaluate(([id, user]) => {
      const me = CHATBOT_SYSTEM.messaging.actAs(user);
      me.sendMessage(id, { text: 'offline uno' });
      me.sendMessage(id, { text: 'offline dos' });
      return CHATBOT_SYSTEM.flush();
    }, [conversationId, customerId] as const);
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.pending)).toBeGreaterThanOrEqual(2), BROWSER_POLL);
    await pollUntil(async () => expect(await widget(page).panel.innerText()).toMatch(/Sin conexión con el asesor/), BROWSER_POLL);
    await context.setOffline(false);

    const one = await staff.nextMessage((m) => bodyOf(m) === 'offline uno', { timeoutMs: 20_000 });
    const two = await staff.nextMessage((m) => bodyOf(m) === 'offline dos', { timeoutMs: 20_000 });
    expect(staff.received.indexOf(one)).toBeLessThan(staff.received.indexOf(two));
    await pollUntil(async () => expect(await page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.pending)).toBe(0), BROWSER_POLL);
    const archived = (await staff.history(room)).map((r) => r.item.message?.body);
    expect(archived.filter((body) => body === 'offline uno')).toHaveLength(1);
    expect(archived.filter((body) => body === 'offline dos')).toHaveLength(1);
  }, 120_000);

  it('keeps one connection per browser: a second tab takes over when the owner closes, nothing lost or duplicated', async () => {
    const staff = await staffDevice();
    const first = await customerPage();
    const conversationId = await askForPerson(first.page);
    const { room } = await staff.nextInvitation({ timeoutMs: 15_000 });
    await staff.joinRoom(room, 'Ana');
    staff.sendText(room, 'antes de recargar');
    await pollUntil(async () => expect((await messagesOf(first.page, conversationId)).some((m) => m.content.text === 'antes de recargar')).toBe(true), BROWSER_POLL);

    await first.page.reload();
    await first.page.evaluate(() => CHATBOT_SYSTEM.ready);
    const second = await customerPage(first.context);
    await pollUntil(async () => {
      const owners = await Promise.all([first.page, second.page].map((p) => p.evaluate(() => CHATBOT_SYSTEM.liveChat.status.owner)));
      expect(owners.filter(Boolean)).toHaveLength(1);
    }, BROWSER_POLL);
    const ownerPage = (await first.page.evaluate(() => CHATBOT_SYSTEM.liveChat.status.owner)) ? first.page : second.page;
    const otherPage = ownerPage === first.page ? second.page : first.page;
    await ownerPage.close();

    await pollUntil(async () => expect(await otherPage.evaluate(() => CHATBOT_SYSTEM.liveChat.status)).toMatchObject({ owner: true, state: 'connected' }), BROWSER_POLL);
    staff.sendText(room, 'después del cambio de pestaña');
    await pollUntil(async () => expect((await messagesOf(otherPage, conversationId)).some((m) => m.content.text === 'después del cambio de pestaña')).toBe(true), BROWSER_POLL);
    const customerId = await otherPage.evaluate(() => CHATBOT_SYSTEM.bot.customerId!);
    await otherPage.evaluate(([id, user]) => CHATBOT_SYSTEM.messaging.actAs(user).sendMessage(id, { text: 'desde la otra pestaña' }), [conversationId, customerId] as const);
    await staff.nextMessage((m) => bodyOf(m) === 'desde la otra pestaña', { timeoutMs: 10_000 });

    const texts = (await messagesOf(otherPage, conversationId)).map((m) => m.content.text);
    expect(texts.filter((t) => t === 'antes de recargar')).toHaveLength(1);
    expect(texts.filter((t) => t === 'después del cambio de pestaña')).toHaveLength(1);
    const archived = (await staff.history(room)).map((r) => r.item.message?.body);
    expect(archived.filter((body) => body === 'desde la otra pestaña')).toHaveLength(1);
    expect(archived.filter((body) => body?.includes('quiero hablar con un asesor') && body.includes('Boxer'))).toHaveLength(1);

    // A second staff device reads the same history.
    const other = await staffDevice();
    await pollUntil(async () => {
      const [mine, theirs] = await Promise.all([staff.history(room), other.history(room)]);
      expect(theirs.map((r) => r.id)).toEqual(mine.map((r) => r.id));
      expect(theirs.map((r) => r.item.message?.body)).toEqual(expect.arrayContaining(archived));
    }, BROWSER_POLL);
  }, 120_000);
});
