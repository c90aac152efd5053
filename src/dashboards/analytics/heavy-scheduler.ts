import type { HeavyPart } from './model';

export interface HeavySchedulerOptions {
  host: Window;
  /** The section of each part: a part is recomputed only while its section is on screen. */
  sections: Record<HeavyPart, HTMLElement>;
  /** A part on screen is recomputed at most this often while events keep coming. */
  everyMs: number;
  now(): number;
  /** Recomputes and redraws the given parts. */
  recompute(parts: HeavyPart[]): Promise<void>;
}

/**
 * When the funnel, cohorts and segments (each a pass over every event of the range) follow new
 * events: never in the burst's own task. A stale part on screen is recomputed in an idle period,
 * at most every `everyMs`; one off screen waits until it is scrolled into view (then at once);
 * `flush()` brings every stale part up to date (an export writes exactly what is shown).
 * @example const heavy = createHeavyScheduler({ host, sections, everyMs: 30_000, now, recompute }); heavy.stale(['funnel']);
 */
export interface HeavyScheduler {
  /** The parts' inputs changed. */
  stale(parts: Iterable<HeavyPart>): void;
  /** Every part was just computed (a new range or query). */
  fresh(): void;
  /** Recomputes every stale part now, on screen or not. */
  flush(): Promise<void>;
  dispose(): void;
}

export function createHeavyScheduler(options: HeavySchedulerOptions): HeavyScheduler {
  const { host } = options;
  const Observer = (host as Window & Partial<Pick<typeof globalThis, 'IntersectionObserver'>>).IntersectionObserver;
  const stale = new Set<HeavyPart>();
  const parts = Object.keys(options.sections) as HeavyPart[];
  // Without IntersectionObserver every section counts as on screen.
  const visible = new Set<HeavyPart>(Observer ? [] : parts);
  let last = options.now();
  let timer: number | undefined;
  let idle: number | undefined;
  let running: Promise<void> | undefined;
  let disposed = false;

  const run = (which: HeavyPart[]): Promise<void> => {
    for (const part of which) stale.delete(part);
    running = options.recompute(which).finally(() => {
      last = options.now();
      running = undefined;
      schedule(false);
    });
    return running;
  };
  const cancel = (): void => {
    if (timer !== undefined) host.clearTimeout(timer);
    if (idle !== undefined) host.cancelIdleCallback(idle);
    timer = idle = undefined;
  };
  /** `prompt`: a stale part just came on screen (no wait for `everyMs`). */
  const schedule = (prompt: boolean): void => {
    if (disposed || running || timer !== undefined || idle !== undefined) return;
    if (![...stale].some((part) => visible.has(part))) return;
    timer = host.setTimeout(() => {
      timer = undefined;
      idle = host.requestIdleCallback(() => {
        idle = undefined;
        const due = [...stale].filter((part) => visible.has(part));
        if (due.length > 0 && !disposed) void run(due);
      }, { timeout: 2000 });
    }, prompt ? 0 : Math.max(0, last + options.everyMs - options.now()));
  };

  const observer = Observer && new Observer((entries) => {
    let appeared = false;
    for (const entry of entries) {
      const part = parts.find((p) => options.sections[p] === entry.target);
      if (!part) continue;
      if (entry.isIntersecting) {
        appeared ||= stale.has(part) && !visible.has(part);
        visible.add(part);
      } else visible.delete(part);
    }
    if (appeared) {
      cancel();
      schedule(true);
    }
  });
  for (const part of parts) observer?.observe(options.sections[part]);

  return {
    stale(which) {
      for (const part of which) stale.add(part);
      schedule(false);
    },
    fresh() {
      cancel();
      stale.clear();
      last = options.now();
    },
    async flush() {
      cancel();
      if (running) await running;
      cancel();
      if (stale.size > 0) await run([...stale]);
    },
    dispose() {
      disposed = true;
      cancel();
      observer?.disconnect();
    },
  };
}
