// Free text that the server matches as a pattern (team names, tags, search text). Regex-special
// characters are escaped where the pattern is built (escapeRegex); control characters have no
// place in such text, and a NUL cannot travel in a BSON regex at all (the driver throws, which
// was a 500), so they are refused as a 400 naming the field.
import { badRequest } from '../errors';

const CONTROL_CHARACTER = /\p{Cc}/u;

/** `value` unchanged, or a 400 for `field` when it holds a control character such as NUL. */
export function withoutControlCharacters(value: string, field: string, what: string): string {
  if (CONTROL_CHARACTER.test(value)) throw badRequest(`${what} must not contain control characters such as NUL or line breaks`, field);
  return value;
}
