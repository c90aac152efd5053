import { assignProperty, readPath } from '../loader/legacy-globals';
import type { QueuedCall } from '../loader/stub-protocol';

/**
 * Replays the calls the stub recorded before the bundle loaded, in order, against the real
 * objects, settling each recorded promise with the real result.
 * @example await replayQueue(stub.queue, system, () => (stub.system = system));
 */
export async function replayQueue(queue: QueuedCall[], root: object, drained: () => void = () => undefined): Promise<void> {
  // Calls made while replaying (the awaits below) join the end of the queue and are replayed too.
  // `drained` runs in the same tick as the final empty check, so no call can slip in after it.
  for (let call = queue.shift(); ; call = queue.shift()) {
    if (!call) {
      drained();
      return;
    }
    try {
      const name = call.path[call.path.length - 1]!;
      const target = readPath(root, call.path.slice(0, -1));
      if ((typeof target !== 'object' || target === null) && typeof target !== 'function') {
        throw new TypeError(`CHATBOT_SYSTEM.${call.path.join('.')} does not exist`);
      }
      if (call.kind === 'set') {
        assignProperty(target, name, call.value);
        call.resolve(call.value);
        continue;
      }
      const fn: unknown = Reflect.get(target, name);
      if (typeof fn !== 'function') throw new TypeError(`CHATBOT_SYSTEM.${call.path.join('.')} is not a function`);
      // The page's arguments, as it passed them: each public method validates its own input.
      call.resolve(await Reflect.apply(fn, target, call.args));
    } catch (error) {
      call.reject(error);
    }
  }
}
