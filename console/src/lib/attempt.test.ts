import { expect, test } from 'bun:test';
import { ref } from 'vue';
import { attempt } from './attempt';

test('attempt: busy while it runs, the error cleared first and set to the sentence of a failure', async () => {
  const busy = ref(false);
  const error = ref<string | null>('old');
  const seen: (boolean | string | null)[] = [];
  expect(await attempt(error, async () => void seen.push(busy.value, error.value), busy)).toBe(true);
  expect(seen).toEqual([true, null]);
  expect([busy.value, error.value]).toEqual([false, null]);

  expect(await attempt(error, () => Promise.reject(new Error('Max chats must be a whole number.')), busy)).toBe(false);
  expect([busy.value, error.value]).toEqual([false, 'Max chats must be a whole number.']);

  expect(await attempt(error, () => Promise.resolve())).toBe(true);
  expect(error.value).toBeNull();
});
