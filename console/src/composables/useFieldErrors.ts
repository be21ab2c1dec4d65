// Form state helper: runs a submit, puts the server's error next to the field it names
// (ErrorBody.error.field) and any other error at the top of the form — always as the sentence
// `errorMessage` (api/errors.ts) makes of it, never the server's raw wording.
import { reactive, ref } from 'vue';
import { errorMessage, fieldLabel, isApiError } from '../api';

/** The form field (from `fields`) that shows an error on `path`: equal, or a parent of it. */
export function fieldFor(path: string, fields: readonly string[]): string | null {
  let best: string | null = null;
  for (const f of fields) {
    if (path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`)) {
      if (!best || f.length > best.length) best = f;
    }
  }
  return best;
}

export function useForm(fields: readonly string[] = []) {
  const errors = reactive<Record<string, string>>({});
  const formError = ref<string | null>(null);
  const busy = ref(false);
  const done = ref(false);

  function clear() {
    for (const k of Object.keys(errors)) delete errors[k];
    formError.value = null;
    done.value = false;
  }

  async function submit<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    clear();
    busy.value = true;
    try {
      const r = await fn();
      done.value = true;
      return r;
    } catch (err) {
      const field = isApiError(err) && err.field ? fieldFor(err.field, fields) : null;
      if (field) errors[field] = errorMessage(err);
      // A field this form does not show: name it in words, never as the server's path.
      else if (isApiError(err) && err.field && err.field !== 'body') formError.value = `${fieldLabel(err.field)}: ${errorMessage(err)}`;
      else formError.value = errorMessage(err);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { errors, formError, busy, done, clear, submit };
}
