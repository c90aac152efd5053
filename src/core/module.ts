import type { Clock } from './clock';
import type { Config } from './config';
import type { Background } from './background';
import type { ChatbotError } from './errors';
import type { TabChannel } from './tabs';

/**
 * What system.ts hands each module: read-only capabilities, never another module.
 * `host` is the page's window where there is one (absent in tests of pure logic and in workers).
 */
export interface ModuleContext<S> {
  clock: Clock;
  channel: TabChannel;
  /** The whole widget config (language, store name, staff ids…). */
  config: Readonly<Config>;
  /** This module's own config section, as given (the module validates it). */
  section: unknown;
  /** Reports a failure found synchronously (a bad config section) on the system's `error` event. */
  reportError(error: ChatbotError): void;
  /**
   * Runs work nobody awaits (wake-ups, pruning, automatic backups, the assistant's answers):
   * tracked for `CHATBOT_SYSTEM.idle()`, its failure reported with `code` unless it says better
   * itself, a programming error rethrown as uncaught.
   * @example ctx.background(prune(), 'STORAGE_FAILED', 'pruning analytics events');
   */
  background: Background['run'];
  host?: Window;
  /**
   * Registers work for the page's last moments (pagehide, hidden tab), owned by the runtime;
   * pending writes commit right after. Absent without a page. Returns the removal.
   */
  onPageHide?(listener: () => void): () => void;
  /** The module's storage (see src/storage); typed by the module's own import. */
  storage: S;
}

/** The lifecycle every module exposes to system.ts, which drives all modules the same way. */
export interface ModuleLifecycle {
  /** Resolves when the module's read model is loaded. */
  readonly ready: Promise<void>;
  /**
   * Re-reads what the module keeps in memory from IndexedDB: system.ts calls it on every module
   * after a backup was restored (here or in another tab) without reloading the page.
   */
  reloadState(): Promise<void>;
  /** Stops timers and listeners (tests, `CHATBOT_SYSTEM.destroy()`). */
  dispose(): void;
}
