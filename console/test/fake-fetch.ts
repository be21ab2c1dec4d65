// For the console's unit tests (nothing in the app imports it): a `fetch` that answers from a table of
// "METHOD /path" routes, so store tests go through the real `request()` of this folder.
export type FakeAnswer = { status: number; body?: unknown };
export type FakeRoutes = Record<string, () => FakeAnswer | Promise<FakeAnswer>>;

const realFetch = globalThis.fetch;

/** Installs the fake; `routes()` is read on every call, so a test may change the table as it goes. */
export function installFakeFetch(routes: () => FakeRoutes): void {
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input).split('?')[0]!;
    const route = routes()[`${init?.method ?? 'GET'} ${path}`];
    if (!route) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route' } }), { status: 404 });
    const { status, body } = await route();
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status });
  }) as typeof fetch;
}

export function restoreFetch(): void {
  globalThis.fetch = realFetch;
}
