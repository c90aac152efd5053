import type { Clock } from '../core/clock';
import type { Events } from '../core/events';
import type { TabChannel } from '../core/tabs';
import type { MessagingEvents } from './types';

/**
 * Who is typing where: ephemeral, shared with the other tabs over the tab channel. Each entry
 * stops by itself `timeoutMs` after its last start (the seed's 5 s auto-stop), here and in the
 * tabs that heard it, so a closed tab never leaves a user "typing" forever.
 * @example const typing = createTyping(clock, channel, events, 5000); typing.start('conv_1', 'ana');
 */
export interface Typing {
  start(conversationId: string, userId: string): void;
  stop(conversationId: string, userId: string): void;
  users(conversationId: string): string[];
  clear(): void;
  dispose(): void;
}

// A user typing continuously re-announces at most this often; listeners refresh their timers.
const REANNOUNCE_MS = 2_000;

export function createTyping(clock: Clock, channel: TabChannel, events: Events<MessagingEvents>, timeoutMs: number): Typing {
  const entries = new Map<string, Map<string, { timer: unknown; announcedAt: number }>>();

  const set = (conversationId: string, userId: string, local: boolean): void => {
    let users = entries.get(conversationId);
    if (!users) entries.set(conversationId, (users = new Map()));
    const existing = users.get(userId);
    if (existing) clock.clearTimeout(existing.timer);
    const now = clock.now();
    const announce = local && (!existing || now - existing.announcedAt >= REANNOUNCE_MS);
    users.set(userId, {
      timer: clock.setTimeout(() => unset(conversationId, userId, local), timeoutMs),
      announcedAt: announce ? now : existing?.announcedAt ?? now,
    });
    if (announce) channel.post({ kind: 'messaging-typing', conversationId, userId, typing: true });
    if (!existing) events.emit('typing_started', { conversationId, userId });
  };

  const unset = (conversationId: string, userId: string, local: boolean): void => {
    const users = entries.get(conversationId);
    const existing = users?.get(userId);
    if (!users || !existing) return;
    clock.clearTimeout(existing.timer);
    users.delete(userId);
    if (users.size === 0) entries.delete(conversationId);
    if (local) channel.post({ kind: 'messaging-typing', conversationId, userId, typing: false });
    events.emit('typing_stopped', { conversationId, userId });
  };

  const unsubscribe = channel.subscribe('messaging-typing', (payload) => {
    if (payload.typing) set(payload.conversationId, payload.userId, false);
    else unset(payload.conversationId, payload.userId, false);
  });

  return {
    start: (conversationId, userId) => set(conversationId, userId, true),
    stop: (conversationId, userId) => unset(conversationId, userId, true),
    users: (conversationId) => [...(entries.get(conversationId)?.keys() ?? [])],
    clear() {
      for (const users of entries.values()) for (const entry of users.values()) clock.clearTimeout(entry.timer);
      entries.clear();
    },
    dispose() {
      this.clear();
      unsubscribe();
    },
  };
}
