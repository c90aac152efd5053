import { afterEach, describe, expect, it } from 'vitest';
import { isChatbotError, type ChatbotError } from '../../src/core/errors';
import { outcomeOf } from './call-outcome';
import { createSystem, type ChatbotSystem } from '../../src/system';

const SYSTEMS = ['messaging', 'pushNotifications', 'realtimeAnalytics', 'backupSystem'] as const;
type SystemName = (typeof SYSTEMS)[number];

/** Teardown, not an API call: it takes no arguments and the test destroys the system itself. */
const SKIPPED = new Set(['dispose']);
/** Calls that wipe or switch off what the other calls need: they run after the rest. */
const LAST = new Set(['clearStorage', 'deleteAllBackups', 'clearAll', 'restoreBackup', 'restoreToPointInTime', 'optOut', 'reset']);
const CALL_TIMEOUT_MS = 5_000;

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function circular(): Record<string, unknown> {
  const value: Record<string, unknown> = { text: 'hola', metadata: {} };
  value.self = value;
  (value.metadata as Record<string, unknown>).parent = value;
  return value;
}

const HUGE = 'x'.repeat(1_000_000);

/** Every hostile argument, made fresh per call (a callee may keep or change what it was given). */
const HOSTILE: ReadonlyArray<readonly [string, () => unknown]> = [
  ['undefined', () => undefined],
  ['null', () => null],
  ['NaN', () => NaN],
  ['Infinity', () => Infinity],
  ['-Infinity', () => -Infinity],
  ['whitespace', () => ' \t\n '],
  ['1e6-char string', () => HUGE],
  ['symbol', () => Symbol('hostile')],
  ['bigint', () => 10n],
  ['function', () => () => 'x'],
  ['circular object', circular],
  ['10,000 levels', () => nested(10_000)],
  ['__proto__ keys', () => JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"text":"hola"}') as unknown],
  ['array of hostiles', () => [undefined, null, NaN, Symbol('s'), circular(), nested(10_000)]],
];

function methodsOf(target: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = target; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function' && !SKIPPED.has(name)) names.add(name);
    }
  }
  return [...names].sort((a, b) => Number(LAST.has(a)) - Number(LAST.has(b)));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 160)}` : String(error).slice(0, 160);
}

let system: ChatbotSystem | undefined;
afterEach(async () => {
  await system?.destroy();
  system = undefined;
});

describe('every public method with hostile arguments', () => {
  it('answers with a result or a ChatbotError, never hangs, never pollutes Object.prototype, and keeps working', async () => {
    system = createSystem({});
    await system.ready;
    const background: ChatbotError[] = [];
    system.on('error', (error) => background.push(error));
    const prototypeKeys = Reflect.ownKeys(Object.prototype);

    // Real ids, so calls get past their first argument to the hostile ones.
    system.messaging.setCurrentUser('client_1');
    const conversation = system.messaging.createConversation(['client_1', 'asesor'], { type: 'direct' });
    const message = system.messaging.sendMessage(conversation.id, { text: 'hola' });
    const notification = await system.pushNotifications.send('Pedido enviado', { body: 'en camino' });
    const backup = await system.backupSystem.createBackup('manual', { trigger: 'hostile-test' });
    const firsts: Record<SystemName, unknown[]> = {
      messaging: [conversation.id, message.id],
      pushNotifications: ['Hola', notification.id],
      realtimeAnalytics: ['Evento', 'user_1'],
      backupSystem: [backup.id, 'manual'],
    };
    // Plausible second arguments, so options in third place are reached too.
    const seconds: Record<SystemName, unknown[]> = {
      messaging: [{ text: 'hola' }, 'hola'],
      pushNotifications: [{ body: 'en camino' }],
      realtimeAnalytics: [{ plan: 'pro' }],
      backupSystem: [{}],
    };

    const failures: string[] = [];
    let calls = 0;
    for (const name of SYSTEMS) {
      const target = system[name] as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of methodsOf(target)) {
        for (const [label, make] of HOSTILE) {
          const shapes: Array<{ text: string; args: () => unknown[] }> = [
            { text: `(${label})`, args: () => [make()] },
            { text: `(${label}, ${label}, ${label})`, args: () => [make(), make(), make()] },
            ...firsts[name].map((first) => ({ text: `(${String(first)}, ${label}, ${label})`, args: () => [first, make(), make()] })),
            ...firsts[name].flatMap((first) => seconds[name].map((second) => ({
              text: `(${String(first)}, ${JSON.stringify(second)}, ${label})`,
              args: () => [first, structuredClone(second), make()],
            }))),
            // Hostile values inside an otherwise plausible object (metadata, payload data, properties).
            ...firsts[name].flatMap((first) => seconds[name].filter((second) => typeof second === 'object').flatMap((second) => [
              { text: `(${String(first)}, { …${JSON.stringify(second)}, data: ${label} })`, args: () => [first, { ...(structuredClone(second) as object), data: make() }] },
              { text: `(${String(first)}, { value: ${label} })`, args: () => [first, { value: make() }] },
            ])),
          ];
          for (const shape of shapes) {
            calls++;
            const outcome = await outcomeOf(() => target[method]!(...shape.args()), CALL_TIMEOUT_MS);
            const where = `${name}.${method}${shape.text}`;
            if (outcome.kind === 'hang') failures.push(`${where}: no answer in ${CALL_TIMEOUT_MS} ms`);
            if (outcome.kind === 'other') failures.push(`${where}: ${describeError(outcome.error)}`);
            if (({} as Record<string, unknown>).polluted !== undefined) failures.push(`${where}: polluted Object.prototype`);
          }
        }
      }
    }

    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(15_000);
    expect(Reflect.ownKeys(Object.prototype)).toEqual(prototypeKeys);
    expect(background.filter((error) => !isChatbotError(error))).toEqual([]);

    // Nothing wedged: every module still takes a write and commits it.
    system.messaging.setCurrentUser('client_2');
    const after = system.messaging.createConversation(['client_2', 'asesor'], { type: 'direct' });
    system.messaging.sendMessage(after.id, { text: 'sigo aquí' });
    await system.pushNotifications.send('Sigo aquí');
    system.realtimeAnalytics.optIn();
    system.realtimeAnalytics.track('still_working');
    const last = await system.backupSystem.createBackup('manual', { trigger: 'after-sweep' });
    await system.flush();
    expect(system.backupSystem.listBackups().map((b) => b.id)).toContain(last.id);
    expect(system.messaging.getMessages(after.id).map((m) => m.content.text)).toEqual(['sigo aquí']);
  }, 300_000);
});
