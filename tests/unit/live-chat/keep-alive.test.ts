import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { createKeepAlive } from '../../../src/live-chat/protocol/keep-alive';

// A connection that died without a word is replaced within a minute; a live one is never
// bothered while traffic flows.

function rig(intervalMs = 20_000) {
  const clock = createManualClock(0);
  const pings: number[] = [];
  const deaths: number[] = [];
  const keepAlive = createKeepAlive({
    clock,
    intervalMs,
    ping: () => {
      pings.push(clock.now());
      return new Promise(() => undefined);
    },
    onDead: () => deaths.push(clock.now()),
  });
  return { clock, pings, deaths, keepAlive };
}

describe('the keep-alive of the XMPP connection', () => {
  it('declares a silent connection dead within a minute of its last word, once', () => {
    const { clock, pings, deaths, keepAlive } = rig();
    keepAlive.start();
    clock.advance(10_000);
    keepAlive.heard(); // the last stanza before the socket went quiet
    for (let t = 0; t < 120_000; t += 1_000) clock.advance(1_000);
    expect(pings).toEqual([40_000]);
    expect(deaths).toEqual([60_000]);
    expect(deaths[0]! - 10_000).toBeLessThanOrEqual(60_000);
  });

  it('sends nothing while the server keeps talking, and a ping answered in time keeps the connection', () => {
    const { clock, pings, deaths, keepAlive } = rig();
    keepAlive.start();
    for (let t = 0; t < 100_000; t += 5_000) {
      clock.advance(5_000);
      keepAlive.heard();
    }
    expect(pings).toEqual([]);
    // Quiet now: a ping goes out, its answer arrives, no death.
    clock.advance(40_000);
    expect(pings).toHaveLength(1);
    keepAlive.heard();
    clock.advance(20_000);
    expect(deaths).toEqual([]);
  });

  it('stops watching when the stream ends, and starts afresh on the next one', () => {
    const { clock, pings, deaths, keepAlive } = rig();
    keepAlive.start();
    clock.advance(30_000);
    keepAlive.stop();
    clock.advance(120_000);
    expect(deaths).toEqual([]);
    keepAlive.start();
    clock.advance(60_000);
    expect(pings).toHaveLength(2);
    expect(deaths).toEqual([190_000]);
  });
});
