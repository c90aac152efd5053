const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * Sizes as the seed shows them: binary units, at most two decimals, trailing zeros dropped.
 * @example formatBytes(131_596_288) // '125.5 MB'
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const exponent = Math.min(Math.floor(Math.log(bytes) / Math.log(1024)), SIZE_UNITS.length - 1);
  const value = Number.parseFloat((bytes / 1024 ** exponent).toFixed(2));
  return `${value} ${SIZE_UNITS[exponent]}`;
}

/**
 * Durations as the seed shows them.
 * @example formatDuration(205_000) // '3m 25s'
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${minutes}m ${seconds}s`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/**
 * A ratio (0–1) as a percentage with one decimal.
 * @example formatPercent(0.355) // '35.5%'
 */
export function formatPercent(ratio: number): string {
  const value = Number.isFinite(ratio) ? ratio * 100 : 0;
  return `${value.toFixed(1)}%`;
}
