import mitt, { type Emitter, type EventType, type Handler } from 'mitt';

/**
 * An event map (event name to payload type) that names every event: a `type` alias without an
 * index signature, so a misspelt event name or a wrong payload is a compile error. A map with
 * an index signature (or an `interface`, which mitt's constraint does not accept) resolves to
 * `never` and is rejected.
 * @example type CartEvents = { item_added: { sku: string } };
 */
export type ClosedEventMap<E> = string extends keyof E ? never : number extends keyof E ? never : symbol extends keyof E ? never : Record<EventType, unknown>;

/**
 * A typed event emitter (mitt) with `on`/`off`/`emit`. A throwing listener is reported through
 * `onListenerError` instead of stopping the other listeners or the mutation that emitted.
 * @example
 * const events = createEvents<{ message_sent: Message }>();
 * events.on('message_sent', (m) => console.log(m.id));
 */
export interface Events<E extends ClosedEventMap<E>> {
  on<K extends keyof E>(type: K, handler: Handler<E[K]>): () => void;
  off<K extends keyof E>(type: K, handler?: Handler<E[K]>): void;
  emit<K extends keyof E>(type: K, payload: E[K]): void;
  listenerCount(type: keyof E): number;
}

export function createEvents<E extends ClosedEventMap<E>>(
  onListenerError: (error: unknown, type: keyof E) => void = reportListenerError,
): Events<E> {
  const emitter: Emitter<E> = mitt<E>();
  return {
    on(type, handler) {
      emitter.on(type, handler);
      return () => emitter.off(type, handler);
    },
    off(type, handler) {
      emitter.off(type, handler);
    },
    emit(type, payload) {
      const handlers = emitter.all.get(type);
      if (!handlers) return;
      for (const handler of [...handlers]) {
        try {
          (handler as Handler<E[typeof type]>)(payload);
        } catch (error) {
          onListenerError(error, type);
        }
      }
    },
    listenerCount(type) {
      return emitter.all.get(type)?.length ?? 0;
    },
  };
}

function reportListenerError(error: unknown): void {
  // A host page's listener bug must not break the widget; surface it the way the browser would.
  queueMicrotask(() => {
    throw error;
  });
}
