import { toChatbotError } from '../core/errors';
import type * as OnDemandModule from './on-demand';

type OnDemand = typeof OnDemandModule;

let loading: Promise<OnDemand> | undefined;

/**
 * Loads the backup engine (see on-demand.ts) once; a failed load (a chunk the network lost) is
 * tried again on the next call instead of failing forever.
 * @example const { writeSnapshot } = await loadOnDemand();
 */
export function loadOnDemand(): Promise<OnDemand> {
  loading ??= import('./on-demand').catch((error: unknown) => {
    loading = undefined;
    throw toChatbotError(error, 'LOAD_FAILED', `the backup engine could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  });
  return loading;
}
