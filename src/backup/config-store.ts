import { mergeDeep } from '../core/config';
import { toChatbotError, type ChatbotError } from '../core/errors';
import { BACKUP_KV, type ChatbotStorage } from '../storage';
import { mergeBackupConfig, parseBackupConfig, type BackupConfig } from './config';

export interface BackupConfigStoreDeps {
  /** The page's `backupSystem` config section. */
  section: unknown;
  storage: ChatbotStorage;
  reportError(error: ChatbotError): void;
  /** Another tab changed the config (or cleared kv): timers must follow. */
  onRemoteChange(): void;
}

/**
 * The backup config: the page's section, plus the changes made with `updateConfig`, which are
 * saved in kv (they survive a reload) and followed across tabs. A bad section or stored record is
 * reported and the defaults (or the last good config) are used: it never stops the widget.
 * @example const settings = createBackupConfigStore(deps); await settings.load(); settings.current.autoBackup.interval
 */
export interface BackupConfigStore {
  readonly current: BackupConfig;
  /** Applies the overrides saved earlier (by this tab or a previous visit). */
  load(): Promise<void>;
  /** Validates `partial` over the current config, saves it; throws VALIDATION and changes nothing on bad input. */
  update(partial: unknown): BackupConfig;
  dispose(): void;
}

export function createBackupConfigStore(deps: BackupConfigStoreDeps): BackupConfigStore {
  let base: BackupConfig;
  try {
    base = parseBackupConfig(deps.section ?? {});
  } catch (error) {
    deps.reportError(toChatbotError(error, 'VALIDATION'));
    base = parseBackupConfig({});
  }
  let overrides: Record<string, unknown> = {};
  let current = base;

  const applyOverrides = (next: Record<string, unknown>): void => {
    try {
      current = parseBackupConfig(mergeDeep(base, next), 'stored backup config');
      overrides = next;
    } catch (error) {
      deps.reportError(toChatbotError(error, 'VALIDATION'));
    }
  };

  const unsubscribe = deps.storage.subscribe('kv', (changes) => {
    const change = changes.find((c) => c.key === BACKUP_KV.config || c.op === 'clear');
    if (!change) return;
    applyOverrides(change.value?.id === BACKUP_KV.config ? change.value.overrides : {});
    deps.onRemoteChange();
  });

  return {
    get current() {
      return current;
    },
    async load() {
      const stored = await deps.storage.get('kv', BACKUP_KV.config);
      if (stored?.overrides) applyOverrides(stored.overrides);
    },
    update(partial) {
      const next = mergeBackupConfig(current, partial);
      // Accepted by mergeBackupConfig: an object, or nothing to change.
      if (typeof partial === 'object' && partial !== null) overrides = mergeDeep(overrides, partial);
      current = next;
      deps.storage.put('kv', { id: BACKUP_KV.config, overrides });
      return current;
    },
    dispose: unsubscribe,
  };
}
