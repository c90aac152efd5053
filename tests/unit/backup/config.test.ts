import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { parseBackupConfig } from '../../../src/backup/config';
import { createHarness, type Harness } from './helpers';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('backup config', () => {
  it('has the seed defaults', () => {
    const config = parseBackupConfig({});
    expect(config.autoBackup).toMatchObject({ enabled: true, interval: 3_600_000, maxBackups: 10, compressionEnabled: true });
    expect(config.retention).toMatchObject({ hourly: 24, daily: 7, weekly: 4, monthly: 12 });
    expect(config.includedData).toEqual(['localStorage', 'sessionStorage', 'indexedDB', 'cart', 'wishlist', 'orders', 'conversations', 'notifications']);
    expect(config.dataKeys.cart).toEqual(['repuestos-motos:cart']);
  });

  it('refuses a negative interval and changes nothing', async () => {
    harness = await createHarness();
    const before = JSON.stringify(harness.backups.config);
    let error: unknown;
    try {
      harness.backups.updateConfig({ autoBackup: { interval: -1 } });
    } catch (e) {
      error = e;
    }
    expect(isChatbotError(error, 'VALIDATION')).toBe(true);
    expect(String((error as Error).message)).toMatch(/autoBackup\.interval/);
    expect(JSON.stringify(harness.backups.config)).toBe(before);
  });

  it('refuses unknown keys, unknown data sources and bad cloud URLs', async () => {
    harness = await createHarness();
    expect(() => harness!.backups.updateConfig({ retention: { hourli: 3 } } as never)).toThrowError(/hourli/);
    expect(() => harness!.backups.updateConfig({ includedData: ['everything'] } as never)).toThrowError(/includedData/);
    expect(() => harness!.backups.updateConfig({ cloud: { url: 'ftp://x' } })).toThrowError(/cloud\.url/);
    expect(() => harness!.backups.updateConfig('nope' as never)).toThrowError(/VALIDATION|Invalid input/);
  });

  it('refuses updateConfig(undefined) and updateConfig(null) with VALIDATION and keeps the config', async () => {
    harness = await createHarness({ retention: { daily: 3 } });
    const before = JSON.stringify(harness.backups.config);
    for (const bad of [undefined, null]) {
      expect(() => harness!.backups.updateConfig(bad as never)).toThrowError(expect.objectContaining({ code: 'VALIDATION' }) as Error);
    }
    expect(JSON.stringify(harness.backups.config)).toBe(before);
    await harness.storage.flush();
    expect(await harness.storage.get('kv', 'backup:config')).toBeUndefined();
  });

  it('applies the seed retention example, keeps the rest, and persists it for the next start', async () => {
    harness = await createHarness();
    harness.backups.updateConfig({ retention: { hourly: 48, daily: 14, weekly: 8, monthly: 24 } });
    expect(harness.backups.config.retention).toMatchObject({ hourly: 48, daily: 14, weekly: 8, monthly: 24 });
    expect(harness.backups.config.autoBackup.maxBackups).toBe(10);
    await harness.storage.flush();
    const record = await harness.storage.get('kv', 'backup:config');
    expect(record?.overrides).toEqual({ retention: { hourly: 48, daily: 14, weekly: 8, monthly: 24 } });
  });

  it('lets the seed assign a field directly: config.autoBackup.compressionEnabled = true', async () => {
    harness = await createHarness({ autoBackup: { enabled: false, compressionEnabled: false } });
    harness.backups.config.autoBackup.compressionEnabled = true;
    expect(harness.backups.config.autoBackup.compressionEnabled).toBe(true);
    expect(() => {
      harness!.backups.config.autoBackup.interval = -5;
    }).toThrowError(/interval/);
    expect(harness.backups.config.autoBackup.interval).toBe(3_600_000);
  });
});

describe('a bad backupSystem section in the widget config', () => {
  it('is reported and the module runs with the defaults', async () => {
    harness = await createHarness({ autoBackup: { interval: 'hourly' } });
    expect(harness.errors.map((e) => e.code)).toEqual(['VALIDATION']);
    expect(harness.backups.config.autoBackup.interval).toBe(3_600_000);
    await expect(harness.backups.createBackup('manual')).resolves.toMatchObject({ type: 'manual' });
  });
});
