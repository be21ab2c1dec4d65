import { expect, test } from 'bun:test';
import { importedHashKind } from './imported-password-hash';

test('accepts the bcrypt and argon2 hashes Bun can verify, refuses everything else', async () => {
  const cases: [string, string, 'bcrypt' | 'argon2' | null][] = [
    ['bcrypt 2b', await Bun.password.hash('pw', { algorithm: 'bcrypt', cost: 4 }), 'bcrypt'],
    ['argon2id', await Bun.password.hash('pw', { algorithm: 'argon2id', memoryCost: 1024, timeCost: 1 }), 'argon2'],
    ['argon2i', await Bun.password.hash('pw', { algorithm: 'argon2i', memoryCost: 1024, timeCost: 1 }), 'argon2'],
    ['argon2d', await Bun.password.hash('pw', { algorithm: 'argon2d', memoryCost: 1024, timeCost: 1 }), 'argon2'],
    ['bcrypt 2y (PHP)', '$2y$10$' + 'a'.repeat(53), 'bcrypt'],
    ['bcrypt cost 3', '$2b$03$' + 'a'.repeat(53), null],
    ['bcrypt too short', '$2b$10$' + 'a'.repeat(52), null],
    ['plain password', 'correct horse battery staple', null],
    ['md5 crypt', '$1$saltsalt$abcdefghijklmnopqrstuv', null],
    ['sha256 hex', 'a'.repeat(64), null],
    ['scrypt', '$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNo', null],
    ['argon2 without hash', '$argon2id$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$', null],
    ['trailing newline', '$2b$10$' + 'a'.repeat(53) + '\n', null],
  ];
  for (const [name, hash, kind] of cases) expect({ name, kind: importedHashKind(hash) }).toEqual({ name, kind });
  // What is accepted really verifies.
  const bcrypt = cases[0]![1];
  expect(await Bun.password.verify('pw', bcrypt)).toBe(true);
  expect(await Bun.password.verify('pw', cases[2]![1])).toBe(true);
});
