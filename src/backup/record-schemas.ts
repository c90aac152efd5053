import * as z from 'zod/mini';

/*
 * The shape of each record of the widget's own stores, as the modules read it back when they
 * load. A restore checks every record of a backup against these before it writes anything: a
 * record that passed the checksum (a resealed or hand-edited file) but lacks a field a module
 * reads would otherwise crash that module's load or drop data from its read model.
 *
 * Objects are loose (fields a later version adds pass through); the fields listed are the ones
 * the modules rely on. Category-like strings stay strings: their lists belong to the modules,
 * which the backup module does not import.
 */

const Id = z.string().check(z.minLength(1));
const Text = z.string();
const Time = z.number();
const NullableTime = z.nullable(z.number());
const Strings = z.array(z.string());
const Json = z.record(z.string(), z.unknown());
const BlobValue = z.custom<Blob>((value) => typeof Blob !== 'undefined' && value instanceof Blob, 'expected a Blob');

const Conversation = z.looseObject({
  id: Id, type: Text, name: Text, participants: Strings, createdBy: Text, createdAt: Time, updatedAt: Time,
  pinned: z.boolean(), muted: z.boolean(), archived: z.boolean(),
});

const Message = z.looseObject({
  id: Id,
  conversationId: Id,
  senderId: Text,
  type: Text,
  content: z.looseObject({
    text: Text,
    attachments: z.array(z.looseObject({ id: Id, name: Text, mimeType: Text, size: z.number() })),
    location: z.optional(z.looseObject({ latitude: z.number(), longitude: z.number(), name: z.optional(Text) })),
  }),
  replyTo: z.nullable(Text),
  threadId: z.nullable(Text),
  mentions: Strings,
  createdAt: Time,
  editedAt: NullableTime,
  edits: z.array(z.looseObject({ text: Text, editedAt: Time })),
  deleted: z.boolean(),
  deletedAt: NullableTime,
  products: z.optional(Strings),
});

const Notification = z.looseObject({
  id: Id, title: Text, body: Text, icon: Text, badge: Text, category: Text, priority: Text, url: Text,
  actions: z.array(z.looseObject({ action: Text, title: Text })),
  actionUrls: z.record(z.string(), z.nullable(Text)),
  data: Json, createdAt: Time, read: z.boolean(), status: Text, source: Text,
});

const Int32Column = z.instanceof(Int32Array);

// A guard, not z.tuple: zod's core is one module every page loads, so each constructor used anywhere adds start-up bytes.
const TraitsPair = z.custom<[number, Record<string, unknown>]>(
  (pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'number' && Json.safeParse(pair[1]).success,
  'expected [event index, traits]',
);

const EventBatch = z.looseObject({
  id: Id,
  format: z.literal(2),
  count: z.number(),
  contexts: z.array(Json),
  strings: Strings,
  type: Int32Column,
  event: Int32Column,
  userId: Int32Column,
  anonymousId: Int32Column,
  sessionId: Int32Column,
  context: Int32Column,
  time: z.instanceof(Float64Array),
  messageId: Strings,
  timestamp: Strings,
  properties: z.array(Json),
  traits: z.array(TraitsPair),
}).check(z.refine((batch) => [batch.type, batch.event, batch.userId, batch.anonymousId, batch.sessionId, batch.context, batch.messageId, batch.timestamp, batch.properties]
  .every((column) => column.length === batch.time.length), { message: 'columns of different lengths' }));

/** Per widget store, the schema its restored records must match. Stores a backup never holds are absent. */
export const RESTORED_RECORD_SCHEMAS: Readonly<Record<string, z.ZodMiniType>> = {
  kv: z.looseObject({ id: Id }),
  conversations: Conversation,
  messages: Message,
  reactions: z.looseObject({ id: Id, messageId: Id, conversationId: Id, userId: Text, emoji: Text, createdAt: Time }),
  receipts: z.looseObject({ id: Id, conversationId: Id, userId: Text, readAt: Time, readId: Text, updatedAt: Time }),
  mentions: z.looseObject({ id: Id, userId: Text, messageId: Id, conversationId: Id, senderId: Text, createdAt: Time, read: z.boolean(), readAt: NullableTime }),
  attachments: z.looseObject({ id: Id, messageId: Id, conversationId: Id, name: Text, mimeType: Text, size: z.number(), blob: BlobValue, createdAt: Time }),
  notifications: Notification,
  scheduled: z.looseObject({ id: Id, title: Text, options: Json, at: Time, createdAt: Time, status: z.enum(['pending', 'fired']) }),
  notificationQueue: z.looseObject({ id: Id, category: Text, queuedAt: Time, notification: Notification }),
  sessions: z.looseObject({
    id: Id, anonymousId: Text, userId: z.nullable(Text), startedAt: Time, lastActivityAt: Time, endedAt: NullableTime, durationMs: z.number(),
  }),
  events: EventBatch,
  // A derived copy of `events`: analytics makes a malformed or stale one again from its batch.
  eventColumns: z.looseObject({ id: Id }),
};

/**
 * Levels of objects and arrays a restored record may nest, as written in the payload. The
 * widget's own records nest a few levels (bounded where they are made: analytics properties 5,
 * push data 16); the bound leaves room for a page's own databases. A resealed file with a record
 * nested thousands of levels deep would otherwise pass the schemas (which do not look inside free
 * fields) and overflow the stack when decoded or stored.
 */
export const MAX_RECORD_DEPTH = 200;

/**
 * Whether `value` (parsed JSON: plain objects and arrays) nests more than `maxDepth` levels of
 * objects and arrays (`{}` is one level). A loop, not recursion, so any depth is measured safely.
 * @example nestedDeeperThan({ a: [1] }, 1) // true
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: Array<[object, number]> = typeof value === 'object' && value !== null ? [[value, 1]] : [];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (depth > maxDepth) return true;
    for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
