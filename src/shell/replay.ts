import type { QueuedCall } from '../loader/stub-protocol';

/**
 * Replays the calls the stub recorded before the bundle loaded, in order, against the real
 * objects, settling each recorded promise with the real result.
 * @example await replayQueue(stub.queue, system as unknown as Record<string, unknown>, () => (stub.system = system));
 */
export async function replayQueue(queue: QueuedCall[], root: Record<string, unknown>, drained: () => void = () => undefined): Promise<void> {
  // Calls made while replaying (the awaits below) join the end of the queue and are replayed too.
  // `drained` runs in the same tick as the final empty check, so no call can slip in after it.
  for (let call = queue.shift(); ; call = queue.shift()) {
    if (!call) {
      drained();
      return;
    }
    try {
      const parentPath = call.path.slice(0, -1);
      const name = call.path[call.path.length - 1]!;
      let parent: unknown = root;
      for (const key of parentPath) parent = (parent as Record<string, unknown> | undefined)?.[key];
      if (typeof parent !== 'object' && typeof parent !== 'function') {
        throw new TypeError(`CHATBOT_SYSTEM.${call.path.join('.')} does not exist`);
      }
      const target = parent as Record<string, unknown>;
      if (call.kind === 'set') {
        target[name] = call.value;
        call.resolve(call.value);
        continue;
      }
      const fn = target[name];
      if (typeof fn !== 'function') throw new TypeError(`CHATBOT_SYSTEM.${call.path.join('.')} is not a function`);
      call.resolve(await (fn as (...args: unknown[]) => unknown).apply(target, call.args));
    } catch (error) {
      call.reject(error);
    }
  }
}
