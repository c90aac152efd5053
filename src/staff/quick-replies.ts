import * as z from 'zod/mini';
import { ChatbotError } from '../core/errors';
import { createEvents, type Events } from '../core/events';
import { createUuid } from '../core/ids';
import { validate } from '../core/validate';
import type { XmppConnection } from '../live-chat/protocol/xmpp-connection';
import { childOf, childrenOf, textOf, xml, type XmlElement } from '../live-chat/protocol/xml';

/** XEP-0049 private XML storage. */
export const PRIVATE_NS = 'jabber:iq:private';
/** The store's element for an agent's quick replies inside private storage. */
export const QUICK_REPLIES_NS = 'urn:repuestos-motos:quick-replies:0';
export const QUICK_REPLY_LIMITS = { count: 50, text: 1000, title: 60 } as const;

export const QuickReplyInputSchema = z.object({
  title: z._default(z.string().check(z.trim(), z.maxLength(QUICK_REPLY_LIMITS.title)), ''),
  text: z.string().check(z.trim(), z.minLength(1), z.maxLength(QUICK_REPLY_LIMITS.text)),
});
export const QuickReplySchema = z.object({
  ...QuickReplyInputSchema.def.shape,
  id: z.string().check(z.minLength(1), z.maxLength(64)),
});
const QuickReplyListSchema = z.array(QuickReplySchema).check(z.maxLength(QUICK_REPLY_LIMITS.count));
/** One canned answer: a short title for the list and the text put into the composer. */
export type QuickReply = z.output<typeof QuickReplySchema>;
export type QuickReplyInput = z.input<typeof QuickReplyInputSchema>;

/** The first set an agent gets (in Spanish, the store's language): theirs to change. */
export const DEFAULT_QUICK_REPLIES: ReadonlyArray<Omit<QuickReply, 'id'>> = [
  { title: 'Saludo', text: '¡Hola! Gracias por escribirnos. ¿En qué te puedo ayudar?' },
  { title: 'Modelo de la moto', text: '¿Para qué moto es el repuesto? Dime marca, modelo y año, por favor.' },
  { title: 'Un momento', text: 'Dame un momento mientras reviso la disponibilidad.' },
  { title: 'Envíos', text: 'Hacemos envíos a todo el país; el costo y el tiempo dependen de tu ciudad. ¿A dónde lo enviamos?' },
  { title: 'Despedida', text: '¡Gracias por escribirnos! Si necesitas algo más, aquí estamos.' },
];

/** XEP-0049 get of the agent's quick replies. */
export function buildQuickRepliesGet(id: string): XmlElement {
  return xml('iq', 'jabber:client', { type: 'get', id }, [xml('query', PRIVATE_NS, {}, [xml('quick-replies', QUICK_REPLIES_NS)])]);
}

/** XEP-0049 set: the whole list (marked `version='1'`, so an emptied list is not taken for a first use). */
export function buildQuickRepliesSet(id: string, replies: readonly QuickReply[]): XmlElement {
  const items = replies.map((r) => xml('reply', QUICK_REPLIES_NS, { id: r.id, title: r.title || undefined }, [r.text]));
  return xml('iq', 'jabber:client', { type: 'set', id }, [xml('query', PRIVATE_NS, {}, [xml('quick-replies', QUICK_REPLIES_NS, { version: '1' }, items)])]);
}

/**
 * The stored list from a private storage answer; `undefined` when the agent never stored one
 * (the server echoes the empty element). Invalid entries are left out, not trusted.
 */
export function parseQuickReplies(answer: XmlElement): QuickReply[] | undefined {
  const query = childOf(answer, 'query', PRIVATE_NS);
  const stored = query && childOf(query, 'quick-replies', QUICK_REPLIES_NS);
  if (!stored || stored.attrs.version === undefined) return undefined;
  const replies: QuickReply[] = [];
  for (const item of childrenOf(stored, QUICK_REPLIES_NS, 'reply')) {
    const parsed = QuickReplySchema.safeParse({ id: item.attrs.id, title: item.attrs.title ?? '', text: textOf(item) ?? '' });
    if (parsed.success && replies.length < QUICK_REPLY_LIMITS.count && !replies.some((r) => r.id === parsed.data.id)) replies.push(parsed.data);
  }
  return replies;
}

export type QuickRepliesEvents = {
  /** The list changed (an edit here, or what the server had on load). */
  changed: readonly QuickReply[];
};

