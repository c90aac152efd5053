import { toChatbotError } from '../core/errors';
import type { CloudSync, CloudSyncDeps } from './cloud';

/**
 * The cloud queue (cloud.ts, over the durable outbox) loaded only when it has work: cloud sync is
 * configured, or someone asks how many uploads wait. A store without cloud sync never downloads it.
 * A failed load (a chunk the network lost) is tried again on the next call.
 * @example const cloud = createLazyCloudSync(deps); cloud.enqueue(backup.id);
 */
export function createLazyCloudSync(deps: CloudSyncDeps): CloudSync {
  let loading: Promise<CloudSync> | undefined;
  let disposed = false;
  const report = (error: unknown): void => deps.reportError(toChatbotError(error, 'NETWORK'));
  const load = (): Promise<CloudSync> => {
    loading ??= import('./cloud').then(
      ({ createCloudSync }) => {
        const sync = createCloudSync(deps);
        if (disposed) sync.dispose();
        return sync;
      },
      (error: unknown) => {
        loading = undefined;
        throw toChatbotError(error, 'LOAD_FAILED', `cloud sync could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return loading;
  };
  return {
    enqueue(backupId) {
      if (deps.config()) void load().then((sync) => sync.enqueue(backupId), report);
    },
    process() {
      if (!loading && !deps.config()) {
        deps.planned?.(undefined); // uploads wait for cloud to be configured again, not for a page
        return Promise.resolve();
      }
      return load().then((sync) => sync.process(), report);
    },
    async pending() {
      return (await load()).pending();
    },
    dispose() {
      disposed = true;
      void loading?.then((sync) => sync.dispose(), () => undefined);
    },
  };
}
