import type { AnalyticsEvent } from './types';

/**
 * The in-memory window of recent events, oldest first, holding at most `capacity`. Appending is
 * amortised O(1): the backing array is compacted only when half of it is dead.
 * @example const buffer = createEventBuffer(20_000); buffer.push(event); buffer.newest(10);
 */
export interface EventBuffer {
  capacity: number;
  readonly size: number;
  push(event: AnalyticsEvent): void;
  /** Adds an event that may be older than the newest (another tab's, a session end). */
  insert(event: AnalyticsEvent): void;
  /** Events with time >= `time`, oldest first. */
  since(time: number): AnalyticsEvent[];
  /** The newest `n`, newest first. */
  newest(n: number): AnalyticsEvent[];
  /** Calls `fn` for every event with time >= `time` (no copy). */
  forEachSince(time: number, fn: (event: AnalyticsEvent) => void): void;
  toArray(): AnalyticsEvent[];
  clear(): void;
}

export function createEventBuffer(initialCapacity: number): EventBuffer {
  let items: AnalyticsEvent[] = [];
  let head = 0;
  let capacity = initialCapacity;

  const trim = (): void => {
    if (items.length - head > capacity) head = items.length - capacity;
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
  };
  const firstIndexAt = (time: number): number => {
    let lo = head;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    get capacity() {
      return capacity;
    },
    set capacity(value: number) {
      capacity = value;
      trim();
    },
    get size() {
      return items.length - head;
    },
    push(event) {
      items.push(event);
      if (items.length - head > capacity) trim();
    },
    insert(event) {
      items.push(event);
      let i = items.length - 1;
      while (i > head && items[i - 1]!.time > event.time) {
        items[i] = items[i - 1]!;
        i--;
      }
      items[i] = event;
      if (items.length - head > capacity) trim();
    },
    since(time) {
      return items.slice(firstIndexAt(time));
    },
    newest(n) {
      const out: AnalyticsEvent[] = [];
      for (let i = items.length - 1; i >= head && out.length < n; i--) out.push(items[i]!);
      return out;
    },
    forEachSince(time, fn) {
      for (let i = firstIndexAt(time); i < items.length; i++) fn(items[i]!);
    },
    toArray() {
      return items.slice(head);
    },
    clear() {
      items = [];
      head = 0;
    },
  };
}
