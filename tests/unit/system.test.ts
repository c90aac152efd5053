import { describe, expect, it } from 'vitest';
import { createSystem } from '../../src/system';

describe('createSystem', () => {
  it('is ready once storage is open, reports version 13.0, and flushes', async () => {
    const system = createSystem({});
    await system.ready;
    expect(system.version).toBe('13.0');
    // The seed's four level-13 systems, each on CHATBOT_SYSTEM under its seed name.
    expect(system.totalSystems).toBe(4);
    expect(typeof system.messaging.sendMessage).toBe('function');
    expect(typeof system.pushNotifications.send).toBe('function');
    expect(typeof system.realtimeAnalytics.track).toBe('function');
    expect(typeof system.backupSystem.createBackup).toBe('function');
    system.storage.put('kv', { id: 'bot:session:x' });
    await system.flush();
    expect(await system.storage.get('kv', 'bot:session:x')).toEqual({ id: 'bot:session:x' });
    await system.destroy();
  });

  it('validates configure() and changes nothing on bad input', async () => {
    const system = createSystem({ storeName: 'Motos Don Pepe' });
    const seen: string[] = [];
    system.on('config_changed', (c) => seen.push(c.language));
    expect(() => system.configure({ language: 'xx' as 'es' })).toThrowError(/language/);
    expect(system.config.language).toBe('es');
    system.configure({ language: 'pt' });
    expect(system.config).toMatchObject({ language: 'pt', storeName: 'Motos Don Pepe' });
    expect(seen).toEqual(['pt']);
    await system.destroy();
  });
});
