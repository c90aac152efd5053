import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTabPayload, type TabPayload } from '../../../src/core/tab-messages';
import { createTabChannel, type TabChannel } from '../../../src/core/tabs';
import { uniqueChannelName } from '../helpers';
import { pollUntil } from '../../shared/poll';

const typing: TabPayload = { kind: 'messaging-typing', conversationId: 'conv_1', userId: 'ana', typing: true };

describe('tab channel', () => {
  const open: Array<TabChannel | BroadcastChannel> = [];
  const channel = (name: string): TabChannel => {
    const tabs = createTabChannel(name);
    open.push(tabs);
    return tabs;
  };
  afterEach(() => {
    for (const item of open.splice(0)) item.close();
  });

  it('delivers a message to the other tabs listening to its kind, not back to the sender', async () => {
    const name = uniqueChannelName();
    const [a, b] = [channel(name), channel(name)];
    const onA = vi.fn();
    const onTyping = vi.fn();
    const onStorage = vi.fn();
    a.subscribe('messaging-typing', onA);
    b.subscribe('messaging-typing', onTyping);
    b.subscribe('storage', onStorage);
    a.post(typing);
    await pollUntil(() => expect(onTyping).toHaveBeenCalledWith(typing, a.tabId));
    expect(onA).not.toHaveBeenCalled();
    expect(onStorage).not.toHaveBeenCalled();
  });

  it('ignores what another script of the origin posts unless it is a well-formed message', async () => {
    const name = uniqueChannelName();
    const tab = channel(name);
    const onTyping = vi.fn();
    const onPush = vi.fn();
    tab.subscribe('messaging-typing', onTyping);
    tab.subscribe('push', onPush);
    const intruder = new BroadcastChannel(name);
    open.push(intruder);
    for (const junk of [
      null,
      'typing',
      { from: 'tab_x' },
      { from: 42, payload: typing },
      { from: 'tab_x', payload: { kind: 'messaging-typing', conversationId: 'conv_1', userId: 7, typing: true } },
      { from: 'tab_x', payload: { kind: 'push', type: 'clicked', id: 'ntf_1' } },
      { from: 'tab_x', payload: { kind: 'push', type: 'exploded' } },
      { from: 'tab_x', payload: { kind: 'unknown-kind' } },
    ]) intruder.postMessage(junk);
    // One sender's messages arrive in order: once the valid one is heard, the junk was dropped.
    intruder.postMessage({ from: 'tab_x', payload: typing });
    await pollUntil(() => expect(onTyping).toHaveBeenCalledTimes(1));
    expect(onTyping).toHaveBeenCalledWith(typing, 'tab_x');
    expect(onPush).not.toHaveBeenCalled();
  });

  it('stops delivering to a listener once unsubscribed', async () => {
    const name = uniqueChannelName();
    const [a, b] = [channel(name), channel(name)];
    const first = vi.fn();
    const second = vi.fn();
    b.subscribe('messaging-typing', first)();
    b.subscribe('messaging-typing', second);
    a.post(typing);
    await pollUntil(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
  });
});

describe('isTabPayload', () => {
  it.each<[string, unknown]>([
    ['a storage change with a record', { kind: 'storage', changes: [{ store: 'messages', op: 'put', key: 'msg_1', value: { id: 'msg_1', text: 'hola' } }] }],
    ['a storage clear', { kind: 'storage', changes: [{ store: 'kv', op: 'clear' }] }],
    ['a restored backup', { kind: 'backup', type: 'restored', backupId: 'bkp_1', timestamp: '2025-01-01T00:00:00.000Z', reload: false }],
    ['a visitor seen', { kind: 'analytics-presence', anonymousId: 'anon_1', userId: null, at: 1 }],
    ['a worker failure without a code', { kind: 'push', type: 'error', message: 'boom' }],
    ['a new push subscription', { kind: 'push', type: 'subscription_changed', subscription: { endpoint: 'https://push.example/1' } }],
  ])('accepts %s', (_, value) => {
    expect(isTabPayload(value)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a change to a record without id', { kind: 'storage', changes: [{ store: 'messages', op: 'put', value: { text: 'hola' } }] }],
    ['a change with an unknown operation', { kind: 'storage', changes: [{ store: 'messages', op: 'drop' }] }],
    ['changes that are not a list', { kind: 'storage', changes: { store: 'kv', op: 'clear' } }],
    ['a restore without its id', { kind: 'backup', type: 'restored', timestamp: 'now', reload: true }],
    ['a visitor seen at no time', { kind: 'analytics-presence', anonymousId: 'anon_1', userId: null, at: 'now' }],
    ['a click without its ids', { kind: 'push', type: 'clicked', id: 'ntf_1', action: '', url: null }],
    ['an inherited kind name', { kind: 'toString' }],
  ])('rejects %s', (_, value) => {
    expect(isTabPayload(value)).toBe(false);
  });
});
