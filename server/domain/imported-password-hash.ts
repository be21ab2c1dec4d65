// Password hashes a bot platform may hand over when it enrolls its accounts. Only formats that
// Bun.password.verify checks are accepted (bcrypt and argon2 in PHC form), so an imported member
// signs in with the password they already have; anything else would be an account nobody can use.

const BCRYPT = /^\$2[aby]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$/;
const ARGON2 = /^\$argon2(id|i|d)\$v=(16|19)\$m=\d{1,8},t=\d{1,4},p=\d{1,3}\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,}$/;

export type ImportedHashKind = 'bcrypt' | 'argon2';

/** The kind of a hash the platform sent, or null when it is not one we can verify. */
export function importedHashKind(hash: string): ImportedHashKind | null {
  if (BCRYPT.test(hash)) return 'bcrypt';
  if (ARGON2.test(hash)) return 'argon2';
  return null;
}

export const IMPORTED_HASH_FORMATS = 'a bcrypt ($2a$, $2b$, $2y$) or argon2 ($argon2id$, $argon2i$, $argon2d$) hash';
