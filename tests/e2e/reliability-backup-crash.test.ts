import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESTORED_RECORD_SCHEMAS } from '../../src/backup/record-schemas';
import { openReady, watchErrors } from './helpers/browser';
import { serveDist, type StaticServer } from './helpers/server';
import { launchKillable, type KillableBrowser } from './reliability/killable-browser';

declare const CHATBOT_SYSTEM: {
  flush(): Promise<void>;
  messaging: {
    setCurrentUser(id: string): void;
    createConversation(participants: string[], options: object): { id: string };
    sendMessage(conversationId: string, content: { text: string }): { id: string };
    deleteMessage(id: string, permanent?: boolean): void;
    getMessages(conversationId: string, options?: { limit?: number }): Array<{ id: string }>;
  };
  backupSystem: {
    createBackup(type: string, metadata?: object): Promise<{ id: string }>;
    restoreToPointInTime(date: number): Promise<unknown>;
    listBackups(): Array<{ id: string; type: string }>;
  };
  storage: {
    getAll(store: string): Promise<Array<Record<string, unknown>>>;
    get(store: string, key: string): Promise<{ blob: Blob } | undefined>;
  };
};
declare function reliabilityStarted(): Promise<void>;

/** Kills during createBackup: 2 in CI, 10 with RELIABILITY_LONG=1 (or exactly RELIABILITY_BACKUP_KILLS). */
const BACKUP_KILLS = Number(process.env.RELIABILITY_BACKUP_KILLS ?? (process.env.RELIABILITY_LONG ? 10 : 2));
/** Kills during restoreToPointInTime: 2 in CI, 10 with RELIABILITY_LONG=1 (or exactly RELIABILITY_PITR_KILLS). */
const PITR_KILLS = Number(process.env.RELIABILITY_PITR_KILLS ?? (process.env.RELIABILITY_LONG ? 10 : 2));

/**
 * The backup list as stored, each listed backup checked as a restore would first check it: its
 * payload is there and its SHA-256 is the recorded checksum. Also the payloads no backup lists.
 */
