import type { Config } from '../config';

// argon2id through Bun.password. Tests use a light cost so hundreds of logins stay fast;
// every other environment uses Bun's defaults (64 MiB, 2 passes).
export function hashPassword(config: Pick<Config, 'env'>, password: string): Promise<string> {
  return config.env === 'test'
    ? Bun.password.hash(password, { algorithm: 'argon2id', memoryCost: 1024, timeCost: 1 })
    : Bun.password.hash(password, { algorithm: 'argon2id' });
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return Bun.password.verify(password, hash).catch(() => false);
}
