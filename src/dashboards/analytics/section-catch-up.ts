/** What the catch-up needs of the page (a `Window` is one): timers, and when there are, idle callbacks and IntersectionObserver. */
export interface CatchUpHost<Target = Element> {
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestIdleCallback?(run: () => void, options: { timeout: number }): number;
  cancelIdleCallback?(id: number): void;
  IntersectionObserver?: new (report: (entries: ReadonlyArray<{ target: Target; isIntersecting: boolean }>) => void) => {
    observe(target: Target): void;
    disconnect(): void;
  };
}

export interface SectionCatchUpOptions<Id extends string, Target = Element> {
  host: CatchUpHost<Target>;
  /** Each section's element: what is watched coming on and off screen. */
  sections: Record<Id, Target>;
  /** A section off screen is brought up to date at most this long after it missed a redraw. */
  everyMs: number;
  /** Draws the given sections from the current model (each compares with what it shows). */
  draw(ids: Id[]): void;
}

/**
 * Which live sections a burst redraws now: the ones on screen. A section off screen only notes
 * that it missed a redraw; it is brought up to date as soon as it comes into view, and otherwise
 * within `everyMs` (in an idle period, all missed sections at once), so a screen reader going
 * through the page never reads figures older than that. `flush()` draws every missed section
 * (an export writes exactly what is shown). Without IntersectionObserver every section counts as
 * on screen.
 * @example const sections = createSectionCatchUp({ host: window, sections: { live, overview }, everyMs: 2000, draw }); sections.changed(['live']);
 */
export interface SectionCatchUp<Id extends string> {
  /** The model changed for these sections: the ones on screen are drawn now, the others later. */
  changed(ids: Iterable<Id>): void;
  /** Draws every section that missed a redraw, on screen or not. */
  flush(): void;
  /** Every section was just drawn from the current model (a refresh). */
  fresh(): void;
  dispose(): void;
}

/** How long the catch-up waits for an idle period past its due time before drawing anyway. */
const IDLE_TIMEOUT_MS = 500;

export function createSectionCatchUp<Id extends string, Target = Element>(options: SectionCatchUpOptions<Id, Target>): SectionCatchUp<Id> {
  const { host, sections, everyMs } = options;
  const ids = Object.keys(sections) as Id[];
  const Observer = host.IntersectionObserver;
  const visible = new Set<Id>(Observer ? [] : ids);
  const missed = new Set<Id>();
  let timer: number | undefined;
  let idle: number | undefined;
  let disposed = false;

  const cancel = (): void => {
    if (timer !== undefined) host.clearTimeout(timer);
    if (idle !== undefined) host.cancelIdleCallback?.(idle);
    timer = idle = undefined;
  };
  const draw = (which: Id[]): void => {
    if (which.length === 0 || disposed) return;
    for (const id of which) missed.delete(id);
    if (missed.size === 0) cancel();
    options.draw(which);
  };
  const catchUp = (): void => {
    timer = idle = undefined;
    draw([...missed]);
  };
  /** From the first missed redraw, not the last: a steady flow of bursts cannot push it back. */
  const schedule = (): void => {
    if (disposed || missed.size === 0 || timer !== undefined || idle !== undefined) return;
    timer = host.setTimeout(() => {
      timer = undefined;
      if (host.requestIdleCallback) idle = host.requestIdleCallback(catchUp, { timeout: IDLE_TIMEOUT_MS });
      else catchUp();
    }, everyMs);
  };

  const observer = Observer && new Observer((entries) => {
    const appeared: Id[] = [];
    for (const entry of entries) {
      const id = ids.find((i) => sections[i] === entry.target);
      if (id === undefined) continue;
      if (entry.isIntersecting) {
        visible.add(id);
        if (missed.has(id)) appeared.push(id);
      } else visible.delete(id);
    }
    draw(appeared);
  });
  for (const id of ids) observer?.observe(sections[id]);

  return {
    changed(which) {
      const now: Id[] = [];
      for (const id of which) {
        if (visible.has(id)) now.push(id);
        else missed.add(id);
      }
      draw(now);
      schedule();
    },
    flush() {
      draw([...missed]);
    },
    fresh() {
      missed.clear();
      cancel();
    },
    dispose() {
      disposed = true;
      cancel();
      observer?.disconnect();
    },
  };
}
