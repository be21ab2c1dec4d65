import { expect, test } from 'bun:test';
import { ownedData } from './owned';

test('a store claimed for another user (or after forget) is reset first; the same user keeps it', () => {
  let resets = 0;
  const owned = ownedData(() => (resets += 1));
  owned.claim('u1');
  expect(resets).toBe(1);
  owned.claim('u1');
  expect(resets).toBe(1);
  owned.claim('u2');
  expect(resets).toBe(2);
  owned.forget();
  owned.claim('u2');
  expect(resets).toBe(3);
});
