// Client-made ids for idempotent sends. `crypto.randomUUID` only exists in secure contexts, and
// customers do embed the widget on plain-http pages, so fall back to random hex there.

export function newClientId(c: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof c.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Some browsers expose the function but throw outside secure contexts.
    }
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
