import * as z from 'zod/mini';
import { toEpochMs } from '../core/time';
import { MESSAGE_TYPES } from './types';
import { DateSchema } from '../core/date-schema';

const MB = 1024 * 1024;

/**
 * The `messaging` section of the widget config. Every field has a default.
 * @example createSystem({ messaging: { maxAttachmentBytes: 5 * 1024 * 1024 } })
 */
export const MessagingConfigSchema = z.object({
  /** Who this tab acts as; else the widget's `userId`, else a persisted anonymous id. */
  currentUser: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  maxAttachmentBytes: z._default(z.number().check(z.int(), z.minimum(1)), 10 * MB),
  maxAttachmentsPerMessage: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
  maxTextLength: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(100_000)), 10_000),
  typingTimeoutMs: z._default(z.number().check(z.int(), z.minimum(100)), 5_000),
  /** IANA zone for text transcripts; the browser's own zone when absent. */
  timeZone: z.optional(z.string().check(z.minLength(1))),
});
export type MessagingConfig = z.output<typeof MessagingConfigSchema>;

export const IdSchema = z.string().check(z.minLength(1), z.maxLength(200));
export const UserIdSchema = z.string().check(z.minLength(1), z.maxLength(128), z.regex(/^\S(.*\S)?$/));

export const ParticipantsSchema = z.array(UserIdSchema).check(z.minLength(2), z.maxLength(500));

export const ConversationOptionsSchema = z.optional(
  z.object({
    name: z.optional(z.string().check(z.maxLength(120))),
    type: z.optional(z.enum(['direct', 'group'])),
  }),
);

export const ConversationChangesSchema = z.strictObject({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(120))),
  pinned: z.optional(z.boolean()),
  muted: z.optional(z.boolean()),
  archived: z.optional(z.boolean()),
});

export const ListOptionsSchema = z.optional(
  z.object({ archived: z.optional(z.boolean()), pinned: z.optional(z.boolean()) }),
);

const LocationSchema = z.object({
  latitude: z.number().check(z.minimum(-90), z.maximum(90)),
  longitude: z.number().check(z.minimum(-180), z.maximum(180)),
  accuracy: z.optional(z.number().check(z.minimum(0))),
  name: z.optional(z.string().check(z.maxLength(200))),
});

const BlobSchema = z.custom<Blob>((value) => typeof Blob !== 'undefined' && value instanceof Blob, 'expected a File or Blob');

const AttachmentInputSchema = z.union([
  BlobSchema,
  z.object({ blob: BlobSchema, name: z.optional(z.string().check(z.minLength(1), z.maxLength(255))) }),
]);

export const MessageInputSchema = z.strictObject({
  text: z.optional(z.string()),
  type: z.optional(z.enum(MESSAGE_TYPES)),
  attachments: z.optional(z.array(AttachmentInputSchema)),
  location: z.optional(LocationSchema),
});

export const SendOptionsSchema = z.optional(z.object({ replyTo: z.optional(z.nullable(IdSchema)) }));

const TimeSchema = z.union([z.number().check(z.minimum(0)), DateSchema]);

export const SearchOptionsSchema = z.optional(
  z.object({
    conversationId: z.optional(IdSchema),
    senderId: z.optional(UserIdSchema),
    since: z.optional(TimeSchema),
    before: z.optional(TimeSchema),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000))),
  }),
);

export const GetMessagesOptionsSchema = z.optional(
  z.object({
    before: z.optional(TimeSchema),
    after: z.optional(TimeSchema),
    limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(10_000))),
    includeReplies: z.optional(z.boolean()),
  }),
);

export const QuerySchema = z.string().check(z.minLength(1), z.maxLength(500));
export const MessageIdsSchema = z.optional(z.array(IdSchema).check(z.maxLength(10_000)));
export const ExportFormatSchema = z.optional(z.enum(['json', 'text']));
export const LimitSchema = z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(1000)));
/** Text of an edit; length and emptiness are checked after trimming. */
export const EditTextSchema = z.string();
export const PermanentSchema = z.optional(z.boolean());
/** One emoji; `isEmoji` checks that it is exactly one. */
export const EmojiSchema = z.string();

/** Turns a `number | Date` bound into ms. */
export function toTime(value: number | Date | undefined): number | undefined {
  return value === undefined ? undefined : toEpochMs(value);
}
