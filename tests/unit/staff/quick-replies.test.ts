import { describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { childOf, xml, type XmlElement } from '../../../src/live-chat/protocol/xml';
import {
  createQuickReplies, DEFAULT_QUICK_REPLIES, parseQuickReplies, PRIVATE_NS, QUICK_REPLIES_NS, QUICK_REPLY_LIMITS, type QuickReplies,
} from '../../../src/staff/quick-replies';

/** Prosody's mod_private for one account, as seen from each of its connections. */
function privateStorage() {
  let stored: XmlElement | undefined;
  let failing = false;
  const requests: XmlElement[] = [];
  const connection = {
    async request(iq: XmlElement): Promise<XmlElement> {
      requests.push(iq);
      if (failing) throw Object.assign(new Error('down'), { code: 'NETWORK' });
      const query = childOf(iq, 'query', PRIVATE_NS)!;
      const element = childOf(query, 'quick-replies', QUICK_REPLIES_NS)!;
      if (iq.attrs.type === 'set') {
        stored = element;
        return xml('iq', 'jabber:client', { type: 'result', id: iq.attrs.id });
      }
      // Nothing stored: the server answers with the empty element asked for.
      return xml('iq', 'jabber:client', { type: 'result', id: iq.attrs.id }, [xml('query', PRIVATE_NS, {}, [stored ?? element])]);
    },
  };
  return { connection, requests, fail: (value: boolean) => (failing = value) };
}

function memoryCache(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

let ids = 0;
const device = (server: ReturnType<typeof privateStorage>, cache = memoryCache()): QuickReplies =>
  createQuickReplies({ connection: server.connection, account: 'ana@chat.tienda.test', cache, newId: () => `q${++ids}` });
const texts = (quick: QuickReplies) => quick.list().map((r) => r.text);

describe('quick replies in the agent\'s private storage', () => {
  it('start with the Spanish defaults on first use, saved so every device gets them', async () => {
    const server = privateStorage();
    const first = device(server);
    expect(first.list()).toEqual([]);
    await first.load();
    expect(texts(first)).toEqual(DEFAULT_QUICK_REPLIES.map((r) => r.text));
    const second = device(server);
    await second.load();
    expect(second.list()).toEqual(first.list());
    // The second device found a stored list: it saved nothing.
    expect(server.requests.filter((iq) => iq.attrs.type === 'set')).toHaveLength(1);
  });

  it('follow the agent across devices: add, edit, reorder and remove show up on the next load elsewhere', async () => {
    const server = privateStorage();
    const laptop = device(server);
    await laptop.load();
    const added = await laptop.add({ title: 'Horario', text: '  Abrimos de 8 a. m. a 6 p. m.  ' });
    expect(added).toMatchObject({ title: 'Horario', text: 'Abrimos de 8 a. m. a 6 p. m.' });
    await laptop.move(added.id, 0);
    const greeting = laptop.list()[1]!;
    await laptop.edit(greeting.id, { title: 'Hola', text: '¡Buenas! ¿Qué repuesto buscas?' });
    await laptop.remove(laptop.list().at(-1)!.id);

    const phone = device(server);
    await phone.load();
    expect(phone.list().map((r) => r.title)).toEqual(['Horario', 'Hola', 'Modelo de la moto', 'Un momento', 'Envíos']);
    // An emptied list stays empty (it is not a first use).
    for (const reply of [...phone.list()]) await phone.remove(reply.id);
    await laptop.load();
    expect(laptop.list()).toEqual([]);
  });

  it('refuse an empty or too long text, and more than the limit, changing nothing', async () => {
    const server = privateStorage();
    const quick = device(server);
    await quick.load();
    const before = quick.list();
    for (const text of ['   ', 'x'.repeat(QUICK_REPLY_LIMITS.text + 1)]) {
      const error = await quick.add({ text }).catch((e: unknown) => e);
      expect(isChatbotError(error, 'VALIDATION')).toBe(true);
    }
    expect(quick.list()).toBe(before);
    while (quick.list().length < QUICK_REPLY_LIMITS.count) await quick.add({ text: `r${quick.list().length}` });
    expect(isChatbotError(await quick.add({ text: 'una más' }).catch((e: unknown) => e), 'QUOTA_EXCEEDED')).toBe(true);
  });

  it('show the cached copy at once on the next start, and keep a change locally when the server refuses it', async () => {
    const server = privateStorage();
    const cache = memoryCache();
    const quick = device(server, cache);
    await quick.load();
    server.fail(true);
    await expect(quick.add({ text: 'Sin conexión' })).rejects.toThrow();
    const restarted = device(server, cache);
    expect(texts(restarted)).toContain('Sin conexión');
  });

  it('ignore stored entries that do not pass validation', () => {
    const answer = xml('iq', 'jabber:client', { type: 'result' }, [xml('query', PRIVATE_NS, {}, [xml('quick-replies', QUICK_REPLIES_NS, { version: '1' }, [
      xml('reply', QUICK_REPLIES_NS, { id: 'a' }, ['ok']),
      xml('reply', QUICK_REPLIES_NS, { id: 'b' }, ['']),
      xml('reply', QUICK_REPLIES_NS, {}, ['sin id']),
      xml('reply', QUICK_REPLIES_NS, { id: 'a' }, ['repetida']),
    ])])]);
    expect(parseQuickReplies(answer)).toEqual([{ id: 'a', title: '', text: 'ok' }]);
  });
});
