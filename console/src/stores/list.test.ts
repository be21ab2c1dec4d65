import { expect, test } from 'bun:test';
import { loadedList } from './list';

test('loadedList: loads once unless forced, indexes by id, upserts in place or at the end', async () => {
  let calls = 0;
  const list = loadedList(async () => {
    calls += 1;
    return [{ id: 'a', n: calls }, { id: 'b', n: calls }];
  });
  await list.load();
  await list.load();
  expect(calls).toBe(1);
  expect([list.loaded.value, list.loading.value, list.byId.value.b?.n]).toEqual([true, false, 1]);
  await list.load(true);
  expect(calls).toBe(2);
  list.upsert({ id: 'a', n: 9 });
  list.upsert({ id: 'c', n: 9 });
  expect(list.items.value.map((x) => `${x.id}${x.n}`)).toEqual(['a9', 'b2', 'c9']);
});

test('loadedList: a failure is the error sentence, and the list stays not loaded', async () => {
  const list = loadedList<{ id: string }>(() => Promise.reject(new Error('down')));
  await list.load();
  expect([list.error.value, list.loaded.value, list.loading.value]).toEqual(['down', false, false]);
});
