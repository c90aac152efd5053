import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { MessagingModule } from '../../src/messaging/messaging';
import { launchProfile, openReady, watchErrors, type Profile } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { shownState, storedEventIds, storedState } from './reliability/read-state';
import { BROWSER_POLL, pollUntil } from '../shared/poll';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  idle(): Promise<void>;
  messaging: MessagingModule;
  pushNotifications: {
    send(title: string, options?: object): Promise<{ id: string }>;
    getNotifications(): Array<{ id: string }>;
    markAsRead(id: string): unknown;
    deleteNotification(id: string): boolean;
  };
  realtimeAnalytics: { track(event: string, properties?: object): { messageId: string } | null };
  backupSystem: { createBackup(type: string): Promise<{ id: string }> };
};

/** Mutations per tab: 150 in CI, 1,000 with RELIABILITY_LONG=1 (or exactly RELIABILITY_OPS). */
const OPS = Number(process.env.RELIABILITY_OPS ?? (process.env.RELIABILITY_LONG ? 1000 : 150));
const USERS = ['juan', 'ana', 'luis'] as const;
const EVENT = 'reliability_op';

/** What one tab did and saw acknowledged (its calls returned and a later flush resolved). */
interface TabLog {
  sent: Array<{ id: string; text: string }>;
  edits: Array<{ id: string; text: string }>;
  softDeleted: string[];
  permanentlyDeleted: string[];
  /** `messageId|emoji` → whether this tab's user's reaction is on after its last toggle. */
  reactions: Record<string, boolean>;
  notificationsSent: string[];
  notificationsRead: string[];
  notificationsDeleted: string[];
  events: string[];
  backupId: string | null;
  /** Calls refused because another tab got there first, by error code. */
  refused: Record<string, number>;
  counts: Record<string, number>;
}

/**
 * One tab's burst: `ops` random mutations over every module (seeded, so a failure replays), all
 * acting on the same conversation and the same recent messages as the other tabs. It flushes
 * after every one to four mutations, which lets the other tabs' broadcasts in between.
 */
function burst({ conversationId, ops, seed, tab, user, backupAt }: { conversationId: string; ops: number; seed: number; tab: number; user: string; backupAt: number }): Promise<TabLog> {
  let state = seed >>> 0;
  const rng = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T,>(list: readonly T[]): T | undefined => (list.length === 0 ? undefined : list[Math.floor(rng() * list.length)]);
  const system = CHATBOT_SYSTEM;
  const m = system.messaging;
  const me = m.actAs(user);
  const log: TabLog = {
    sent: [], edits: [], softDeleted: [], permanentlyDeleted: [], reactions: {}, notificationsSent: [], notificationsRead: [], notificationsDeleted: [], events: [], backupId: null, refused: {}, counts: {},
  };
  const recent = (): string[] => m.getMessages(conversationId, { limit: 40 }).filter((msg) => !msg.deleted).map((msg) => msg.id);
  const count = (what: string): void => {
    log.counts[what] = (log.counts[what] ?? 0) + 1;
  };
  return (async () => {
    let untilFlush = 1;
    for (let i = 0; i < ops; i++) {
      const r = rng();
      try {
        if (i === backupAt) {
          log.backupId = (await system.backupSystem.createBackup('manual')).id;
          count('backup');
        } else if (r < 0.22) {
          const text = `tab ${tab} mensaje ${i}: cadena 428H para la Pulsar`;
          const replyTo = rng() < 0.1 ? pick(recent()) : undefined;
          log.sent.push({ id: m.sendMessage(conversationId, { text }, replyTo ? { replyTo } : {}).id, text });
          count('send');
        } else if (r < 0.37) {
          const id = pick(recent());
          if (id) {
            const text = `tab ${tab} edición ${i}`;
            m.editMessage(id, text);
            log.edits.push({ id, text });
            count('edit');
          }
        } else if (r < 0.45) {
          const id = pick(recent());
          if (id) {
            m.deleteMessage(id);
            log.softDeleted.push(id);
            count('soft delete');
          }
        } else if (r < 0.49) {
          const id = pick(m.getMessages(conversationId, { limit: 40 }).map((msg) => msg.id));
          if (id) {
            m.deleteMessage(id, true);
            log.permanentlyDeleted.push(id);
            count('permanent delete');
          }
        } else if (r < 0.7) {
          const id = pick(recent());
          const emoji = pick(['👍', '❤️', '😂'])!;
          if (id) {
            log.reactions[`${id}|${emoji}`] = me.addReaction(id, emoji);
            count('reaction');
          }
        } else if (r < 0.8) {
          log.notificationsSent.push((await system.pushNotifications.send(`Pedido ${tab}-${i} enviado`, { category: 'orders', body: `Detalle ${i}` })).id);
          count('notification');
        } else if (r < 0.84) {
          const id = pick(system.pushNotifications.getNotifications().map((n) => n.id));
          if (id) {
            system.pushNotifications.markAsRead(id);
            log.notificationsRead.push(id);
            count('notification read');
          }
        } else if (r < 0.88) {
          const id = pick(log.notificationsSent.filter((n) => !log.notificationsDeleted.includes(n)));
          if (id && system.pushNotifications.deleteNotification(id)) {
            log.notificationsDeleted.push(id);
            count('notification delete');
          }
        } else {
          const event = system.realtimeAnalytics.track('reliability_op', { tab, i });
          if (event) log.events.push(event.messageId);
          count('event');
        }
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
        // Another tab deleted the target first: refused, and nothing changed.
        if (code !== 'NOT_FOUND' && code !== 'CONFLICT') throw error;
        log.refused[code] = (log.refused[code] ?? 0) + 1;
      }
      if (--untilFlush === 0) {
        await system.flush();
        untilFlush = 1 + Math.floor(rng() * 4);
      }
    }
    await system.flush();
    return log;
  })();
}

