import type { QuietHours } from './preferences';

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * Whether `now` (epoch ms, read in the browser's local time zone) falls inside quiet hours.
 * The window includes `start` and excludes `end`; `22:00`–`08:00` spans midnight.
 * @example isQuietHours({ enabled: true, start: '22:00', end: '08:00' }, new Date(2025, 0, 1, 23, 30).getTime()) // true
 */
export function isQuietHours(quiet: QuietHours, now: number): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const date = new Date(now);
  const minute = date.getHours() * 60 + date.getMinutes();
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The next instant quiet hours end after `now` (local time), or undefined when not in quiet hours.
 * @example quietHoursEnd(prefs.quietHours, Date.now()) // ms of the next 08:00
 */
export function quietHoursEnd(quiet: QuietHours, now: number): number | undefined {
  if (!isQuietHours(quiet, now)) return undefined;
  const end = minutesOf(quiet.end);
  const date = new Date(now);
  for (let day = 0; day <= 2; day++) {
    // Constructing from local fields keeps DST days right: the wall-clock end is what counts.
    const candidate = new Date(date.getFullYear(), date.getMonth(), date.getDate() + day, Math.floor(end / 60), end % 60).getTime();
    if (candidate > now) return candidate;
  }
  return undefined;
}
