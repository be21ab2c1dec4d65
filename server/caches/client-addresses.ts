// Each request's client address. Bun knows the socket's address only through its server object,
// which exists after the app is composed; instead of handing the server to the app afterwards,
// the runtime's fetch notes each request's address here as it arrives.

export interface ClientAddresses {
  /**
   * Called by the runtime's fetch, before the app sees the request, with a way to find the
   * address: only the routes that rate-limit ask for it, so the others pay nothing.
   */
  remember(request: Request, address: () => string | undefined): void;
  of(request: Request): string | undefined;
}

export function createClientAddresses(): ClientAddresses {
  // Weak: an address lives exactly as long as its request.
  const byRequest = new WeakMap<Request, () => string | undefined>();
  return {
    remember: (request, address) => void byRequest.set(request, address),
    of: (request) => byRequest.get(request)?.(),
  };
}