/** The state every tab and the stores must end in, from what the tabs were told succeeded. */
function expectations(logs: TabLog[]) {
  const gone = new Set(logs.flatMap((l) => l.permanentlyDeleted));
  const deleted = new Set(logs.flatMap((l) => l.softDeleted));
  const edits = new Map<string, Set<string>>();
  for (const { id, text } of logs.flatMap((l) => l.edits)) edits.set(id, (edits.get(id) ?? new Set()).add(text));
  const notificationsGone = new Set(logs.flatMap((l) => l.notificationsDeleted));
  return { gone, deleted, edits, notificationsGone };
}

describe('three tabs interleaving mutations across every module', () => {
  let server: StaticServer;
  let profile: Profile;
  let tabs: Page[];
  let conversationId: string;
  let logs: TabLog[];
  const errors: string[][] = [];

  beforeAll(async () => {
    server = await serveDist();
    profile = await launchProfile();
    tabs = await Promise.all(USERS.map(() => profile.context.newPage()));
    for (const tab of tabs) {
      errors.push(watchErrors(tab));
      await openReady(tab, `${server.origin}/`);
      await tab.evaluate(() => CHATBOT_SYSTEM.messaging.setCurrentUser('juan'));
    }
  }, 60_000);
  afterAll(async () => {
    await profile?.dispose();
    await server?.close();
  });

  it(`runs ${OPS} mutations in each of three tabs at once, every acknowledged one kept exactly once`, async () => {
    const started = Date.now();
    conversationId = await tabs[0]!.evaluate(async (users) => {
      const m = CHATBOT_SYSTEM.messaging;
      const conversation = m.createConversation([...users], { name: 'Taller', type: 'group' });
      for (let i = 0; i < 30; i++) m.sendMessage(conversation.id, { text: `inicial ${i}: ¿tienen pastillas de freno?` });
      await CHATBOT_SYSTEM.flush();
      return conversation.id;
    }, [...USERS]);
    for (const tab of tabs) await tab.waitForFunction((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 100 }).length === 30, conversationId);

    logs = await Promise.all(
      tabs.map((tab, index) => tab.evaluate(burst, { conversationId, ops: OPS, seed: 1000 + index, tab: index, user: USERS[index]!, backupAt: index === 1 ? Math.floor(OPS / 2) : -1 })),
    );
    const totals = logs.map((l) => l.counts);
    console.info(`reliability-tabs: ${OPS} mutations × 3 tabs in ${Date.now() - started} ms`, JSON.stringify(totals), JSON.stringify(logs.map((l) => l.refused)));
    expect(logs[1]!.backupId).not.toBeNull();
  }, 600_000);

  /** Checks one reading of the state against what the tabs were told succeeded. */
  function checkAgainstLogs(state: Awaited<ReturnType<typeof shownState>>): void {
    const { gone, deleted, edits, notificationsGone } = expectations(logs);
    const byId = new Map(state.messages.map((msg) => [msg.id, msg]));
    expect(byId.size, 'no message twice').toBe(state.messages.length);
    for (const { id, text } of logs.flatMap((l) => l.sent)) {
      if (gone.has(id)) continue;
      const message = byId.get(id);
      expect(message, `sent message ${id} kept`).toBeDefined();
      if (!message!.deleted && !edits.has(id)) expect(message!.text).toBe(text);
    }
    for (const id of gone) expect(byId.has(id), `permanently deleted ${id} stays gone`).toBe(false);
    for (const id of deleted) if (byId.has(id)) expect(byId.get(id)!.deleted, `deleted ${id} not resurrected`).toBe(true);
    for (const message of state.messages) {
      if (message.deleted) continue;
      const texts = edits.get(message.id);
      if (texts) expect([...texts], `${message.id} shows one of its edits`).toContain(message.text);
    }
    const reactions = new Set(state.reactions);
    logs.forEach((log, tab) => {
      for (const [key, on] of Object.entries(log.reactions)) {
        const [messageId] = key.split('|');
        const message = byId.get(messageId!);
        if (!message || message.deleted) continue;
        expect(reactions.has(`${key}|${USERS[tab]}`), `reaction ${key} of ${USERS[tab]}`).toBe(on);
      }
    });
    for (const r of state.reactions) expect(byId.get(r.split('|')[0]!)?.deleted, `reaction ${r} on a live message`).toBe(false);
    const notifications = new Map(state.notifications.map((n) => [n.id, n]));
    expect(notifications.size, 'no notification twice').toBe(state.notifications.length);
    for (const id of logs.flatMap((l) => l.notificationsSent)) expect(notifications.has(id), `notification ${id}`).toBe(!notificationsGone.has(id));
    for (const id of logs.flatMap((l) => l.notificationsRead)) if (notifications.has(id)) expect(notifications.get(id)!.read).toBe(true);
    for (const l of logs) if (l.backupId) expect(state.backups).toContain(l.backupId);
  }

  /** All tabs show the same as each other, as the stores, and as the tabs were told. */
  async function expectAgreement(pages: Page[]): Promise<void> {
    const shown = await pollUntil(async () => {
      // idle(): the work the tabs begin on their own (an automatic backup) is done too.
      await Promise.all(pages.map((page) => page.evaluate(() => CHATBOT_SYSTEM.idle())));
      const states = await Promise.all(pages.map((page) => page.evaluate(shownState, conversationId)));
      for (const state of states.slice(1)) expect(state).toEqual(states[0]);
      const { orphanReactions, ...stored } = await pages[0]!.evaluate(storedState, conversationId);
      expect(orphanReactions, 'no reaction of a deleted message stored').toEqual([]);
      const { messages, reactions, notifications, backups } = states[0]!;
      expect(stored).toEqual({ messages, reactions, notifications, backups });
      return states[0]!;
    }, BROWSER_POLL);
    checkAgainstLogs(shown);
    const events = await pages[0]!.evaluate(storedEventIds, EVENT);
    expect(events).toEqual(logs.flatMap((l) => l.events).sort());
  }

  it('ends with every tab, IndexedDB and the exports agreeing', async () => {
    await expectAgreement(tabs);
    expect(errors.flat()).toEqual([]);
  }, 120_000);

  it('agrees again after a fresh page opens and every tab reloads: nothing lost, duplicated, orphaned or resurrected', async () => {
    const fresh = await profile.context.newPage();
    errors.push(watchErrors(fresh));
    await openReady(fresh, `${server.origin}/`);
    // An automatic backup may land meanwhile: the rest must be the same, the backups only grow.
    const withoutBackups = ({ backups, ...rest }: Awaited<ReturnType<typeof shownState>>) => ({ rest, backups });
    const before = await pollUntil(async () => {
      const [left, right] = [withoutBackups(await tabs[0]!.evaluate(shownState, conversationId)), withoutBackups(await fresh.evaluate(shownState, conversationId))];
      expect(right).toEqual(left);
      return left;
    }, BROWSER_POLL);
    for (const tab of tabs) {
      await tab.reload();
      await openReady(tab, `${server.origin}/`);
    }
    await expectAgreement([...tabs, fresh]);
    const after = withoutBackups(await fresh.evaluate(shownState, conversationId));
    expect(after.rest).toEqual(before.rest);
    expect(after.backups).toEqual(expect.arrayContaining(before.backups));
    expect(errors.flat()).toEqual([]);
  }, 120_000);
});
