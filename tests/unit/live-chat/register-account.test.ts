import { describe, expect, it } from 'vitest';
import { isChatbotError } from '../../../src/core/errors';
import { createBackoffPolicy } from '../../../src/live-chat/protocol/reconnect-policy';
import { randomString, registerAccount, registerThrowawayAccount, type FrameSocket } from '../../../src/live-chat/protocol/register-account';
import { parseXml } from './xml-fixture';

const FEATURES =
  '<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>SCRAM-SHA-1</mechanism></mechanisms>' +
  '<register xmlns="http://jabber.org/features/iq-register"/></stream:features>';
const conflict = '<iq xmlns="jabber:client" type="error" id="register-1"><error type="cancel"><conflict xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>';

/** A scripted server: answers the stream open with `features`, then each registration with the next answer. */
function fakeServer(features: string, answers: string[]) {
  const sent: string[][] = [];
  const createSocket = (): FrameSocket => {
    const frames: string[] = [];
    sent.push(frames);
    const socket: FrameSocket = {
      onopen: null,
      onmessage: null,
      onerror: null,
      onclose: null,
      readyState: 1,
      send(data) {
        frames.push(data);
        const reply = data.startsWith('<open') ? features : data.startsWith('<iq') ? answers.shift() : undefined;
        if (reply) queueMicrotask(() => socket.onmessage?.({ data: reply }));
      },
      close() {
        (socket as { readyState: number }).readyState = 3;
      },
    };
    queueMicrotask(() => socket.onopen?.({}));
    return socket;
  };
  return { sent, createSocket, parseFrame: parseXml };
}

describe('in-band registration', () => {
  it('registers over its own stream and closes it', async () => {
    const server = fakeServer(FEATURES, ['<iq xmlns="jabber:client" type="result" id="register-1"/>']);
    await expect(registerAccount({ service: 'ws://x', domain: 'chat.example', username: 'c1', password: 'p&1', ...server })).resolves.toBe('c1@chat.example');
    expect(server.sent[0]).toEqual([
      '<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="chat.example" version="1.0"/>',
      '<iq xmlns="jabber:client" type="set" id="register-1"><query xmlns="jabber:iq:register"><username>c1</username><password>p&amp;1</password></query></iq>',
      '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>',
    ]);
  });

  it('says why it was refused: throttled, no registration offered', async () => {
    const throttled = fakeServer(FEATURES, [
      '<iq xmlns="jabber:client" type="error" id="register-1"><error type="wait"><policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>',
    ]);
    const error = await registerAccount({ service: 'ws://x', domain: 'chat.example', username: 'c1', password: 'p', ...throttled }).catch((e: unknown) => e);
    expect(isChatbotError(error, 'FORBIDDEN') && error.details).toEqual({ condition: 'policy-violation', type: 'wait' });
    const closed = fakeServer('<stream:features xmlns:stream="http://etherx.jabber.org/streams"/>', []);
    await expect(registerAccount({ service: 'ws://x', domain: 'chat.example', username: 'c1', password: 'p', ...closed })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('makes a random throwaway account and takes another name when one is taken', async () => {
    const server = fakeServer(FEATURES, [conflict, '<iq xmlns="jabber:client" type="result" id="register-1"/>']);
    const account = await registerThrowawayAccount({ service: 'ws://x', domain: 'chat.example', ...server });
    expect(account.username).toMatch(/^c[a-z0-9]{20}$/);
    expect(account.password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(account.jid).toBe(`${account.username}@chat.example`);
    expect(server.sent).toHaveLength(2);
    const gaveUp = fakeServer(FEATURES, [conflict, conflict]);
    await expect(registerThrowawayAccount({ service: 'ws://x', domain: 'chat.example', attempts: 2, ...gaveUp })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('draws random characters without bias from the byte source', () => {
    // 252 is past the last whole multiple of 36 below 256 (252 = 7 × 36): it must be skipped.
    const bytes = [252, 0, 253, 35, 36];
    const fill = (target: Uint8Array) => target.forEach((_, i) => (target[i] = bytes.shift() ?? 1));
    expect(randomString(3, 'abcdefghijklmnopqrstuvwxyz0123456789', fill)).toBe('a9a');
  });
});

describe('backoff policy', () => {
  it('doubles the delay up to the ceiling, with bounded jitter, and can give up', () => {
    const fixed = createBackoffPolicy({ initialMs: 100, maxMs: 1_000, jitter: 0, maxAttempts: 6 });
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => fixed.delayFor(n))).toEqual([100, 200, 400, 800, 1_000, 1_000, undefined]);
    const jittered = createBackoffPolicy({ initialMs: 1_000, jitter: 0.5, random: () => 0 });
    expect(jittered.delayFor(1)).toBe(500);
  });
});
