// The event side of the `PhoenixChat` API: listeners per event name, isolated from each other
// so a throwing host-page listener cannot break the widget (or the other listeners).

export type Listener = (detail: unknown) => void;

export function createEmitter() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    on(name: string, fn: Listener): () => void {
      if (typeof fn !== 'function') return () => undefined;
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(fn);
      return () => set.delete(fn);
    },
    off(name: string, fn: Listener): void {
      listeners.get(name)?.delete(fn);
    },
    emit(name: string, detail?: unknown): void {
      for (const fn of [...(listeners.get(name) ?? [])]) {
        try {
          fn(detail);
        } catch (e) {
          setTimeout(() => {
            throw e;
          });
        }
      }
    },
  };
}

export type Emitter = ReturnType<typeof createEmitter>;
