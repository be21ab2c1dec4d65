// The rule for a password someone chooses (sign-up, invitation, reset, profile), as the console
// checks it before sending: the minimum length the server's schemas enforce, and, where the form
// asks for it twice, the same both times.
import { PASSWORD_LIMITS } from '../../../shared/types/limits';

/** The hint under a new-password field. */
export const NEW_PASSWORD_HINT = `At least ${PASSWORD_LIMITS.min} characters.`;

/**
 * Puts what is wrong with a new password on the form's errors — too short on `field`, not the
 * same twice on `confirm` (only when `repeat` is given) — and says whether anything was.
 */
export function rejectNewPassword(
  errors: Record<string, string>,
  password: string,
  opts: { field?: string; repeat?: string } = {},
): boolean {
  if (password.length < PASSWORD_LIMITS.min) {
    errors[opts.field ?? 'password'] = `Use at least ${PASSWORD_LIMITS.min} characters.`;
    return true;
  }
  if (opts.repeat !== undefined && password !== opts.repeat) {
    errors.confirm = 'The passwords do not match';
    return true;
  }
  return false;
}
