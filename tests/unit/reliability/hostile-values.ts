import type { Random } from './mutate-backup';

/** The field names the four modules' inputs use: a throwing getter or a hostile value goes under each. */
export const FIELD_NAMES = [
  'text', 'title', 'body', 'id', 'name', 'type', 'metadata', 'data', 'options', 'category', 'attachments', 'location',
  'at', 'since', 'until', 'limit', 'offset', 'passphrase', 'url', 'icon', 'actions', 'priority', 'tag', 'properties',
  'traits', 'userId', 'conversationId', 'participants', 'replyTo', 'threadId', 'mentions', 'enabled', 'interval',
  'quietHours', 'retention', 'autoBackup', 'cloud', 'includedData', 'clearExisting', 'reload', 'format', 'query', 'emoji',
] as const;

/** Throws what a hostile caller's code would: a TypeError, as engine errors are. */
const boom = (where: string): never => {
  throw new TypeError(`hostile ${where}`);
};

/** An object whose every field the modules read throws when read. */
function throwingGetters(): object {
  const target: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) Object.defineProperty(target, name, { enumerable: true, get: () => boom(`getter ${name}`) });
  return target;
}

/** A proxy throwing from every trap: reading, listing keys, describing, even asking its prototype. */
function throwingProxy(): object {
  const trap = (name: string) => () => boom(`proxy ${name}`);
  return new Proxy({}, {
    get: trap('get'), has: trap('has'), ownKeys: trap('ownKeys'), getOwnPropertyDescriptor: trap('getOwnPropertyDescriptor'),
    getPrototypeOf: trap('getPrototypeOf'), set: trap('set'), defineProperty: trap('defineProperty'), deleteProperty: trap('deleteProperty'),
    isExtensible: trap('isExtensible'), preventExtensions: trap('preventExtensions'), setPrototypeOf: trap('setPrototypeOf'),
    apply: trap('apply'), construct: trap('construct'),
  });
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({ text: 'hola' }, {});
  revoke();
  return proxy;
}

/** A proxy over a plausible object that claims every key and answers each with a getter-free lie. */
function liarProxy(): object {
  return new Proxy({ text: 'hola', title: 'hola' }, { get: (target, key) => (key === Symbol.toPrimitive ? undefined : Reflect.get(target, key) ?? 'x'), has: () => true });
}

function convertsBadly(): object {
  return {
    toString: () => boom('toString'),
    valueOf: () => boom('valueOf'),
    toJSON: () => boom('toJSON'),
    [Symbol.toPrimitive]: () => boom('toPrimitive'),
    [Symbol.iterator]: () => boom('iterator'),
  };
}

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) value = { a: value, text: 'hola' };
  return value;
}

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { text: 'hola', title: 'hola', metadata: {} };
  value.self = value;
  (value.metadata as Record<string, unknown>).parent = value;
  return value;
}

const HUGE = 'x'.repeat(1_000_000);

/** Every kind of hostile value, made fresh per use (a callee may keep or change what it was given). */
export const HOSTILE_VALUES: ReadonlyArray<readonly [string, () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['-0', () => -0],
  ['MAX_VALUE', () => Number.MAX_VALUE],
  ['empty string', () => ''],
  ['whitespace', () => ' \t\n\u00a0\u2028 '],
  ['lone surrogate', () => '\ud800hola\udfff'],
  ['NUL string', () => '\u0000'],
  ['1e6-char string', () => HUGE],
  ['symbol', () => Symbol('hostile')],
  ['bigint', () => 10n ** 30n],
  ['function', () => () => 'x'],
  ['circular object', circular],
  ['10,000 levels', () => nested(10_000)],
  ['__proto__ keys', () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"text":"hola","title":"hola"}') as unknown],
  ['null-prototype object', () => Object.assign(Object.create(null) as object, { text: 'hola', title: 'hola' })],
  ['frozen object', () => Object.freeze({ text: 'hola', title: 'hola', metadata: Object.freeze({}) })],
  ['throwing getters', throwingGetters],
  ['throwing proxy', throwingProxy],
  ['revoked proxy', revokedProxy],
  ['liar proxy', liarProxy],
  ['converts badly', convertsBadly],
  ['invalid Date', () => new Date(Number.NaN)],
  ['far Date', () => new Date(8.64e15)],
  ['sparse array of 1e6', () => new Array(1_000_000)],
  ['100,000 items', () => Array.from({ length: 100_000 }, (_, i) => `u${i}`)],
  ['array of hostiles', () => [undefined, null, NaN, Symbol('s'), circular(), throwingGetters()]],
  ['Map', () => new Map([['text', 'hola']])],
  ['Promise', () => Promise.resolve('hola')],
  ['Blob', () => new Blob(['x'])],
  ['RegExp', () => /.*/],
  ['Error', () => new Error('hola')],
  ['typed array', () => new Uint8Array(16)],
];

/**
 * A hostile value, or a plausible object (one of `plausible`) with hostile values under some of
 * its fields or under the fields the modules read.
 */
export function hostileValue(random: Random, plausible: readonly unknown[]): { label: string; value: unknown } {
  const [label, make] = random.pick(HOSTILE_VALUES);
  const base = plausible.length > 0 ? random.pick(plausible) : undefined;
  if (random.next() < 0.4 && base && typeof base === 'object') {
    const field = random.pick(FIELD_NAMES);
    return { label: `{ …, ${field}: ${label} }`, value: { ...(structuredClone(base) as object), [field]: make() } };
  }
  return { label, value: make() };
}
