/** One row of the `npm run bench` table. */
export interface BenchRow {
  figure: string;
  value: number;
  unit: string;
  /** A figure measured in the same run to compare with (the physical limit, a competitor). */
  baseline?: { label: string; value: number };
  /** value / baseline.value (or the inverse where lower is better), as the row wants it read. */
  ratio?: number;
  /** The target, in words, e.g. '≥ 0.5× raw IndexedDB'. */
  goal?: string;
  pass?: boolean;
}

export type BenchSuite = () => Promise<BenchRow[]>;
