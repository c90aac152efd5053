import type { Change } from './mutations';
import type { EntityRecord, StoreKey, StoreName, StoreValue, ValueOf } from './schema';

/*
 * Records of a store are only ever written through the typed entry points (`Storage.put<S>`,
 * `update<S>`, `Collection<S>`) or by a restore of this database, so a record read back from
 * store S is S's type, and a kv record read under a key is the record of that key's namespace.
 * These functions are where that is asserted, once, instead of at every read in the modules.
 */

/** @example const pointer = storedAs('kv', 'analytics:session', record); */
export function storedAs<S extends StoreName, K extends StoreKey<S>>(_store: S, _key: K, record: EntityRecord | undefined): ValueOf<S, K> | undefined {
  return record as ValueOf<S, K> | undefined;
}

/** @example const all = storedAsMany('messages', records); */
export function storedAsMany<S extends StoreName>(_store: S, records: EntityRecord[]): Array<StoreValue<S>> {
  return records as Array<StoreValue<S>>;
}

/** @example changes.filter((change) => isChangeOf('kv', change)) */
export const isChangeOf = <S extends StoreName>(store: S, change: Change): change is Change<S> => change.store === store;
