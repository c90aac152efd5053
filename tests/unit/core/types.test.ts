/**
 * Type tests: `npm run typecheck` (tsc over tests/) fails when a misspelt event name, a wrong
 * payload or a malformed tab message is accepted. Each `@ts-expect-error` line must be an error;
 * if an event map regained an index signature, those lines would compile and tsc would report
 * the directives as unused. The functions below are type-checked, never called (mitt's
 * test-types-compilation pattern): the `it` blocks only make them count as tests.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { BackupEvents } from '../../../src/backup';
import { createEvents, type ClosedEventMap, type Events } from '../../../src/core/events';
import type { TabChannel, TabPayloadOf } from '../../../src/core/tabs';
import type {
  BackupSystem, Bot, BotEvents, ChatbotError, ChatbotSystem, Config, Conversation, Message, MessagingEvents, MessagingSystem,
  NotificationRecord, PushEvents, PushNotifications, StaffDelivery, SystemEvents,
} from '../../../src/index';

type IsClosed<E> = string extends keyof E ? false : number extends keyof E ? false : symbol extends keyof E ? false : true;

function seedEventNames(system: ChatbotSystem, messaging: MessagingSystem, push: PushNotifications, backup: BackupSystem, bot: Bot): void {
  system.on('error', (error) => expectTypeOf(error).toEqualTypeOf<ChatbotError>());
  system.on('config_changed', (config) => expectTypeOf(config).toEqualTypeOf<Config>());
  messaging.on('message_sent', (message) => expectTypeOf(message).toEqualTypeOf<Message>());
  messaging.on('conversation_created', (conversation) => expectTypeOf(conversation).toEqualTypeOf<Conversation>());
  messaging.on('typing_started', (typing) => expectTypeOf(typing).toEqualTypeOf<{ conversationId: string; userId: string }>());
  push.on('notification_sent', (record) => expectTypeOf(record).toEqualTypeOf<NotificationRecord>());
  push.on('notification_clicked', ({ url }) => expectTypeOf(url).toEqualTypeOf<string | null>());
  backup.on('backup_restored', ({ backupId, remote }) => {
    expectTypeOf(backupId).toEqualTypeOf<string>();
    expectTypeOf(remote).toEqualTypeOf<boolean | undefined>();
  });
  bot.on('handoff_requested', (delivery) => expectTypeOf(delivery).toEqualTypeOf<StaffDelivery>());
}

function misspeltEventNames(system: ChatbotSystem, messaging: MessagingSystem, push: PushNotifications, backup: BackupSystem, bot: Bot): void {
  // @ts-expect-error `error`, misspelt
  system.on('errors', () => undefined);
  // @ts-expect-error `message_sent`, misspelt
  messaging.on('mesage_sent', () => undefined);
  // @ts-expect-error `message_deleted`, misspelt
  messaging.off('message_delete');
  // @ts-expect-error `notification_clicked`, misspelt
  push.on('notification_click', () => undefined);
  // @ts-expect-error `backup_created`, misspelt
  backup.on('backup_create', () => undefined);
  // @ts-expect-error `reply_sent`, misspelt
  bot.on('replied', () => undefined);
}

function wrongPayloads(system: ChatbotSystem, messaging: MessagingSystem, events: Events<MessagingEvents>, backups: Events<BackupEvents>, systemEvents: Events<SystemEvents>): void {
  // @ts-expect-error message_sent carries a Message, not a number
  messaging.on('message_sent', (count: number) => count);
  // @ts-expect-error the error event carries a ChatbotError, not a Config
  system.on('error', (config: Config) => config.language);
  // @ts-expect-error typing_started carries { conversationId, userId }
  events.emit('typing_started', { conversationId: 'conv_1' });
  // @ts-expect-error backup_created is not a messaging event
  events.emit('backup_created', undefined);
  // @ts-expect-error backup_deleted carries { backupId }
  backups.emit('backup_deleted', { id: 'bkp_1' });
  // @ts-expect-error the system's error event carries a ChatbotError, not any Error
  systemEvents.emit('error', new Error('boom'));
}

function tabMessages(channel: TabChannel): void {
  channel.subscribe('messaging-typing', (payload, from) => {
    expectTypeOf(payload.typing).toEqualTypeOf<boolean>();
    expectTypeOf(from).toEqualTypeOf<string>();
  });
  channel.subscribe('push', (payload) => expectTypeOf(payload.type).toEqualTypeOf<'clicked' | 'closed' | 'subscription_changed' | 'error'>());
  channel.subscribe('backup', (payload) => expectTypeOf(payload).toEqualTypeOf<TabPayloadOf<'backup'>>());
  channel.post({ kind: 'messaging-typing', conversationId: 'conv_1', userId: 'ana', typing: true });
  // @ts-expect-error no such kind
  channel.post({ kind: 'typing', conversationId: 'conv_1' });
  // @ts-expect-error `typing` is a boolean
  channel.post({ kind: 'messaging-typing', conversationId: 'conv_1', userId: 'ana', typing: 'yes' });
  // @ts-expect-error a push message needs its type
  channel.post({ kind: 'push', id: 'ntf_1' });
  // @ts-expect-error no such kind
  channel.subscribe('typing', () => undefined);
  // @ts-expect-error a storage listener does not receive typing payloads
  channel.subscribe('storage', (payload: TabPayloadOf<'messaging-typing'>) => payload.userId);
}

function openEventMaps(): void {
  // @ts-expect-error an event map with an index signature would let misspelt names through
  createEvents<{ [name: string]: unknown; ready: undefined }>();
}

describe('type tests (checked by tsc)', () => {
  it('event maps name every event: no index signature lets another name in', () => {
    expectTypeOf<IsClosed<MessagingEvents>>().toEqualTypeOf<true>();
    expectTypeOf<IsClosed<PushEvents>>().toEqualTypeOf<true>();
    expectTypeOf<IsClosed<BackupEvents>>().toEqualTypeOf<true>();
    expectTypeOf<IsClosed<BotEvents>>().toEqualTypeOf<true>();
    expectTypeOf<IsClosed<SystemEvents>>().toEqualTypeOf<true>();
    expectTypeOf<ClosedEventMap<{ [name: string]: unknown }>>().toEqualTypeOf<never>();
    expectTypeOf(openEventMaps).toBeFunction();
  });
  it("the seed's event names are accepted with their payloads", () => {
    expectTypeOf(seedEventNames).toBeFunction();
  });
  it('a misspelt event name does not compile', () => {
    expectTypeOf(misspeltEventNames).toBeFunction();
  });
  it('a wrong payload does not compile', () => {
    expectTypeOf(wrongPayloads).toBeFunction();
  });
  it('tab messages are typed by kind', () => {
    expectTypeOf(tabMessages).toBeFunction();
  });
});
