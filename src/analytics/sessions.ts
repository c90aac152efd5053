import type { Clock } from '../core/clock';
import { createId } from '../core/ids';
import { ANALYTICS_KV, type SessionPointerRecord as Pointer, type ChatbotStorage } from '../storage';
import type { SessionRecord } from './types';

export interface SessionOptions {
  clock: Clock;
  storage: ChatbotStorage;
  timeoutMs: number;
  maxMs: number;
  identity: () => { anonymousId: string; userId: string | null };
  /** A session began (`session_start` is tracked by the caller). */
  onStart(session: SessionRecord): void;
  /** A session ended; `endedAt` is its last activity. */
  onEnd(session: SessionRecord): void;
}

/**
 * Sessions shared by every tab of the browser: a new one after `timeoutMs` without activity or
 * once `maxMs` old. The current session lives in one kv pointer (merged with `update`, so two
 * tabs converge on one session) and each session is a record in the `sessions` store.
 * @example const sessions = createSessionTracker(options); await sessions.load(); sessions.touch(now);
 */
export interface SessionTracker {
  load(): Promise<void>;
  /** The session for activity at `now`, starting a new one if the current one expired. */
  touch(now: number): string;
  readonly current: Pointer | null;
  /** Writes the pointer and the session's last activity (called with each event batch). */
  persist(): void;
  /** Ends the current session if it expired by now (timer and reload). */
  expireIfDue(now: number): void;
  dispose(): void;
}

const isExpired = (p: Pointer, now: number, timeoutMs: number, maxMs: number): 'inactivity' | 'max_duration' | null =>
  now - p.lastActivityAt > timeoutMs ? 'inactivity' : now - p.startedAt >= maxMs ? 'max_duration' : null;

export function createSessionTracker(options: SessionOptions): SessionTracker {
  const { clock, storage, timeoutMs, maxMs } = options;
  let current: Pointer | null = null;
  let dirty = false;
  let timer: unknown;

  const adopt = (p: Pointer | undefined): void => {
    if (!p || typeof p.sessionId !== 'string') return;
    if (!current || p.sessionId === current.sessionId) {
      current = current ? { ...current, lastActivityAt: Math.max(current.lastActivityAt, p.lastActivityAt) } : { ...p };
    } else if (p.startedAt > current.startedAt) {
      // Another tab started a newer session: join it.
      current = { ...p };
    }
  };

  const unsubscribe = storage.subscribe('kv', (changes, origin) => {
    for (const change of changes) {
      if (change.op === 'put') {
        if (change.value.id === ANALYTICS_KV.session) adopt(change.value);
      } else if (change.key === ANALYTICS_KV.session && origin === 'remote' && current && isExpired(current, clock.now(), timeoutMs, maxMs)) {
        // Another tab found the session expired and recorded its end: do not record it twice.
        current = null;
      }
    }
  });

  const arm = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (!current) return;
    const due = Math.min(current.lastActivityAt + timeoutMs + 1, current.startedAt + maxMs);
    timer = clock.setTimeout(() => {
      timer = undefined;
      tracker.expireIfDue(clock.now());
      if (current) arm();
    }, Math.max(0, due - clock.now()));
  };

  const end = (pointer: Pointer, reason: 'inactivity' | 'max_duration'): void => {
    const who = options.identity();
    const ended: SessionRecord = {
      id: pointer.sessionId,
      anonymousId: who.anonymousId,
      userId: who.userId,
      startedAt: pointer.startedAt,
      lastActivityAt: pointer.lastActivityAt,
      endedAt: pointer.lastActivityAt,
      durationMs: pointer.lastActivityAt - pointer.startedAt,
      endReason: reason,
    };
    storage.update('sessions', ended.id, (record) => ({ ...record, ...ended }));
    options.onEnd(ended);
  };

  const tracker: SessionTracker = {
    async load() {
      adopt(await storage.get('kv', ANALYTICS_KV.session));
      tracker.expireIfDue(clock.now());
      arm();
    },
    get current() {
      return current;
    },
    touch(now) {
      if (current) {
        if (now > current.lastActivityAt) {
          const reason = isExpired(current, now, timeoutMs, maxMs);
          if (reason) {
            const old = current;
            current = null;
            end(old, reason);
          } else {
            current.lastActivityAt = now;
            dirty = true;
            return current.sessionId;
          }
        } else {
          return current.sessionId;
        }
      }
      const who = options.identity();
      const sessionId = createId('ses', now);
      current = { id: ANALYTICS_KV.session, sessionId, startedAt: now, lastActivityAt: now };
      const record: SessionRecord = {
        id: sessionId,
        anonymousId: who.anonymousId,
        userId: who.userId,
        startedAt: now,
        lastActivityAt: now,
        endedAt: null,
        durationMs: 0,
        endReason: null,
      };
      storage.put('sessions', record);
      dirty = true;
      tracker.persist();
      arm();
      options.onStart(record);
      return sessionId;
    },
    persist() {
      if (!current || !dirty) return;
      dirty = false;
      const mine = { ...current };
      storage.update('kv', ANALYTICS_KV.session, (other) => {
        if (other && other.sessionId !== mine.sessionId && other.startedAt > mine.startedAt) return other;
        return { ...mine, lastActivityAt: Math.max(mine.lastActivityAt, other?.sessionId === mine.sessionId ? other.lastActivityAt : 0) };
      });
      storage.update('sessions', mine.sessionId, (record) => {
        if (!record) return undefined;
        const last = Math.max(record.lastActivityAt, mine.lastActivityAt);
        return { ...record, lastActivityAt: last, durationMs: last - record.startedAt };
      });
    },
    expireIfDue(now) {
      if (!current) return;
      const reason = isExpired(current, now, timeoutMs, maxMs);
      if (!reason) return;
      const old = current;
      current = null;
      storage.delete('kv', ANALYTICS_KV.session);
      end(old, reason);
    },
    dispose() {
      unsubscribe();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
  return tracker;
}
