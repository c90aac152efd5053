import { describe, expect, it } from 'vitest';
import { createDisposables } from '../../../src/core/disposables';

/** An EventTarget that counts the listeners it holds (what a host page would keep alive). */
function countingTarget(): EventTarget & { count(): number } {
  const target = new EventTarget();
  let count = 0;
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  return Object.assign(target, {
    addEventListener: (...args: Parameters<EventTarget['addEventListener']>) => {
      count++;
      add(...args);
    },
    removeEventListener: (...args: Parameters<EventTarget['removeEventListener']>) => {
      count--;
      remove(...args);
    },
    count: () => count,
  });
}

describe('createDisposables', () => {
  it('removes every listener it added, capture ones too, and stops hearing events', () => {
    const owned = createDisposables();
    const host = countingTarget();
    const heard: string[] = [];
    owned.listen(host, 'online', () => heard.push('online'));
    owned.listen(host, 'pagehide', () => heard.push('pagehide'), { capture: true });
    host.dispatchEvent(new Event('online'));
    expect(host.count()).toBe(2);
    owned.dispose();
    expect(host.count()).toBe(0);
    host.dispatchEvent(new Event('online'));
    host.dispatchEvent(new Event('pagehide'));
    expect(heard).toEqual(['online']);
  });

  it('runs teardowns newest first, once, and at once when added after dispose', () => {
    const owned = createDisposables();
    const order: string[] = [];
    owned.add(() => order.push('first'));
    owned.add({ dispose: () => order.push('second') });
    owned.dispose();
    owned.dispose();
    expect(order).toEqual(['second', 'first']);
    expect(owned.disposed).toBe(true);
    owned.add(() => order.push('late'));
    expect(order).toEqual(['second', 'first', 'late']);
  });

  it('runs every teardown even when one throws, then throws that error', () => {
    const owned = createDisposables();
    const ran: string[] = [];
    owned.add(() => ran.push('a'));
    owned.add(() => {
      throw new TypeError('bug in a teardown');
    });
    owned.add(() => ran.push('c'));
    expect(() => owned.dispose()).toThrow(TypeError);
    expect(ran).toEqual(['c', 'a']);
  });
});
