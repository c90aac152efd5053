import { afterEach, describe, expect, it, vi } from 'vitest';
import { explainRetained, selectRetained, type RetentionPolicy } from '../../../src/backup';
import { isoWeek } from '../../../src/backup/retention';
import { storageLevel } from '../../../src/backup/storage-health';
import { createHarness, type Harness } from './helpers';
import { conversationRecord, kvRecord } from '../records';

let harness: Harness | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await harness?.close();
  harness = undefined;
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERIODS: Record<'hourly' | 'daily' | 'weekly' | 'monthly', (d: Date) => string> = {
  hourly: (d) => d.toISOString().slice(0, 13),
  daily: (d) => d.toISOString().slice(0, 10),
  weekly: (d) => isoWeek(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
  monthly: (d) => d.toISOString().slice(0, 7),
};

/**
 * restic's rules restated from their definition: a rule of count n keeps the newest backup of
 * each of the n newest periods that have a backup; `last` keeps the newest n.
 */
function oracleRules(backups: Array<{ id: string; createdAt: number }>, policy: RetentionPolicy): Map<string, string[]> {
  const newest = [...backups].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  const rules = new Map(newest.map((b) => [b.id, [] as string[]]));
  if (!policy.last && !policy.hourly && !policy.daily && !policy.weekly && !policy.monthly) {
    for (const list of rules.values()) list.push('all');
    return rules;
  }
  newest.slice(0, policy.last ?? 0).forEach((b) => rules.get(b.id)!.push('last'));
  for (const rule of ['hourly', 'daily', 'weekly', 'monthly'] as const) {
    const firstOfPeriod = new Map<string, string>();
    for (const b of newest) {
      const period = PERIODS[rule](new Date(b.createdAt));
      if (!firstOfPeriod.has(period)) firstOfPeriod.set(period, b.id);
    }
    [...firstOfPeriod.values()].slice(0, policy[rule]).forEach((id) => rules.get(id)!.push(rule));
  }
  return rules;
}

describe('explainRetained', () => {
  it('names for every backup exactly the rules the restic definition gives, and keeps what selectRetained keeps', () => {
    const next = random(42);
    for (let round = 0; round < 200; round++) {
      const count = Math.floor(next() * 60);
      const start = Date.UTC(2024, 11, 20);
      const backups = Array.from({ length: count }, (_, i) => ({
        id: `bkp_${String(i).padStart(3, '0')}`,
        // Clustered times with some exact ties: several backups per hour, gaps of days.
        createdAt: start + Math.floor(next() * 70) * DAY / 4 + (next() < 0.2 ? 0 : Math.floor(next() * 4) * 900_000),
      }));
      const policy: RetentionPolicy = {
        last: Math.floor(next() * 5),
        hourly: Math.floor(next() * 6),
        daily: Math.floor(next() * 8),
        weekly: Math.floor(next() * 5),
        monthly: Math.floor(next() * 4),
      };
      if (round % 25 === 0) Object.assign(policy, { last: 0, hourly: 0, daily: 0, weekly: 0, monthly: 0 });
      const verdicts = explainRetained(backups, policy, 'utc');
      const expected = oracleRules(backups, policy);
      expect(verdicts.map((v) => v.id).sort()).toEqual(backups.map((b) => b.id).sort());
      for (const verdict of verdicts) {
        expect(verdict.rules, `round ${round}, ${verdict.id}`).toEqual(expected.get(verdict.id));
        expect(verdict.keep).toBe(verdict.rules.length > 0);
      }
      expect(verdicts.filter((v) => v.keep).map((v) => v.id)).toEqual(selectRetained(backups, policy, 'utc'));
    }
  });
});

describe('explainRetention', () => {
  it('previews the next run by rule: the same drops as previewRetention, manual backups kept by their own reason', async () => {
    harness = await createHarness({ autoBackup: { enabled: false, maxBackups: 100 }, retention: { calendar: 'utc' } });
    const { backups, clock } = harness;
    const manual = await backups.createBackup('manual');
    for (let i = 0; i < 30; i++) {
      clock.advance(i % 3 === 0 ? 5 * HOUR : 20 * 60_000);
      await backups.createBackup('auto');
    }
    const policy = { last: 2, hourly: 3, daily: 2, weekly: 1, monthly: 1 };
    const explained = backups.explainRetention(policy);
    const preview = backups.previewRetention(policy);
    expect(explained.entries.map((e) => e.backup.id)).toEqual(backups.listBackups().map((b) => b.id));
    expect(explained.entries.filter((e) => !e.keep).map((e) => e.backup.id)).toEqual(preview.drop.map((b) => b.id));
    expect(explained.dropped).toBe(preview.drop.length);
    expect(explained.kept).toBe(preview.keep.length + 1);
    expect(explained.entries.find((e) => e.backup.id === manual.id)).toMatchObject({ keep: true, rules: ['manual'] });
    expect(explained.policy).toEqual({ ...policy, calendar: 'utc' });
    const autos = backups.listBackups({ type: 'auto' }).map((b) => ({ id: b.id, createdAt: Date.parse(b.createdAt) }));
    const oracle = oracleRules(autos, policy);
    for (const entry of explained.entries.filter((e) => e.backup.type === 'auto')) expect(entry.rules).toEqual(oracle.get(entry.backup.id));
    // Nothing was deleted by asking.
    expect(backups.listBackups()).toHaveLength(31);
    expect(() => backups.explainRetention({ daily: -1 })).toThrowError(/explainRetention/);
  });
});

describe('getRestorableRanges / checkPointInTime', () => {
  it('answers for every minute what restoreToPointInTime does: the base it picks and whether the result is exact', async () => {
    harness = await createHarness({ autoBackup: { enabled: false, maxBackups: 100 } });
    const { backups, clock, storage } = harness;
    const start = clock.now();
    const old = await backups.createBackup('auto');
    clock.advance(40 * DAY); // the journal (30 days) no longer reaches back to `old`
    storage.put('kv', kvRecord('step', 1));
    // A file from elsewhere: imported backups keep their time but never serve as a base.
    const elsewhere = await backups.createBackup('manual', { note: 'elsewhere' });
    const exported = await backups.exportBackup(elsewhere.id);
    backups.deleteBackup(elsewhere.id);
    clock.advance(HOUR);
    const second = await backups.createBackup('manual');
    clock.advance(2 * HOUR);
    const imported = await backups.importBackup(new Blob([await exported.text()]));
    expect(imported.metadata.importedFrom).toBeDefined();
    clock.advance(HOUR);
    const third = await backups.createBackup('auto');
    clock.advance(30 * 60_000);
    const now = clock.now();

    // Oracle: restoreToPointInTime's documented rule, applied minute by minute.
    const own = backups.listBackups().filter((b) => !b.metadata.importedFrom).map((b) => ({ id: b.id, at: Date.parse(b.createdAt) }));
    const limit = now - storage.journal.limits.maxAgeMs;
    const ranges = backups.getRestorableRanges();
    expect(ranges.now).toBe(new Date(now).toISOString());
    expect(ranges.firstBackupAt).toBe(old.createdAt);
    expect(ranges.journalSince).toBe(new Date(limit).toISOString());
    const inRanges = (t: number) => ranges.ranges.find((r) => Date.parse(r.from) <= t && t <= Date.parse(r.to));
    for (let t = start - HOUR; t <= now + HOUR; t += t < now - 5 * HOUR ? DAY / 2 : 60_000) {
      const base = own.filter((b) => b.at <= t).sort((a, b) => b.at - a.at)[0];
      const check = backups.checkPointInTime(t);
      const exact = !!base && t <= now && base.at - 5_000 >= limit;
      expect(check.reachable, new Date(t).toISOString()).toBe(exact);
      expect(inRanges(t)?.backupId).toBe(exact ? base!.id : undefined);
      if (check.reachable) expect(check.backupId).toBe(base!.id);
      else expect(check.reason).toBe(t > now ? 'IN_FUTURE' : !base ? 'BEFORE_FIRST_BACKUP' : 'JOURNAL_EXPIRED');
    }
    expect(ranges.ranges.map((r) => r.backupId)).toEqual([second.id, third.id]);
    expect(ranges.ranges[0]).toMatchObject({ from: second.createdAt, backupCreatedAt: second.createdAt });
    expect(ranges.ranges[1]!.to).toBe(new Date(now).toISOString());

    // The nearest reachable moment of a refused one is a real one.
    const refused = backups.checkPointInTime(Date.parse(second.createdAt) - 60_000);
    expect(refused).toMatchObject({ reachable: false, reason: 'JOURNAL_EXPIRED', nearest: second.createdAt });
    expect(backups.checkPointInTime(now + 1)).toMatchObject({ reachable: false, reason: 'IN_FUTURE', nearest: new Date(now).toISOString() });
    expect(backups.checkPointInTime('not a date')).toMatchObject({ reachable: false, reason: 'INVALID_DATE', at: null });
    expect(() => backups.checkPointInTime({} as never)).toThrowError(/checkPointInTime/);

    // The real restore agrees: a reachable moment is restored exactly from the same base.
    const target = Date.parse(third.createdAt) + 10 * 60_000;
    const check = backups.checkPointInTime(new Date(target));
    expect(check).toMatchObject({ reachable: true, backupId: third.id });
    const result = await backups.restoreToPointInTime(target);
    expect(result.backupId).toBe(third.id);
    expect(result.exact).toContain('indexedDB:chatbot-repuestos-motos/conversations');
  });

  it('says NO_BACKUP when this browser has none, imported ones included', async () => {
    harness = await createHarness();
    const { backups } = harness;
    harness.storage.put('conversations', conversationRecord('conv_1'));
    expect(backups.getRestorableRanges()).toMatchObject({ ranges: [], firstBackupAt: null });
    expect(backups.checkPointInTime(harness.clock.now() - 1000)).toMatchObject({ reachable: false, reason: 'NO_BACKUP', nearest: null });
  });

  it('refuses a moment no Date can hold (Number.MAX_VALUE, -Infinity) with VALIDATION, not a RangeError', async () => {
    harness = await createHarness();
    const { backups } = harness;
    for (const moment of [Number.MAX_VALUE, -Infinity, 8.64e15 + 1]) {
      expect(() => backups.checkPointInTime(moment)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
  });
});

describe('getStorageEstimate', () => {
  it('rates usage against the quota and the size of the next backup', () => {
    const cases: Array<[number | null, number | null, number, string]> = [
      [null, 1000, 10, 'unknown'], [10, 0, 10, 'unknown'], [100, 1000, 10, 'ok'], [799, 1000, 10, 'ok'], [800, 1000, 10, 'warning'],
      [500, 1000, 200, 'warning'], [949, 1000, 10, 'warning'], [950, 1000, 10, 'critical'], [500, 1000, 600, 'critical'],
    ];
    for (const [usage, quota, next, level] of cases) expect(storageLevel(usage, quota, next), `${usage}/${quota} next ${next}`).toBe(level);
  });

  it('reports the browser estimate with what the stored backups take (shared payloads once)', async () => {
    let estimate: () => Promise<{ usage?: number; quota?: number }> = async () => ({ usage: 40_000_000, quota: 50_000_000 });
    harness = await createHarness({}, undefined, { storageManager: { estimate: () => estimate(), persisted: async () => true } });
    const { backups } = harness;
    const first = await backups.createBackup('manual');
    await backups.restoreBackup(first.id); // adds a safety backup and an after-restore record sharing `first`'s payload
    const all = backups.listBackups();
    expect(all).toHaveLength(3);
    const report = await backups.getStorageEstimate();
    const distinct = new Map(all.map((b) => [b.checksum, b.compressedSize]));
    expect(report).toEqual({
      supported: true, usage: 40_000_000, quota: 50_000_000, ratio: 0.8, persisted: true, level: 'warning',
      backupBytes: [...distinct.values()].reduce((a, b) => a + b, 0),
      nextBackupBytes: all[0]!.compressedSize,
    });
    estimate = async () => {
      throw new Error('refused');
    };
    expect(await backups.getStorageEstimate()).toMatchObject({ supported: true, usage: null, quota: null, ratio: null, level: 'unknown' });
  });
});

describe('getCloudStatus', () => {
  it('shows the endpoint without its secrets, the queue and the last upload', async () => {
    const fetch = vi.fn(async (url: string) => new Response(null, { status: url.includes('fail') ? 503 : 200 }));
    vi.stubGlobal('fetch', fetch);
    harness = await createHarness();
    const { backups, clock } = harness;
    expect(await backups.getCloudStatus()).toEqual({ configured: false, endpoint: null, pending: 0, lastUploadAt: null, lastUploadedBackupId: null, uploaded: 0, notUploaded: 0 });
    backups.updateConfig({ cloud: { url: 'https://s3.example.com/bucket/{id}.json?X-Amz-Signature=secret' } });
    const first = await backups.createBackup('manual');
    await harness.idle();
    clock.advance(60_000);
    await backups.syncNow();
    const uploadedAt = backups.getBackup(first.id)!.uploadedAt;
    expect(uploadedAt).toBeDefined();
    backups.updateConfig({ cloud: { url: 'https://s3.example.com/fail/{id}.json' } });
    await backups.createBackup('manual');
    await harness.idle();
    const status = await backups.getCloudStatus();
    expect(status).toEqual({ configured: true, endpoint: 'https://s3.example.com', pending: 1, lastUploadAt: uploadedAt, lastUploadedBackupId: first.id, uploaded: 1, notUploaded: 1 });
    expect(JSON.stringify(status)).not.toContain('secret');
  });
});
