import { createUuid } from '../core/ids';
import { ANALYTICS_KV, type KvRecord, type ChatbotStorage } from '../storage';
import type { Properties } from './types';

export interface Identity {
  anonymousId: string;
  userId: string | null;
  traits: Properties;
}

/**
 * Who the events belong to, and whether the visitor opted out; both kept in `kv` so they survive
 * reloads and are the same in every tab. The first tab to commit an anonymous id wins: a second
 * tab opening at the same instant adopts it (the `update` merge keeps the stored one).
 * @example const ids = createIdentityStore(storage); await ids.load(); ids.value.anonymousId
 */
export interface IdentityStore {
  readonly value: Identity;
  readonly optedOut: boolean;
  load(): Promise<void>;
  identify(userId: string, traits: Properties): void;
  reset(): void;
  setOptedOut(optedOut: boolean): void;
  dispose(): void;
}

export function createIdentityStore(storage: ChatbotStorage): IdentityStore {
  let value: Identity = { anonymousId: createUuid(), userId: null, traits: {} };
  let optedOut = false;

  const apply = (record: KvRecord | undefined): void => {
    // Written by another version of the widget, a record may lack fields: read it defensively.
    if (record?.id === ANALYTICS_KV.identity && typeof record.anonymousId === 'string') {
      value = { anonymousId: record.anonymousId, userId: record.userId ?? null, traits: record.traits ?? {} };
    } else if (record?.id === ANALYTICS_KV.consent) {
      optedOut = record.optedOut === true;
    }
  };
  const unsubscribe = storage.subscribe('kv', (changes) => {
    for (const change of changes) apply(change.value);
  });
  let changedHere = false;
  const save = (): void => {
    changedHere = true;
    const next = { id: ANALYTICS_KV.identity, ...value };
    storage.put('kv', next);
  };

  return {
    get value() {
      return value;
    },
    get optedOut() {
      return optedOut;
    },
    async load() {
      const [identity, consent] = await Promise.all([storage.get('kv', ANALYTICS_KV.identity), storage.get('kv', ANALYTICS_KV.consent)]);
      apply(consent);
      if (identity) {
        apply(identity);
        return;
      }
      // Decided at commit time: an identify() or reset() made since then is this tab's intent and
      // wins (its own write follows in the same batch); else a stored identity is adopted.
      storage.update('kv', ANALYTICS_KV.identity, (stored) =>
        !changedHere && stored && typeof stored.anonymousId === 'string' ? stored : { id: ANALYTICS_KV.identity, ...value });
    },
    identify(userId, traits) {
      const sameUser = value.userId === userId;
      value = { anonymousId: value.anonymousId, userId, traits: sameUser ? { ...value.traits, ...traits } : { ...traits } };
      save();
    },
    reset() {
      value = { anonymousId: createUuid(), userId: null, traits: {} };
      save();
    },
    setOptedOut(next) {
      optedOut = next;
      storage.put('kv', { id: ANALYTICS_KV.consent, optedOut: next });
    },
    dispose() {
      unsubscribe();
    },
  };
}
