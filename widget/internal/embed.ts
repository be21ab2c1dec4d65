// Where the widget talks to and loads from. The embed snippet can live on any origin, so the
// server is never `location.origin`: it is the directory of widget.js's own URL (or an explicit
// `server` attribute), and the panel chunk is resolved against the script URL, which is why a
// customer's page loads our chunks from our server.

/** Normalize to an absolute base ending in '/', or null if unusable. */
export function serverBase(explicit: string | null | undefined, scriptSrc: string | null | undefined): string | null {
  for (const candidate of [explicit, scriptSrc ? new URL('.', scriptSrc).href : null]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
      url.search = '';
      url.hash = '';
      if (!url.pathname.endsWith('/')) url.pathname += '/';
      return url.href;
    } catch {
      // Try the next candidate.
    }
  }
  return null;
}

/** The visitor socket lives at `/ws/visitor` under the server base, on ws:/wss:. */
export function socketUrl(base: string): string {
  const url = new URL('ws/visitor', base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

export function apiUrl(base: string, path: string, query?: Record<string, string | number | null | undefined>): string {
  const url = new URL(path.replace(/^\//, ''), base);
  if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  return url.href;
}

/** Attachment URLs are server paths; make them absolute against the server, never the page. */
export function resolveServerPath(base: string, path: string): string | null {
  try {
    const url = new URL(path.replace(/^\//, ''), base);
    return url.origin === new URL(base).origin ? url.href : null;
  } catch {
    return null;
  }
}
