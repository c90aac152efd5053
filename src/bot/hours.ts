import type { I18n } from '../i18n';
import type { OpeningHours } from './settings';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEKDAY_INDEX: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/**
 * Whether the store is open at `now`, in the store's own time zone (a customer abroad or a
 * laptop on UTC still gets Colombian hours).
 * @example isOpenAt(settings.hours, Date.parse('2025-01-15T15:00:00Z')) // true: 10:00 in Bogotá
 */
export function isOpenAt(hours: OpeningHours, now: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = DAYS[WEEKDAY_INDEX[get('weekday')] ?? 0]!;
  const range = hours[day];
  if (!range) return false;
  const time = `${get('hour')}:${get('minute')}`;
  return time >= range[0] && time < range[1];
}

function formatTime(time: string, i18n: I18n): string {
  const [h, m] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(i18n.locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1, h, m));
}

/**
 * The weekly schedule in words, consecutive days with the same hours grouped:
 * "lunes a viernes: 8:00 a. m. a 6:00 p. m.; sábado: …; domingo: cerrado".
 * @example describeHours(settings.hours, i18n) // 'lunes a viernes: 8:00 a. m. a 6:00 p. m.; …'
 */
export function describeHours(hours: OpeningHours, i18n: I18n): string {
  // 2024-01-01 was a Monday.
  const dayName = (index: number): string =>
    new Intl.DateTimeFormat(i18n.locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index));
  const groups: Array<{ from: number; to: number; range: readonly [string, string] | null }> = [];
  DAYS.forEach((day, index) => {
    const range = hours[day];
    const last = groups[groups.length - 1];
    if (last && JSON.stringify(last.range) === JSON.stringify(range)) last.to = index;
    else groups.push({ from: index, to: index, range });
  });
  return groups
    .map((group) => {
      const days = group.from === group.to ? dayName(group.from) : i18n.t('bot.hours.range', { from: dayName(group.from), to: dayName(group.to) });
      const when = group.range
        ? i18n.t('bot.hours.range', { from: formatTime(group.range[0], i18n), to: formatTime(group.range[1], i18n) })
        : i18n.t('bot.hours.closedDay');
      return `${days}: ${when}`;
    })
    .join('; ');
}
