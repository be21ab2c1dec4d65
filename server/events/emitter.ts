// A typed, in-process event emitter: event name → payload type, checked at compile time on both
// sides. Unlike the bus (which crosses instances and carries plain JSON), listeners here run on
// the instance where the change happened, in order, and `emit` waits for them: the chat
// lifecycle relies on routing having acted (e.g. the assigned message stored) before it answers.
export type Listener<P> = (payload: P) => Promise<void> | void;

export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): Promise<void>;
}

export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Listener<never>[]>();
  return {
    on(name, listener) {
      const list = listeners.get(name) ?? [];
      list.push(listener as Listener<never>);
      listeners.set(name, list);
      return () => listeners.set(name, (listeners.get(name) ?? []).filter((l) => l !== listener));
    },
    async emit(name, payload) {
      // One after another, in subscription order: listeners may depend on earlier ones' writes.
      for (const listener of listeners.get(name) ?? []) await (listener as Listener<typeof payload>)(payload);
    },
  };
}
