// Reconnect delays: exponential growth with a cap, plus jitter so that thousands of widgets
// dropped by the same server restart do not all reconnect in the same instant.

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  factor?: number;
  /** Share of the delay that is randomized: 0 = none, 1 = "full jitter". */
  jitter?: number;
}

export function backoffDelay(
  attempt: number,
  { baseMs = 500, maxMs = 30_000, factor = 2, jitter = 0.5 }: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(attempt));
  // Cap the exponent first: factor ** 1000 is Infinity and would poison the arithmetic.
  const ceiling = Math.min(maxMs, baseMs * factor ** Math.min(n, 32));
  const j = Math.min(1, Math.max(0, jitter));
  return Math.round(ceiling * (1 - j) + random() * ceiling * j);
}
