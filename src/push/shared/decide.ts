import type { Category, Priority } from './constants';
import type { Preferences } from './preferences';
import { isQuietHours } from './quiet-hours';

/** What to do with a notification right now. */
export type Outcome = 'show' | 'queue' | 'suppressed' | 'blocked' | 'dropped';

export interface DecideInput {
  preferences: Preferences;
  category: Category;
  priority: Priority;
  now: number;
  permission: NotificationPermission | 'unsupported';
}

/**
 * The delivery rule, in order: a switched-off category drops it (the user opted out of it);
 * notifications switched off keep it in the center only; without permission nothing can be shown
 * (kept in the center); quiet hours queue it unless it is `urgent`; otherwise it is shown.
 * @example decide({ preferences, category: 'messages', priority: 'normal', now, permission: 'granted' }) // 'queue' at 23:00
 */
export function decide(input: DecideInput): Outcome {
  const { preferences } = input;
  if (!preferences.categories[input.category]) return 'dropped';
  if (!preferences.enabled) return 'suppressed';
  if (input.permission !== 'granted') return 'blocked';
  if (input.priority !== 'urgent' && isQuietHours(preferences.quietHours, input.now)) return 'queue';
  return 'show';
}
