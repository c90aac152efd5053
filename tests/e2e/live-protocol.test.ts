import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type RunningProsody } from '../../scripts/prosody/prosody.mjs';
import type { LiveEvent } from '../../src/live-chat/protocol/live-event';
import { launchBrowser, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { randomName } from '../live/live-fixtures';
import { createStaffClient, type StaffClient, type StaffMessage } from '../live/staff-client';
import { xssPayloads } from '../unit/live-chat/xml-fixture';

// The widget's protocol layer (Strophe, in headless Chromium) against the real Prosody, with
// staff on a different XMPP library (stanza, in Node): if both understand each other, the wire
// format is standard XMPP.

let server: RunningProsody;
let site: StaticServer;
let browser: Browser;
let siteDir: string;
let queueJid: string;
let queuePassword: string;
let bundleGzipBytes = 0;
const staffClients: StaffClient[] = [];

async function buildProtocolPage(dir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: 'tests/e2e/live/protocol-page.ts', formats: ['es'], fileName: () => 'protocol-page.js' },
    },
  });
  await writeFile(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>live protocol</title><link rel="icon" href="data:,"><script type="module" src="/protocol-page.js"></script>');
  bundleGzipBytes = gzipSync(await readFile(join(dir, 'protocol-page.js'))).length;
}

beforeAll(async () => {
  // The firewall's limits have their own tests (live-server.test.ts); here one customer sends
  // faster than a person types (the latency loop), so its budgets are widened.
  server = await startProsody({ config: { archiveStorage: 'memory', policy: { joinRate: 10, joinBurstSeconds: 10, sessionRate: 100, sessionBurstSeconds: 10 } } });
  queuePassword = randomName('staff');
  queueJid = await server.createStaff('queue', queuePassword);
  siteDir = await mkdtemp(join(tmpdir(), 'chatbot-live-page-'));
  await buildProtocolPage(siteDir);
  site = await serveDist({ root: siteDir });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await Promise.all(staffClients.map((client) => client.stop().catch(() => undefined)));
  await browser?.close();
  await site?.close();
  await server?.stop();
  if (siteDir) await rm(siteDir, { recursive: true, force: true });
  console.log(`protocol layer + Strophe + zod/mini bundle: ${(bundleGzipBytes / 1024).toFixed(1)} KB gzip`);
});

interface Customer {
  page: Page;
  errors: string[];
  jid: string;
  room: string;
}

/** A customer page: registers a throwaway account, connects, opens its room and invites the queue. */
async function openCustomer(options: { invite?: string; streamManagement?: boolean; keepAliveMs?: number } = {}): Promise<Customer> {
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  await page.goto(site.origin);
  await page.waitForFunction(() => window.live !== undefined);
  const jid = await page.evaluate(
    ([service, domain, sm, keepAliveMs]) => window.live.start(service, domain, { streamManagement: sm, keepAliveMs }),
    [server.wsUrl, server.customerDomain, options.streamManagement ?? true, options.keepAliveMs ?? 0] as const,
  );
  const room = `${randomName('conv')}@${server.mucDomain}`;
  await page.evaluate(async ([room, invite]) => {
    const connection = window.live.connection;
    if (!connection) throw new Error('not connected');
    await connection.openConversationRoom(room, 'cliente', { name: 'Consulta' });
    if (invite) connection.invite(room, invite, 'Un cliente pide un asesor');
  }, [room, options.invite ?? ''] as const);
  return { page, errors, jid, room };
}

/** A staff session; invitations reach the sessions online when they are sent (or the next one, if none is). */
async function newStaff(): Promise<StaffClient> {
  const client = await createStaffClient({ service: server.wsUrl, jid: queueJid, password: queuePassword });
  staffClients.push(client);
  return client;
}