async function readBackups(): Promise<{ listed: string[]; manual: string[]; stored: string[]; unreadable: string[]; orphanPayloads: string[] }> {
  const listed = CHATBOT_SYSTEM.backupSystem.listBackups();
  const records = (await CHATBOT_SYSTEM.storage.getAll('backups')) as Array<{ id: string; payloadId: string; checksum: string }>;
  const unreadable: string[] = [];
  for (const record of records) {
    const payload = await CHATBOT_SYSTEM.storage.get('backupBlobs', record.payloadId);
    const digest = payload ? new Uint8Array(await crypto.subtle.digest('SHA-256', await payload.blob.arrayBuffer())) : undefined;
    const hex = digest ? [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') : '';
    if (hex !== record.checksum) unreadable.push(record.id);
  }
  const used = new Set(records.map((r) => r.payloadId));
  const payloads = (await CHATBOT_SYSTEM.storage.getAll('backupBlobs')) as Array<{ id: string }>;
  return {
    listed: listed.map((b) => b.id).sort(),
    manual: listed.filter((b) => b.type === 'manual').map((b) => b.id).sort(),
    stored: records.map((r) => r.id).sort(),
    unreadable,
    orphanPayloads: payloads.map((p) => p.id).filter((id) => !used.has(id)),
  };
}

/** Message ids as stored, sorted. */
async function readMessages(): Promise<{ ids: string[] }> {
  const all = await CHATBOT_SYSTEM.storage.getAll('messages');
  return { ids: all.map((m) => m.id as string).sort() };
}

describe('the browser killed (SIGKILL to its process group) during a backup or a point-in-time restore', () => {
  let server: StaticServer;
  let dir: string;
  let current: KillableBrowser | undefined;
  let conversationId = '';
  /** The page open now (the second test goes on in the browser the first one left). */
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await serveDist();
    dir = await mkdtemp(join(tmpdir(), 'chatbot-backup-crash-'));
  });
  afterAll(async () => {
    await current?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Time spent restarting the browser (most of a round). */
  let restartMs = 0;
  async function open(): Promise<{ page: Page; errors: string[] }> {
    const t0 = Date.now();
    await current?.close();
    current = await launchKillable(dir);
    const page = await current.context.newPage();
    const errors = watchErrors(page);
    await openReady(page, `${server.origin}/`);
    restartMs += Date.now() - t0;
    return { page, errors };
  }

  /** Calls `start` in the page (not awaited there) and kills the browser `delayMs` after it began. */
  async function killDuring(page: Page, start: string, arg: unknown, delayMs: number): Promise<void> {
    const killed = new Promise<void>((resolve, reject) => {
      void page
        .exposeBinding('reliabilityStarted', () => {
          setTimeout(() => void current!.kill().then(resolve), delayMs);
        })
        .catch(reject);
    });
    await page.waitForFunction(() => typeof reliabilityStarted === 'function');
    // With a short delay the kill may cut this call before it answers: that is the test working.
    await current!.survive(page.evaluate(
      ({ start, arg }) => {
        const b = CHATBOT_SYSTEM.backupSystem;
        const run = start === 'backup' ? b.createBackup('manual', { trigger: 'crash-test' }) : b.restoreToPointInTime(arg as number);
        void run.catch(() => undefined);
        void reliabilityStarted();
      },
      { start, arg },
    ));
    await killed;
  }

  /** Whole records, a consistent backup list, and the messages the module shows are the stored ones. */
  async function expectConsistent(page: Page, label: string): Promise<Awaited<ReturnType<typeof readBackups>>> {
    const backups = await page.evaluate(readBackups);
    expect(backups.unreadable, `${label}: listed backups whose payload is missing or torn`).toEqual([]);
    expect(backups.listed, `${label}: listBackups() is what is stored`).toEqual(backups.stored);
    for (const record of await page.evaluate(() => CHATBOT_SYSTEM.storage.getAll('messages'))) {
      expect((RESTORED_RECORD_SCHEMAS.messages!['~standard'].validate(record) as { issues?: unknown[] }).issues, `${label}: message ${String(record.id)} whole`).toBeUndefined();
    }
    const stored = (await page.evaluate(readMessages)).ids;
    const shown = await page.evaluate((id) => CHATBOT_SYSTEM.messaging.getMessages(id, { limit: 10_000 }).map((m) => m.id).sort(), conversationId);
    expect(shown, `${label}: the module shows what is stored`).toEqual(stored);
    return backups;
  }

  it(`finds a backup killed half way either listed and readable or not listed, across ${BACKUP_KILLS} kills`, async () => {
    const started = Date.now();
    restartMs = 0;
    ({ page, errors } = await open());
    // 1,000 messages of about 1 KB, so a backup takes long enough to be killed in the middle.
    const durationMs = await page.evaluate(async () => {
      const m = CHATBOT_SYSTEM.messaging;
      m.setCurrentUser('juan');
      const id = m.createConversation(['juan', 'ana'], { name: 'Copias', type: 'direct' }).id;
      for (let i = 0; i < 1000; i++) m.sendMessage(id, { text: `mensaje ${i}: ${'cadena de transmisión '.repeat(45)}` });
      await CHATBOT_SYSTEM.flush();
      (window as unknown as { conv: string }).conv = id;
      const t0 = performance.now();
      await CHATBOT_SYSTEM.backupSystem.createBackup('manual', { trigger: 'timing' });
      return performance.now() - t0;
    });
    conversationId = await page.evaluate(() => (window as unknown as { conv: string }).conv);
    const outcomes: Record<string, number> = { before: 0, after: 0 };
    let orphans = 0;

    for (let round = 0; round < BACKUP_KILLS; round++) {
      const before = await expectConsistent(page, `round ${round} start`);
      const messages = (await page.evaluate(readMessages)).ids;
      // From the first instant to a little past the measured end of a backup.
      await killDuring(page, 'backup', undefined, Math.floor(Math.random() * durationMs * 1.2));
      ({ page, errors } = await open());

      const after = await expectConsistent(page, `round ${round}`);
      // The automatic backup may run too (its first run is due after start-up): only manual ones are counted.
      const added = after.manual.filter((id) => !before.manual.includes(id));
      expect(before.listed.every((id) => after.listed.includes(id)), `round ${round}: no backup lost`).toBe(true);
      expect(added.length, `round ${round}: at most the one new backup`).toBeLessThanOrEqual(1);
      outcomes[added.length === 0 ? 'before' : 'after']!++;
      orphans = after.orphanPayloads.length;
      expect((await page.evaluate(readMessages)).ids, `round ${round}: a backup changes no data`).toEqual(messages);
      expect(errors, `round ${round}: no error after the restart`).toEqual([]);
    }
    // Still works: a backup taken now is listed and readable.
    const last = await page.evaluate(async () => (await CHATBOT_SYSTEM.backupSystem.createBackup('manual', { trigger: 'after-kills' })).id);
    expect((await expectConsistent(page, 'after the kills')).listed).toContain(last);
    console.info(`reliability-backup-crash (createBackup): ${BACKUP_KILLS} kills, ${JSON.stringify(outcomes)}, backup ${Math.round(durationMs)} ms, ${orphans} unlisted payloads left, ${Date.now() - started} ms (${restartMs} ms restarting)`);
  }, 600_000);

  it(`finds a point-in-time restore killed half way done or not done, never half, across ${PITR_KILLS} kills`, async () => {
    const started = Date.now();
    restartMs = 0;
    /** Changes since the last backup: some messages gone for good, some new; returns the moment after them. */
    const change = (round: number, tag: string): Promise<number> =>
      page.evaluate(
        async ({ conversationId, round, tag }) => {
          const m = CHATBOT_SYSTEM.messaging;
          m.setCurrentUser('juan');
          for (const msg of m.getMessages(conversationId, { limit: 40 })) m.deleteMessage(msg.id, true);
          for (let i = 0; i < 40; i++) m.sendMessage(conversationId, { text: `ronda ${round} ${tag} ${i}` });
          await CHATBOT_SYSTEM.flush();
          const at = Date.now();
          // The next change is strictly later than the moment returned.
          while (Date.now() <= at + 2) await new Promise((resolve) => setTimeout(resolve, 1));
          return at;
        },
        { conversationId, round, tag },
      );
    const ids = async (): Promise<string[]> => (await page.evaluate(readMessages)).ids;

    // Timing: one whole point-in-time restore, checked against the state it must give.
    const target0 = await change(-1, 'a');
    const atTarget0 = await ids();
    await change(-1, 'b');
    const durationMs = await page.evaluate(async (at) => {
      const t0 = performance.now();
      await CHATBOT_SYSTEM.backupSystem.restoreToPointInTime(at);
      return performance.now() - t0;
    }, target0);
    // A restore leaves the read models stale unless it reloads the page: the page is reloaded.
    await openReady(page, `${server.origin}/`);
    expect(await ids(), 'an uninterrupted restore gives the state of its moment').toEqual(atTarget0);
    const outcomes: Record<string, number> = { before: 0, restored: 0 };

    for (let round = 0; round < PITR_KILLS; round++) {
      const target = await change(round, 'a');
      const restored = await ids();
      await change(round, 'b');
      const before = await ids();
      const backupsBefore = await expectConsistent(page, `round ${round} start`);
      await killDuring(page, 'pitr', target, Math.floor(Math.random() * durationMs * 1.2));
      ({ page, errors } = await open());

      const after = await ids();
      const whole = after.join() === before.join() ? 'before' : after.join() === restored.join() ? 'restored' : 'torn';
      const minus = (a: string[], b: string[]): number => a.filter((id) => !b.includes(id)).length;
      const diff = `+${minus(after, before)}/-${minus(before, after)} from before, +${minus(after, restored)}/-${minus(restored, after)} from the moment`;
      const triggers = whole === 'torn' ? await page.evaluate(() => CHATBOT_SYSTEM.backupSystem.listBackups().map((b) => `${b.type}:${String((b as { metadata?: { trigger?: unknown } }).metadata?.trigger)}`)) : [];
      expect(whole, `round ${round}: ${after.length} messages, ${before.length} before, ${restored.length} at the moment (${diff}; backups ${triggers.join(', ')})`).not.toBe('torn');
      outcomes[whole]!++;
      const backups = await expectConsistent(page, `round ${round}`);
      // A finished restore applies retention to automatic backups: only manual ones must stay.
      expect(backupsBefore.manual.every((id) => backups.listed.includes(id)), `round ${round}: no manual backup lost`).toBe(true);
      const notices = errors.filter((e) => /the restore of backup \S+ was interrupted/.test(e));
      expect(notices.length, `round ${round}: an interrupted restore is reported at most once`).toBeLessThanOrEqual(1);
      expect(errors.filter((e) => !notices.includes(e)), `round ${round}: no other error after the restart`).toEqual([]);
    }
    console.info(`reliability-backup-crash (restoreToPointInTime): ${PITR_KILLS} kills, ${JSON.stringify(outcomes)}, restore ${Math.round(durationMs)} ms, ${Date.now() - started} ms (${restartMs} ms restarting)`);
  }, 600_000);
});
