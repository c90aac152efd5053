import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackground } from '../../../src/core/background';
import { ChatbotError, isProgrammingError, toChatbotError, type ErrorCode } from '../../../src/core/errors';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A promise settled by hand. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(error: unknown): void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('background work', () => {
  it('idle() waits for the work tracked so far and for the work it starts meanwhile', async () => {
    const background = createBackground({ report: () => expect.unreachable() });
    const first = deferred();
    const second = deferred();
    const done: string[] = [];
    background.run(first.promise.then(() => {
      done.push('first');
      // A wake-up that starts a backup: started while idle() already waits.
      background.run(second.promise.then(() => done.push('second')), 'BACKUP_FAILED');
    }), 'STORAGE_FAILED');
    let idle = false;
    const waiting = background.idle().then(() => (idle = true));
    expect(background.busy).toBe(true);
    first.resolve();
    await first.promise;
    await Promise.resolve();
    expect(idle).toBe(false);
    second.resolve();
    await waiting;
    expect(done).toEqual(['first', 'second']);
    expect(background.busy).toBe(false);
  });

  it('reports a failure with the code of what was being done, or the one the failure says itself', async () => {
    const reported: Array<[ErrorCode, string]> = [];
    const background = createBackground({ report: (error) => reported.push([error.code, error.message]) });
    background.run(Promise.reject(new Error('socket hang up')), 'NETWORK', 'cloud sync');
    background.run(Promise.reject(new TypeError('Failed to fetch dynamically imported module: https://tienda.test/assets/panel.js')), 'LOAD_FAILED', 'the chat system could not load');
    background.run(Promise.reject(new DOMException('full', 'QuotaExceededError')), 'BACKUP_FAILED', 'automatic backup failed');
    background.run(Promise.reject(new DOMException('key already exists', 'ConstraintError')), 'BACKUP_FAILED', 'automatic backup failed');
    background.run(Promise.reject(new ChatbotError('OFFLINE', 'no network')), 'STORAGE_FAILED', 'reading');
    await background.idle();
    expect(reported).toEqual([
      ['NETWORK', 'Network request failed: cloud sync: socket hang up'],
      ['LOAD_FAILED', 'Could not load a part of the chat widget: the chat system could not load: Failed to fetch dynamically imported module: https://tienda.test/assets/panel.js'],
      ['QUOTA_EXCEEDED', 'Storage quota exceeded: automatic backup failed: full'],
      ['STORAGE_FAILED', 'Storage operation failed: automatic backup failed: key already exists'],
      ['OFFLINE', 'No network connection: no network'],
    ]);
  });

  it('lets a programming error surface instead of reporting it as a failure', async () => {
    const surfaced: unknown[] = [];
    const reported: ChatbotError[] = [];
    const background = createBackground({ report: (error) => reported.push(error), surface: (error) => surfaced.push(error) });
    const bugs = [new TypeError("Cannot read properties of undefined (reading 'id')"), new RangeError('Invalid time value'), new ReferenceError('session is not defined')];
    for (const bug of bugs) background.run(Promise.reject(bug), 'STORAGE_FAILED', 'pruning');
    await background.idle();
    expect(surfaced).toEqual(bugs);
    expect(reported).toEqual([]);
  });

  it('by default throws a programming error where the browser reports it as uncaught', async () => {
    const thrown: unknown[] = [];
    const real = globalThis.queueMicrotask;
    vi.stubGlobal('queueMicrotask', (callback: () => void) => real(() => {
      try {
        callback();
      } catch (error) {
        thrown.push(error);
      }
    }));
    const background = createBackground({ report: () => expect.unreachable() });
    const bug = new TypeError('engine.wake is not a function');
    background.run(Promise.reject(bug), 'STORAGE_FAILED');
    await background.idle();
    await new Promise<void>((resolve) => real(resolve));
    expect(thrown).toEqual([bug]);
  });
});

describe('toChatbotError', () => {
  it('rethrows a programming error, and wraps what failed outside our code', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'status')");
    expect(() => toChatbotError(bug, 'STORAGE_FAILED')).toThrow(bug);
    expect(() => toChatbotError(new RangeError('Maximum call stack size exceeded'), 'NETWORK')).toThrow(RangeError);
    expect(isProgrammingError(new ReferenceError('x is not defined'))).toBe(true);
    // Failures of the network, the browser or the store's files are not bugs.
    expect(toChatbotError(new TypeError('Failed to fetch'), 'NETWORK').code).toBe('NETWORK');
    expect(toChatbotError(new SyntaxError('Unexpected token < in JSON at position 0'), 'NETWORK').code).toBe('NETWORK');
    expect(toChatbotError(new DOMException('denied', 'NotAllowedError'), 'UNSUPPORTED').code).toBe('PERMISSION_DENIED');
    expect(toChatbotError('plain string', 'TIMEOUT')).toMatchObject({ code: 'TIMEOUT', message: 'Timed out: plain string' });
  });
});
