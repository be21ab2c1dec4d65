import { expect, test } from 'bun:test';
import { NEW_PASSWORD_HINT, rejectNewPassword } from './password';

test('a new password: at least 8 characters, and the same twice when repeated', () => {
  expect(NEW_PASSWORD_HINT).toBe('At least 8 characters.');
  const run = (password: string, opts?: { field?: string; repeat?: string }) => {
    const errors: Record<string, string> = {};
    return [rejectNewPassword(errors, password, opts), errors] as const;
  };
  expect(run('short')).toEqual([true, { password: 'Use at least 8 characters.' }]);
  expect(run('short', { field: 'newPassword', repeat: 'short' })).toEqual([true, { newPassword: 'Use at least 8 characters.' }]);
  expect(run('long enough', { repeat: 'long enougH' })).toEqual([true, { confirm: 'The passwords do not match' }]);
  expect(run('long enough', { repeat: 'long enough' })).toEqual([false, {}]);
  expect(run('long enough')).toEqual([false, {}]);
});
