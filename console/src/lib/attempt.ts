// The bookkeeping of one request a screen or store shows the state of: `busy` is true while it
// runs; `error` is cleared when it starts and holds the sentence `errorMessage` (api/errors.ts)
// makes of its failure.
import type { Ref } from 'vue';
import { errorMessage } from '../api';

/** Runs `fn` with its flags; never throws. True when it worked. */
export async function attempt(error: Ref<string | null>, fn: () => Promise<unknown>, busy?: Ref<boolean>): Promise<boolean> {
  if (busy) busy.value = true;
  error.value = null;
  try {
    await fn();
    return true;
  } catch (err) {
    error.value = errorMessage(err);
    return false;
  } finally {
    if (busy) busy.value = false;
  }
}