/** Waits until the page has an event matching `match` (a partial LiveEvent) and returns it. */
async function pageEvent(page: Page, match: Record<string, unknown>): Promise<LiveEvent> {
  const handle = await page.waitForFunction(
    (wanted) => window.live.events.find((event) => Object.entries(wanted).every(([key, value]) => JSON.stringify((event as Record<string, unknown>)[key]) === JSON.stringify(value))),
    match,
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as LiveEvent;
}

async function send(page: Page, builder: string, input: Record<string, unknown>): Promise<string> {
  return page.evaluate(
    ([name, fields]) => {
      const id = window.live.newId();
      const make = window.live.builders[name as keyof typeof window.live.builders] as (input: unknown) => Parameters<NonNullable<typeof window.live.connection>['send']>[0];
      window.live.connection?.send(make({ ...fields, id }));
      return id;
    },
    [builder, input] as const,
  );
}

const byRoom = (room: string) => (message: StaffMessage): boolean => message.from?.startsWith(`${room}/`) === true;
const stanzaIdBy = (message: StaffMessage, room: string): string => message.stanzaIds?.find((id) => id.by === room)?.id ?? '';

describe('live chat protocol layer (Strophe in Chromium ↔ Prosody ↔ stanza in Node)', () => {
  it('a new customer registers, opens its room and invites staff, who get the transcript and answer live', async () => {
    const customer = await openCustomer({ invite: queueJid });
    expect(customer.jid).toMatch(new RegExp(`^c[a-z0-9]{20}@${server.customerDomain.replace(/\./g, '\\.')}/`));
    const transcript = 'Cliente: ¿tienen filtro de aceite para Boxer CT100?\nAsistente: Sí, FO-123.\nCliente: quiero un asesor';
    await send(customer.page, 'buildTextMessage', { to: customer.room, type: 'groupchat', text: transcript });

    const staff = await newStaff();
    const invitation = await staff.nextInvitation();
    expect(invitation).toMatchObject({ room: customer.room, reason: 'Un cliente pide un asesor' });
    await staff.joinRoom(customer.room, 'Ana');
    expect((await staff.history(customer.room)).map((r) => r.item.message?.body).filter(Boolean)).toEqual([transcript]);

    staff.sendText(customer.room, 'Hola, soy Ana: sí lo tenemos.');
    const reply = await pageEvent(customer.page, { type: 'message', text: 'Hola, soy Ana: sí lo tenemos.' });
    expect(reply).toMatchObject({ conversation: customer.room, nick: 'Ana', delayed: false, markable: true });
    expect(reply.stanzaId).toBeTruthy();
    expect(customer.errors).toEqual([]);
  });

  it('carries typing, read markers, edits, deletes, reactions and replies in both directions', async () => {
    const staff = await newStaff();
    const customer = await openCustomer({ invite: queueJid });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    const room = { to: customer.room, type: 'groupchat' };

    // Customer → staff.
    const questionId = await send(customer.page, 'buildTextMessage', { ...room, text: '¿Cadena 428H?' });
    const question = await staff.nextMessage((m) => byRoom(customer.room)(m) && m.body === '¿Cadena 428H?');
    expect(question.originId).toBe(questionId);
    const questionSid = stanzaIdBy(question, customer.room);
    await page(customer).chatState('composing');
    expect((await staff.nextMessage((m) => byRoom(customer.room)(m) && !!m.chatState)).chatState).toBe('composing');
    await send(customer.page, 'buildCorrection', { ...room, targetId: questionId, text: '¿Cadena 428H reforzada?' });
    expect((await staff.nextMessage((m) => m.replace === questionId)).body).toBe('¿Cadena 428H reforzada?');

    const answerId = staff.sendText(customer.room, 'Sí, $38.000');
    const answer = await pageEvent(customer.page, { type: 'message', text: 'Sí, $38.000' });
    await send(customer.page, 'buildDisplayed', { ...room, targetId: answer.stanzaId });
    expect((await staff.nextMessage((m) => m.marker?.type === 'displayed')).marker).toEqual({ type: 'displayed', id: answer.stanzaId });
    await send(customer.page, 'buildReactions', { ...room, targetId: answer.stanzaId, emojis: ['👍'] });
    expect((await staff.nextMessage((m) => !!m.reactions)).reactions).toEqual({ id: answer.stanzaId, values: ['👍'] });
    await send(customer.page, 'buildTextMessage', { ...room, text: 'Perfecto', replyTo: { id: answer.stanzaId, to: `${customer.room}/Ana`, quote: 'Sí, $38.000' } });
    const customerReply = await staff.nextMessage((m) => !!m.reply);
    expect(customerReply.reply).toEqual({ id: answer.stanzaId, to: `${customer.room}/Ana` });
    const ownMessageId = await send(customer.page, 'buildTextMessage', { ...room, text: 'mensaje por error' });
    const own = await pageEvent(customer.page, { type: 'message', originId: ownMessageId });
    await send(customer.page, 'buildRetraction', { ...room, targetId: own.stanzaId });
    expect((await staff.nextMessage((m) => !!m.retract)).retract).toBe(own.stanzaId);

    // Staff → customer.
    staff.sendChatState(customer.room, 'composing');
    await pageEvent(customer.page, { type: 'chat-state', nick: 'Ana', state: 'composing' });
    staff.markDisplayed(customer.room, questionSid);
    await pageEvent(customer.page, { type: 'receipt', receipt: 'displayed', targetId: questionSid });
    staff.correct(customer.room, answerId, 'Sí, $36.000 (promo)');
    await pageEvent(customer.page, { type: 'correction', targetId: answerId, text: 'Sí, $36.000 (promo)' });
    staff.react(customer.room, questionSid, ['🏍️', '✅']);
    await pageEvent(customer.page, { type: 'reaction', targetId: questionSid, emojis: ['🏍️', '✅'] });
    staff.sendText(customer.room, 'Te la envío hoy', { reply: { id: questionSid, to: `${customer.room}/cliente`, quote: '¿Cadena 428H?' } });
    await pageEvent(customer.page, { type: 'message', text: 'Te la envío hoy', replyTo: { id: questionSid, to: `${customer.room}/cliente` } });
    staff.retract(customer.room, stanzaIdBy(await staff.nextMessage((m) => m.body === 'Sí, $38.000'), customer.room));
    await pageEvent(customer.page, { type: 'retraction', targetId: answer.stanzaId });
    expect(customer.errors).toEqual([]);
  });

  function page(customer: Customer) {
    return {
      chatState: (state: string) =>
        customer.page.evaluate(
          ([to, state]) => window.live.connection?.send(window.live.builders.buildChatState({ to, type: 'groupchat', state: state as 'composing' })),
          [customer.room, state] as const,
        ),
    };
  }

  it('pages through the room archive with RSM, in order, without duplicates', async () => {
    const staff = await newStaff();
    const customer = await openCustomer({ invite: queueJid });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    for (let i = 0; i < 45; i++) staff.sendText(customer.room, `historial ${i}`);
    await pageEvent(customer.page, { type: 'message', text: 'historial 44' });
    const texts = await customer.page.evaluate(async (room) => {
      const events = (await window.live.connection?.fetchArchive({ archive: room, max: 10 })) ?? [];
      return events.flatMap((event) => (event.type === 'message' ? [event.text] : []));
    }, customer.room);
    expect(texts).toEqual(Array.from({ length: 45 }, (_, i) => `historial ${i}`));
  });

  it('resumes the stream after a dropped socket and receives what staff wrote meanwhile, once', async () => {
    const staff = await newStaff();
    const customer = await openCustomer({ invite: queueJid });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    await customer.page.evaluate(() => window.live.dropSocket());
    staff.sendText(customer.room, 'escrito durante el corte');
    await customer.page.waitForFunction(() => window.live.statuses.some((s) => s.status === 'connected' && s.resumed === true), undefined, { timeout: 10_000 });
    await pageEvent(customer.page, { type: 'message', text: 'escrito durante el corte' });
    staff.sendText(customer.room, 'después del corte');
    await pageEvent(customer.page, { type: 'message', text: 'después del corte' });
    const copies = await customer.page.evaluate(() => window.live.events.filter((e) => e.type === 'message' && e.text === 'escrito durante el corte').length);
    expect(copies).toBe(1);
    expect(await customer.page.evaluate(() => window.live.statuses.map((s) => s.status))).toEqual(['connecting', 'connected', 'reconnecting', 'reconnecting', 'connected']);
  });

  it('notices a socket that went silent without closing, drops it and resumes the stream, losing nothing', async () => {
    const staff = await newStaff();
    // 400 ms instead of 20 s: the same rule, a dead connection noticed within three intervals.
    const customer = await openCustomer({ invite: queueJid, keepAliveMs: 400 });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    await customer.page.evaluate(() => window.live.silenceSocket());
    const silenced = Date.now();
    staff.sendText(customer.room, 'escrito con la red muda');
    await customer.page.waitForFunction(() => window.live.statuses.some((s) => s.status === 'reconnecting'), undefined, { timeout: 10_000 });
    const noticedMs = Date.now() - silenced;
    await customer.page.waitForFunction(() => window.live.statuses.some((s) => s.status === 'connected' && s.resumed === true), undefined, { timeout: 10_000 });
    await pageEvent(customer.page, { type: 'message', text: 'escrito con la red muda' });
    staff.sendText(customer.room, 'y después');
    await pageEvent(customer.page, { type: 'message', text: 'y después' });
    const copies = await customer.page.evaluate(() => window.live.events.filter((e) => e.type === 'message' && e.text === 'escrito con la red muda').length);
    expect(copies).toBe(1);
    // One to three intervals of silence (a ping, then its missing answer), plus scheduling.
    expect(noticedMs).toBeGreaterThanOrEqual(300);
    expect(noticedMs).toBeLessThan(3_000);
    expect(customer.errors).toEqual([]);
  });

  it('keeps hostile text as text, and reports and drops a malformed stanza', async () => {
    const staff = await newStaff();
    const customer = await openCustomer({ invite: queueJid });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    const payloads = xssPayloads().filter((_, i) => i % 200 === 0);
    for (const payload of payloads) staff.sendText(customer.room, payload);
    staff.agent.sendMessage({ to: customer.room, type: 'groupchat', body: 'mira', links: [{ url: 'javascript:alert(1)' }] });
    staff.sendText(customer.room, 'fin');
    await pageEvent(customer.page, { type: 'message', text: 'fin' });
    const received = await customer.page.evaluate(() => window.live.events.flatMap((e) => (e.type === 'message' && e.nick === 'Ana' ? [e.text] : [])));
    expect(received).toEqual([...payloads, 'fin']);
    const invalid = await customer.page.evaluate(() => window.live.invalid);
    expect(invalid).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^message: attachment\.url/) })]);
    expect(customer.errors).toEqual([]);
  });

  it('measures the round trip customer → staff → customer through the real server', async () => {
    const staff = await newStaff();
    const customer = await openCustomer({ invite: queueJid });
    await staff.nextInvitation();
    await staff.joinRoom(customer.room, 'Ana');
    staff.agent.on('groupchat', (message) => {
      if (message.from === `${customer.room}/cliente` && message.body?.startsWith('ping ')) staff.sendText(customer.room, `pong ${message.body.slice(5)}`);
    });
    const samples = await customer.page.evaluate(async (room) => {
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        const start = performance.now();
        const done = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no pong ${i} (${JSON.stringify(window.live.events.slice(-2))})`)), 5_000);
          const stop = window.live.connection?.on('event', (event) => {
            if (event.type === 'message' && event.text === `pong ${i}`) {
              clearTimeout(timer);
              stop?.();
              resolve();
            }
          });
        });
        window.live.connection?.send(window.live.builders.buildTextMessage({ to: room, type: 'groupchat', id: window.live.newId(), text: `ping ${i}` }));
        await done;
        times.push(performance.now() - start);
      }
      return times;
    }, customer.room);
    // The first rounds warm up JIT and sockets; the figure is about the steady state.
    const sorted = samples.slice(10).sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
    console.log(`round trip customer → staff → customer (localhost, n=${sorted.length}): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`);
    expect(at(0.95)).toBeLessThan(250);
  });
});
