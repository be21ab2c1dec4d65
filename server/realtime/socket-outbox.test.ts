// The outbox's promise: a socket's frames of one turn leave in one flush, in order, even when
// some were sent a few promise hops later than the first (a stored message's copy and its ack).
import { describe, expect, test } from 'bun:test';
import { SocketOutbox, type Flushable } from './socket-outbox';

/** A socket that records each flush as one write of the frames it held. */
class RecordingSocket implements Flushable {
  held: string[] = [];
  writes: string[][] = [];
  topics = new Set<string>();

  constructor(private readonly outbox: SocketOutbox) {}

  send(frame: string): void {
    if (this.held.length === 0) this.outbox.add(this);
    this.held.push(frame);
  }

  flush(): void {
    if (this.held.length > 0) this.writes.push(this.held);
    this.held = [];
  }

  isSubscribed(topic: string): boolean {
    return this.held.length > 0 && this.topics.has(topic);
  }
}

/** Resolves once the loop has had its turn (setImmediate callbacks queued before this one ran). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SocketOutbox', () => {
  test.each([
    ['the same microtask', 0],
    ['one promise hop later', 1],
    ['five promise hops later', 5],
  ])('a frame sent %s shares the first frame’s write', async (_label, hops) => {
    const outbox = new SocketOutbox();
    const socket = new RecordingSocket(outbox);
    socket.send('copy');
    let chain = Promise.resolve();
    for (let i = 0; i < hops; i++) chain = chain.then(() => undefined);
    await chain.then(() => socket.send('ack'));
    expect(socket.writes).toEqual([]);
    await nextTurn();
    expect(socket.writes).toEqual([['copy', 'ack']]);
  });

  test('frames of a later turn go in a write of their own', async () => {
    const outbox = new SocketOutbox();
    const socket = new RecordingSocket(outbox);
    socket.send('first');
    await nextTurn();
    socket.send('second');
    await nextTurn();
    expect(socket.writes).toEqual([['first'], ['second']]);
  });

  test('a native publish on a topic flushes its subscribers first, so earlier frames stay earlier', () => {
    const outbox = new SocketOutbox();
    const subscriber = new RecordingSocket(outbox);
    const other = new RecordingSocket(outbox);
    subscriber.topics.add('chat:1');
    subscriber.send('before the publish');
    other.send('unrelated');
    outbox.flushSubscribers('chat:1');
    expect(subscriber.writes).toEqual([['before the publish']]);
    expect(other.writes).toEqual([]);
  });

  test('a forgotten socket (closed, flushed on its own) is not flushed again', async () => {
    const outbox = new SocketOutbox();
    const socket = new RecordingSocket(outbox);
    socket.send('frame');
    outbox.forget(socket);
    await nextTurn();
    expect(socket.writes).toEqual([]);
  });
});
