import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../src/core/manual-clock';
import { trackScroll } from '../../../src/analytics/autotrack/interactions';

/** A page 4,000 px tall in a 1,000 px window, scrolled by hand. */
function scrollablePage() {
  const target = new EventTarget();
  const page = Object.assign(target, {
    scrollY: 0,
    innerHeight: 1000,
    location: { pathname: '/tienda.html' },
    document: { documentElement: { scrollHeight: 4000 }, body: { scrollHeight: 4000 } },
  });
  return {
    host: page as unknown as Window,
    scrollTo(y: number) {
      page.scrollY = y;
      target.dispatchEvent(new Event('scroll'));
    },
  };
}

describe('scroll depth milestones', () => {
  it('records each milestone once per page view, measured after the scrolling settles', () => {
    const clock = createManualClock(0);
    const depths: unknown[] = [];
    const page = scrollablePage();
    const scroll = trackScroll(page.host, { clock, capture: (_event, properties) => depths.push(properties.depth), pageView: () => undefined, captureError: () => undefined });
    for (let y = 0; y <= 3000; y += 250) page.scrollTo(y);
    expect(depths).toEqual([]); // measured once, 100 ms after the first scroll event
    clock.advance(100);
    expect(depths).toEqual([25, 50, 75, 100]);
    // Back up and down again on the same page view: nothing new.
    page.scrollTo(0);
    page.scrollTo(3000);
    clock.advance(1000);
    expect(depths).toEqual([25, 50, 75, 100]);
    // A new page view starts over.
    scroll.reset();
    page.scrollTo(1500);
    clock.advance(100);
    expect(depths).toEqual([25, 50, 75, 100, 25, 50]);
    scroll.stop();
  });
});
