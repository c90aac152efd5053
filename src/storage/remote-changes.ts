import type { TabStorageChange } from '../core/tabs';
import type { Change } from './mutations';
import { ENTITY_STORES } from './schema';

const STORE_NAMES: ReadonlySet<string> = new Set(ENTITY_STORES);

/**
 * The changes another tab announced that this version can apply: the tab protocol checked their
 * shape, this checks the store names (a newer tab may write a store this one does not have).
 * Values are trusted as far as committed IndexedDB records are: the other tab validated them.
 * @example notify(knownChanges(payload.changes), 'remote');
 */
export function knownChanges(changes: readonly TabStorageChange[]): Change[] {
  return changes.filter(isKnownChange);
}

function isKnownChange(change: TabStorageChange): change is Change {
  return STORE_NAMES.has(change.store);
}
