import type { Clock } from '../core/clock';

/**
 * Saves a file the way a page can: an object URL on a hidden anchor with `download`, clicked.
 * @example downloadFile(window, systemClock, blob, 'backup.json');
 */
export function downloadFile(host: Window, clock: Clock, file: Blob, name: string): void {
  const doc = host.document;
  if (typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(file);
  const anchor = doc.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  doc.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  clock.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
