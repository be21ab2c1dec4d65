// Webhook targets must be public: a URL pointing at loopback, private, link-local or other
// special-purpose addresses would let anyone with an admin account probe the server's own
// network (SSRF). Checked when the URL is saved and again, after resolving DNS, right before
// each delivery, because a name can resolve differently later (DNS rebinding).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export type Resolver = (hostname: string) => Promise<string[]>;

const RESOLVE_TIMEOUT_MS = 5_000;

export const systemResolver: Resolver = async (hostname) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookup of ${hostname} timed out`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([lookup(hostname, { all: true, verbatim: true }), timeout]);
    return found.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

function ipv4Number(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    n = n * 256 + Number(part);
  }
  return n;
}

/** [network, prefix length] pairs of IPv4 space that is not the public internet. */
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];

function inV4Block(n: number): boolean {
  return V4_BLOCKED.some(([net, bits]) => {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return ((n & mask) >>> 0) === ((ipv4Number(net)! & mask) >>> 0);
  });
}

/** The eight 16-bit groups of an IPv6 address (with an optional dotted IPv4 tail), or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipv4Number(text.slice(lastColon + 1));
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    text = `${text.slice(0, lastColon)}:`;
    if (text.endsWith('::')) text = text.slice(0, -1);
    else text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const known = head.length + rest.length + tail.length;
  if ([...head, ...rest].some(Number.isNaN) || known > 8 || (halves.length === 1 && known !== 8)) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
}

/** True for any address that is not ordinary public unicast. Unparseable input counts as private. */
export function isPrivateAddress(ip: string): boolean {
  const version = isIP(ip.replace(/%.*$/, ''));
  if (version === 4) return inV4Block(ipv4Number(ip)!);
  if (version !== 6) return true;
  const g = ipv6Groups(ip);
  if (g === null) return true;
  const [a = 0, b = 0] = g;
  const allZeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embeddedV4 = ((g[6] ?? 0) * 65536 + (g[7] ?? 0)) >>> 0;
  if (allZeroUntil(7) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  if (allZeroUntil(5) && g[5] === 0xffff) return inV4Block(embeddedV4); // IPv4-mapped
  if (allZeroUntil(6)) return true; // deprecated IPv4-compatible
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return inV4Block(embeddedV4); // NAT64 well-known prefix
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xff00) === 0xff00) return true; // multicast
  if (a === 0x2001 && b === 0x0db8) return true; // documentation
  if (a === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return true; // discard-only 100::/64
  return false;
}

export type TargetCheck = { ok: true; url: URL; addresses: string[] } | { ok: false; reason: string };

/** Parses a webhook URL and, unless private targets are allowed, checks where it resolves. */
export async function checkWebhookTarget(raw: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must use http or https' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not contain a user name or password' };
  if (opts.allowPrivate) return { ok: true, url, addresses: [] };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return { ok: false, reason: `the host ${host} could not be resolved` };
    }
    if (addresses.length === 0) return { ok: false, reason: `the host ${host} could not be resolved` };
  }
  const blocked = addresses.find(isPrivateAddress);
  if (blocked !== undefined) return { ok: false, reason: `points to a private or loopback address (${blocked}); webhooks must reach the public internet` };
  return { ok: true, url, addresses };
}

export type ResolvedTarget = { ok: true; url: URL; host: string; addresses: string[] } | { ok: false; reason: string };

/**
 * The addresses a delivery may connect to, resolved exactly once. The sender pins the connection
 * to these (see pinned-request.ts): resolving again when connecting could answer differently
 * (DNS rebinding) and reach an address that was never checked. With `allowPrivate` the addresses
 * are still resolved and pinned, only not checked.
 */
export async function resolveWebhookTarget(raw: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<ResolvedTarget> {
  const parsed = await checkWebhookTarget(raw, { allowPrivate: true });
  if (!parsed.ok) return parsed;
  const { url } = parsed;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await (opts.resolve ?? systemResolver)(host);
    } catch {
      return { ok: false, reason: `the host ${host} could not be resolved` };
    }
    if (addresses.length === 0) return { ok: false, reason: `the host ${host} could not be resolved` };
  }
  if (!opts.allowPrivate) {
    const blocked = addresses.find(isPrivateAddress);
    if (blocked !== undefined) return { ok: false, reason: `points to a private or loopback address (${blocked}); webhooks must reach the public internet` };
  }
  return { ok: true, url, host, addresses };
}
