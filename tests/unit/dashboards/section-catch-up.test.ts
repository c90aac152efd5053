import { describe, expect, it } from 'vitest';
import { createSectionCatchUp, type CatchUpHost } from '../../../src/dashboards/analytics/section-catch-up';

type Id = 'live' | 'overview' | 'topEvents';
/** A section as the fake page knows it. */
type Section = { id: Id };

/** A page whose timers, idle periods and scrolling the test drives. */
function fakePage(options: { observer?: boolean; idle?: boolean } = {}) {
  let clock = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const idles = new Map<number, () => void>();
  let report: ((entries: ReadonlyArray<{ target: Section; isIntersecting: boolean }>) => void) | undefined;
  const observed: Section[] = [];
  class Observer {
    constructor(callback: (entries: ReadonlyArray<{ target: Section; isIntersecting: boolean }>) => void) {
      report = callback;
    }
    observe(target: Section): void {
      observed.push(target);
    }
    disconnect(): void {
      report = undefined;
    }
  }
  const host: CatchUpHost<Section> = {
    setTimeout: (run: () => void, ms = 0) => {
      timers.set(nextId, { at: clock + ms, run });
      return nextId++;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    ...(options.idle === false ? {} : {
      requestIdleCallback: (run: () => void) => {
        idles.set(nextId, run);
        return nextId++;
      },
      cancelIdleCallback: (id: number) => void idles.delete(id),
    }),
    ...(options.observer === false ? {} : { IntersectionObserver: Observer }),
  };
  const sections: Record<Id, Section> = { live: { id: 'live' }, overview: { id: 'overview' }, topEvents: { id: 'topEvents' } };
  return {
    host,
    sections,
    observed,
    /** Time passes: due timers run, then the page goes idle. */
    advance(ms: number): void {
      clock += ms;
      for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > clock) continue;
        timers.delete(id);
        timer.run();
      }
      for (const [id, run] of [...idles]) {
        idles.delete(id);
        run();
      }
    },
    scroll(shown: Id[], hidden: Id[] = []): void {
      report?.([...shown.map((id) => ({ target: sections[id], isIntersecting: true })), ...hidden.map((id) => ({ target: sections[id], isIntersecting: false }))]);
    },
    pending: () => timers.size + idles.size,
  };
}

function setUp(options?: Parameters<typeof fakePage>[0]) {
  const page = fakePage(options);
  const drawn: Id[][] = [];
  const catchUp = createSectionCatchUp<Id, Section>({ host: page.host, sections: page.sections, everyMs: 2000, draw: (ids) => drawn.push([...ids].sort()) });
  return { page, drawn, catchUp };
}

describe('live sections off screen', () => {
  it('redraws the sections on screen at each burst and leaves the others for later', () => {
    const { page, drawn, catchUp } = setUp();
    expect(page.observed).toHaveLength(3);
    page.scroll(['live', 'overview'], ['topEvents']);
    catchUp.changed(['live', 'overview', 'topEvents']);
    expect(drawn).toEqual([['live', 'overview']]);
  });

  it('brings a section that missed bursts up to date as soon as it is scrolled into view', () => {
    const { page, drawn, catchUp } = setUp();
    page.scroll(['live'], ['overview', 'topEvents']);
    catchUp.changed(['live', 'topEvents']);
    catchUp.changed(['live', 'topEvents']);
    drawn.length = 0;
    page.scroll(['topEvents', 'overview'], ['live']);
    // The overview missed nothing: only the top events are drawn, once for both bursts.
    expect(drawn).toEqual([['topEvents']]);
    page.advance(5000);
    expect(drawn).toEqual([['topEvents']]);
  });

  it('draws every missed section within the cadence while bursts keep coming, not at every burst', () => {
    const { page, drawn, catchUp } = setUp();
    page.scroll(['live'], ['overview', 'topEvents']);
    for (let burst = 0; burst < 8; burst++) {
      catchUp.changed(['live', 'overview', 'topEvents']);
      page.advance(500);
    }
    const offScreen = drawn.filter((ids) => ids.includes('topEvents'));
    // 8 bursts over 4 s: the off-screen sections were drawn twice (at 2 s and 4 s), never with the live one.
    expect(offScreen).toEqual([['overview', 'topEvents'], ['overview', 'topEvents']]);
    expect(drawn.filter((ids) => ids.includes('live'))).toHaveLength(8);
    // Once caught up and without new bursts, nothing is left pending.
    page.advance(2000);
    expect(page.pending()).toBe(0);
  });

  it('draws every missed section on flush (an export writes what is shown), and nothing twice', () => {
    const { page, drawn, catchUp } = setUp();
    page.scroll(['live'], ['overview', 'topEvents']);
    catchUp.changed(['overview', 'topEvents']);
    catchUp.flush();
    expect(drawn).toEqual([['overview', 'topEvents']]);
    expect(page.pending()).toBe(0);
    catchUp.flush();
    page.advance(5000);
    expect(drawn).toHaveLength(1);
  });

  it('forgets missed bursts when everything was drawn anew, and draws nothing after dispose', () => {
    const { page, drawn, catchUp } = setUp();
    page.scroll([], ['live', 'overview', 'topEvents']);
    catchUp.changed(['overview']);
    catchUp.fresh();
    page.advance(5000);
    page.scroll(['overview']);
    expect(drawn).toEqual([]);
    catchUp.changed(['topEvents']);
    catchUp.dispose();
    page.advance(5000);
    page.scroll(['topEvents']);
    expect(drawn).toEqual([]);
  });

  it('counts every section as on screen without IntersectionObserver, and catches up without idle callbacks', () => {
    const plain = setUp({ observer: false });
    plain.catchUp.changed(['live', 'topEvents']);
    expect(plain.drawn).toEqual([['live', 'topEvents']]);

    const noIdle = setUp({ idle: false });
    noIdle.catchUp.changed(['topEvents']);
    noIdle.page.advance(1999);
    expect(noIdle.drawn).toEqual([]);
    noIdle.page.advance(1);
    expect(noIdle.drawn).toEqual([['topEvents']]);
  });
});
