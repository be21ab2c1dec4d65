// Runs tasks one after another per key (a chat, a contact), different keys side by side. The
// first attempt of a webhook is sent in-process right after its event; events of one chat must
// still reach the receiver in order, so each chat's events queue here in the order the bus
// delivered them. Another instance's deliveries of the same chat are ordered by the database
// (deliver.ts waits for an earlier pending event of the chat).
export interface SerialQueue {
  /** Queues `task` behind the key's earlier tasks; resolves when it ran (never rejects). */
  run(key: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once every task queued so far has run (shutdown, tests). */
  idle(): Promise<void>;
}

export function createSerialQueue(onError: (err: unknown, key: string) => void): SerialQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const mine = previous.then(task).catch((err: unknown) => onError(err, key));
      tails.set(key, mine);
      // The map holds only keys with work queued: the last task of a key removes it.
      void mine.then(() => {
        if (tails.get(key) === mine) tails.delete(key);
      });
      return mine;
    },
    async idle() {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
  };
}
