import { describe, expect, it } from 'vitest';
import { LIVE_EVENT_SCHEMAS, type LiveEvent } from '../../../src/live-chat/protocol/live-event';
import { parseArchivedMessage } from '../../../src/live-chat/protocol/mam-stanzas';
import { parseMessage } from '../../../src/live-chat/protocol/parse-message';
import type { XmlElement } from '../../../src/live-chat/protocol/xml';
import { stanza } from '../live-chat/xml-fixture';
import { createRandom, type Random } from './mutate-backup';

/** Mutated stanzas: 2,000 in CI, 50,000 with RELIABILITY_LONG=1 (or exactly RELIABILITY_STANZAS). */
const STANZAS = Number(process.env.RELIABILITY_STANZAS ?? (process.env.RELIABILITY_LONG ? 50_000 : 2_000));
const SEED = Number(process.env.RELIABILITY_SEED ?? 16);

const ROOM = 'conv-abc@rooms.chat.localhost';
const SELF = 'cliente1@chat.localhost';
const context = { now: Date.parse('2026-12-06T12:00:00Z'), self: SELF };
const QUERY = 'q-1';

/** One of every kind of stanza the widget and the inbox read, as a server sends it. */
const SEEDS = [
  `<message from="${ROOM}/Ana" type="groupchat" id="m1"><body>Hola, ¿en qué te ayudo?</body><origin-id xmlns="urn:xmpp:sid:0" id="o1"/><stanza-id xmlns="urn:xmpp:sid:0" by="${ROOM}" id="s1"/><markable xmlns="urn:xmpp:chat-markers:0"/></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m2"><body>Corregido</body><replace xmlns="urn:xmpp:message-correct:0" id="o1"/></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m3"><retract xmlns="urn:xmpp:message-retract:1" id="s1"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/><body>borrado</body></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m4"><reactions xmlns="urn:xmpp:reactions:0" id="s1"><reaction>👍</reaction><reaction>🔥</reaction></reactions></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m5"><body>&gt; Hola\nSí, lo tenemos</body><reply xmlns="urn:xmpp:reply:0" id="s1" to="${ROOM}/cliente"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="7"/></fallback></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m6"><displayed xmlns="urn:xmpp:chat-markers:0" id="s1"/></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m7"><received xmlns="urn:xmpp:receipts" id="o1"/></message>`,
  `<message from="${ROOM}/Ana" type="groupchat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`,
  `<message from="${ROOM}/Ana" type="groupchat" id="m8"><body>https://upload.chat.localhost/f/abc/foto.jpg</body><x xmlns="jabber:x:oob"><url>https://upload.chat.localhost/f/abc/foto.jpg</url></x></message>`,
  `<message from="${ROOM}" to="${SELF}" id="i1"><x xmlns="http://jabber.org/protocol/muc#user"><invite from="${ROOM}/cliente"><reason>Pastillas para NS200</reason></invite></x></message>`,
  `<message from="${ROOM}" type="groupchat" id="t1"><subject>closed-by:ana@staff.chat.localhost</subject></message>`,
  `<message from="${ROOM}" type="error" id="e1"><error type="modify"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Too many stanzas</text></error></message>`,
  `<message from="${ROOM}" id="r1"><result xmlns="urn:xmpp:mam:2" queryid="${QUERY}" id="a1"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-12-06T11:00:00Z"/><message xmlns="jabber:client" from="${ROOM}/Ana" type="groupchat" id="m9"><body>Desde el archivo</body><origin-id xmlns="urn:xmpp:sid:0" id="o9"/></message></forwarded></result></message>`,
].map(stanza);

const HOSTILE_TEXT = [
  '', ' ', '\u0000', '\uFFFF', '\uD800', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '__proto__', 'constructor',
  'a'.repeat(25_000), '👍'.repeat(100), 'NaN', '-1', '1e308', 'https://x', `${ROOM}/Ana`, `${SELF}/r`, 'ana@staff.chat.localhost', '\n\n\n', '../../etc/passwd',
];

/** A stanza the test may change in place (the protocol layer's elements are read-only). */
interface Node {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: Array<Node | string>;
}
const copy = (node: XmlElement | Node): Node => ({ name: node.name, ns: node.ns, attrs: { ...node.attrs }, children: node.children.map((c) => (typeof c === 'string' ? c : copy(c))) });