export interface QuickRepliesOptions {
  connection: Pick<XmppConnection, 'request'>;
  /** The agent's bare JID: the local cache is per agent. */
  account: string;
  /** A small local copy shown before the server answers (localStorage in a browser). */
  cache?: Pick<Storage, 'getItem' | 'setItem'>;
  newId?: () => string;
}

/**
 * An agent's quick replies, stored in their account's XEP-0049 private storage (Prosody's
 * `mod_private`) so they follow the agent to every device, with a local copy for a fast start.
 * The first load of an agent without a stored list saves the Spanish defaults. Every change
 * saves the whole list; the last device to save wins.
 * @example
 * const quick = createQuickReplies({ connection, account: 'ana@tienda.co', cache: localStorage });
 * await quick.load(); await quick.add({ title: 'Horario', text: 'Abrimos de 8 a 6.' });
 */
export interface QuickReplies {
  /** The list as known now (the cached copy until `load()` answers). */
  list(): readonly QuickReply[];
  /** Reads the list from the server (saving the defaults on first use). */
  load(): Promise<readonly QuickReply[]>;
  add(input: QuickReplyInput): Promise<QuickReply>;
  edit(id: string, input: QuickReplyInput): Promise<QuickReply>;
  remove(id: string): Promise<void>;
  /** Moves a reply to `index` (clamped to the list). */
  move(id: string, index: number): Promise<void>;
  on: Events<QuickRepliesEvents>['on'];
}

/** @example const quick = createQuickReplies({ connection: inbox.connection, account: jid, cache: localStorage }); */
export function createQuickReplies(options: QuickRepliesOptions): QuickReplies {
  const events = createEvents<QuickRepliesEvents>();
  const newId = options.newId ?? createUuid;
  const cacheKey = `chatbot-staff:quick-replies:${options.account}`;
  const readCache = (): QuickReply[] => {
    try {
      const parsed = QuickReplyListSchema.safeParse(JSON.parse(options.cache?.getItem(cacheKey) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  };
  let replies: QuickReply[] = readCache();
  let saving: Promise<void> = Promise.resolve();

  const set = (next: QuickReply[]): void => {
    replies = next;
    try {
      options.cache?.setItem(cacheKey, JSON.stringify(next));
    } catch {
      // A full or blocked localStorage only loses the fast start; the server keeps the list.
    }
    events.emit('changed', next);
  };
  // Saves run one after another, each with the list as it is then: the last change wins.
  const save = (): Promise<void> => {
    const run = saving.catch(() => undefined).then(() => options.connection.request(buildQuickRepliesSet(newId(), replies))).then(() => undefined);
    saving = run;
    return run;
  };
  const indexOf = (id: string): number => {
    const index = replies.findIndex((r) => r.id === id);
    if (index === -1) throw new ChatbotError('NOT_FOUND', `no quick reply "${id}"`);
    return index;
  };

  return {
    list: () => replies,
    async load() {
      const stored = parseQuickReplies(await options.connection.request(buildQuickRepliesGet(newId())));
      if (stored) set(stored);
      else {
        set(DEFAULT_QUICK_REPLIES.map((reply) => ({ ...reply, id: newId() })));
        await save();
      }
      return replies;
    },
    async add(input) {
      const fields = validate(QuickReplyInputSchema, input, 'quick reply');
      if (replies.length >= QUICK_REPLY_LIMITS.count) throw new ChatbotError('QUOTA_EXCEEDED', `at most ${QUICK_REPLY_LIMITS.count} quick replies`);
      const reply: QuickReply = { id: newId(), ...fields };
      set([...replies, reply]);
      await save();
      return reply;
    },
    async edit(id, input) {
      const fields = validate(QuickReplyInputSchema, input, 'quick reply');
      const index = indexOf(id);
      const reply: QuickReply = { id, ...fields };
      set(replies.map((r, i) => (i === index ? reply : r)));
      await save();
      return reply;
    },
    async remove(id) {
      indexOf(id);
      set(replies.filter((r) => r.id !== id));
      await save();
    },
    async move(id, index) {
      const from = indexOf(id);
      const next = [...replies];
      const [reply] = next.splice(from, 1);
      next.splice(Math.max(0, Math.min(index, next.length)), 0, reply!);
      set(next);
      await save();
    },
    on: events.on,
  };
}
