// One webhook POST over a connection pinned to addresses that were already checked.
//
// `fetch` resolves the host name itself, after address-guard.ts checked what it resolved to: a
// name answering a public address to the check and 127.0.0.1 to the connection (DNS rebinding)
// would reach the server's own network. node:http(s) take a `lookup` function for the
// connection; ours answers the checked addresses and never asks DNS. The URL keeps its host
// name, so the Host header and the TLS server name (SNI and certificate check) are the real
// ones. Bun honours `lookup` (server/test/security-webhook-dns.test.ts proves it), but it calls
// it with `all: true` and only understands the array answer, so both forms are answered.
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export interface PinnedAnswer {
  status: number;
  /** The start of the answer body, whitespace collapsed, for the delivery log. */
  snippet: string;
}

/** Keep-alive: a bot platform receives bursts; a fresh TCP (and TLS) handshake per event is most of the latency. */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

function pinnedLookup(addresses: readonly string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return ((_hostname: string, options: { all?: boolean; family?: number | string } | undefined, callback: (...args: unknown[]) => void) => {
    const wanted = options?.family === 4 || options?.family === 6 ? entries.filter((e) => e.family === options.family) : entries;
    const list = wanted.length > 0 ? wanted : entries;
    if (options?.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  }) as unknown as LookupFunction;
}

export class RequestTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * POSTs `body` to `url`, connecting only to `addresses`. Redirects are not followed (a redirect
 * could lead anywhere); the answer is read up to `maxSnippet` bytes, then the socket is freed.
 */
export function postPinned(
  url: URL,
  addresses: readonly string[],
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  maxSnippet = 300,
): Promise<PinnedAnswer> {
  const secure = url.protocol === 'https:';
  const lib = secure ? https : http;
  return new Promise<PinnedAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = lib.request(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(addresses),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              snippet: Buffer.concat(chunks).toString('utf8').slice(0, maxSnippet).replace(/\s+/g, ' ').trim(),
            }),
          );
        res.on('data', (chunk: Buffer) => {
          if (size >= maxSnippet) return;
          chunks.push(chunk);
          size += chunk.byteLength;
        });
        res.on('end', done);
        // A broken answer body does not change whether the status was a success.
        res.on('error', done);
        res.on('aborted', done);
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new RequestTimeout(`No answer within ${timeoutMs} ms`)));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish(() => reject(err)));
    req.end(body);
  });
}
