/** How long retries wait: `baseMs` after the first failure, doubling per failure up to `maxMs`. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  /** Fraction of the delay drawn at random, 0–1 (default 0.5: "equal jitter"). */
  readonly jitter?: number;
}

/**
 * The one retry rule of the widget (the write queue, every outbox): exponential from `baseMs`,
 * capped at `maxMs`, with jitter ("equal jitter" by default: half fixed, half random) so that retries from many
 * tabs and pages spread out instead of hitting a recovering server together.
 * @param attempts failures so far (1 after the first)
 * @param random a number in [0, 1) (tests pass a fixed one)
 * @example backoffDelay(3, { baseMs: 1000, maxMs: 60_000 }, Math.random()) // 2000 … 4000
 */
export function backoffDelay(attempts: number, policy: BackoffPolicy, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jitter = policy.jitter ?? 0.5;
  return Math.round(ceiling * (1 - jitter + jitter * random));
}
