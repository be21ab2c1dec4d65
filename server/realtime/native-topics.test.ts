import { expect, test } from 'bun:test';
import { NativeTopics } from './native-topics';

test('publishes nothing until a server is bound, then reaches it; binds only once', () => {
  const sent: [string, string][] = [];
  const server = { publish: (topic: string, data: string) => sent.push([topic, data]) };
  const topics = new NativeTopics();
  expect(topics.bound).toBe(false);
  topics.publish('chat:1', 'early');
  expect(sent).toEqual([]);
  topics.bind(server);
  expect(topics.bound).toBe(true);
  topics.publish('chat:1', 'hello');
  expect(sent).toEqual([['chat:1', 'hello']]);
  expect(() => topics.bind(server)).toThrow('once');
});