/** Every element of a tree, with its parent, depth first. */
function elements(root: Node): Array<{ node: Node; parent?: Node }> {
  const out: Array<{ node: Node; parent?: Node }> = [{ node: root }];
  for (let i = 0; i < out.length; i++) for (const child of out[i]!.node.children) if (typeof child !== 'string') out.push({ node: child, parent: out[i]!.node });
  return out;
}

function deep(levels: number, inner: string): Node {
  let node: Node = { name: 'body', ns: 'jabber:client', attrs: {}, children: [inner] };
  for (let i = 0; i < levels; i++) node = { name: 'x', ns: 'urn:fuzz', attrs: {}, children: [node] };
  return node;
}

/** One to four mutations of a seed stanza: attributes, text, names, namespaces, structure. */
function mutate(random: Random, seed: XmlElement): Node {
  const root = copy(seed);
  for (let n = 1 + random.int(4); n > 0; n--) {
    const all = elements(root);
    const { node, parent } = random.pick(all);
    const keys = Object.keys(node.attrs);
    switch (random.int(10)) {
      case 0:
        if (keys.length) delete node.attrs[random.pick(keys)];
        break;
      case 1:
        node.attrs[keys.length && random.next() < 0.7 ? random.pick(keys) : random.pick(['id', 'from', 'to', 'type', 'by', 'stamp', 'start', 'end', 'queryid', '__proto__'])] = random.pick(HOSTILE_TEXT);
        break;
      case 2:
        node.children = [random.pick(HOSTILE_TEXT)];
        break;
      case 3:
        node.ns = random.pick(['', 'jabber:client', 'urn:xmpp:sid:0', 'urn:xmpp:mam:2', 'urn:fuzz', 'http://www.w3.org/1999/xhtml']);
        break;
      case 4:
        node.name = random.pick(['body', 'message', 'result', 'forwarded', 'reaction', 'reactions', 'script', 'iframe', 'x', 'invite', 'subject', 'constructor']);
        break;
      case 5:
        if (parent) parent.children = parent.children.filter((child) => child !== node);
        break;
      case 6:
        if (parent) parent.children.push(copy(node), copy(node));
        break;
      case 7:
        node.children.push(deep(random.pick([10, 200, 2_000]), random.pick(HOSTILE_TEXT)));
        break;
      case 8:
        node.children.push(...Array.from({ length: random.pick([2, 50, 500]) }, () => copy(random.pick(all).node)));
        break;
      default:
        node.children = node.children.concat(random.pick(HOSTILE_TEXT), random.pick(HOSTILE_TEXT));
    }
  }
  return root;
}

describe('malformed and hostile XMPP stanzas (seeded mutations of every kind the chat reads)', () => {
  it('are each read into valid events or refused with a reason: never a throw, never an invalid event', { timeout: 120_000 }, () => {
    const random = createRandom(SEED);
    const outcomes = { events: 0, refused: 0 };
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < STANZAS && failures.length < 5; i++) {
      const stanzaIn: XmlElement = mutate(random, random.pick(SEEDS));
      for (const read of [() => parseMessage(stanzaIn, context), () => parseArchivedMessage(stanzaIn, { ...context, archive: ROOM, queryId: QUERY })]) {
        try {
          const result = read();
          if (!result.ok) {
            if (typeof result.reason !== 'string' || !result.reason) failures.push(`#${i}: refused without a reason`);
            outcomes.refused++;
            continue;
          }
          outcomes.events += result.events.length;
          for (const event of result.events as LiveEvent[]) {
            const checked = LIVE_EVENT_SCHEMAS[event.type].safeParse(event);
            if (!checked.success) failures.push(`#${i}: an invalid ${event.type} event got through: ${checked.error.message.slice(0, 200)}`);
          }
        } catch (error) {
          failures.push(`#${i}: threw ${String(error).slice(0, 200)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing of a payload leaked onto every object.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.events).toBeGreaterThan(0);
    console.info(`stanza fuzz: ${STANZAS} stanzas × 2 readers (seed ${SEED}), ${outcomes.events} events read, ${outcomes.refused} refused, ${Date.now() - started} ms`);
  });
});
