// Issue #15 item 5: every page (console, /demo, /docs) answers with a strict
// Content-Security-Policy — no inline or eval'd script, requests and sockets only to this host,
// no plugins, no framing — and the pages themselves carry no inline script, so the policy costs
// them nothing; no inline styles either. /demo, the stand-in customer site, runs under what
// widget/README.md asks customers to allow.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('security_csp', { env: { PHOENIX_DEMO: 'true' } });
});
afterAll(() => server.close());

/** directive → its sources */
function parsePolicy(header: string | null): Map<string, string[]> {
  expect(header, 'content-security-policy header').toBeTruthy();
  const policy = new Map<string, string[]>();
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

function expectStrictPolicy(header: string | null, what: string): Map<string, string[]> {
  const policy = parsePolicy(header);
  const sources = (d: string) => policy.get(d) ?? [];
  expect(sources('default-src'), what).toEqual(["'self'"]);
  expect(sources('script-src'), what).toContain("'self'");
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'blob:', 'http:', 'https:']) expect(sources('script-src'), `${what} script-src`).not.toContain(loose);
  expect(sources('connect-src'), what).toEqual(["'self'", 'http://phoenix.test', 'ws://phoenix.test']);
  expect(sources('object-src'), what).toEqual(["'none'"]);
  expect(sources('base-uri'), what).toEqual(["'self'"]);
  expect(sources('form-action'), what).toEqual(["'self'"]);
  expect(sources('frame-ancestors'), what).toEqual(["'none'"]);
  expect(sources('img-src'), what).toEqual(["'self'", 'data:', 'blob:']);
  return policy;
}

/** Every <script> loads a file; no inline handlers, no javascript: URLs. */
function expectNoInlineScript(html: string, what: string): void {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  for (const [, attrs, body] of scripts) {
    expect(attrs, what).toMatch(/\ssrc=/);
    expect(body!.trim(), what).toBe('');
  }
  expect(html, what).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html, what).not.toMatch(/javascript:/i);
}

describe('Content-Security-Policy', () => {
  test('the console (index and deep links), /docs and error answers carry the strict policy', async () => {
    for (const path of ['/', '/chats/all', '/manage/integrations', '/docs', '/docs/json', '/api/no-such-route', '/api/auth/me']) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      const policy = expectStrictPolicy(res.headers.get('content-security-policy'), path);
      expect(policy.get('style-src'), path).toEqual(["'self'"]);
      if ((res.headers.get('content-type') ?? '').includes('text/html')) expectNoInlineScript(await res.text(), path);
    }
  });

  test('/demo runs under the customers’ policy: no inline script or style, the widget from this host', async () => {
    const res = await fetch(`${server.url}/demo`);
    expect(res.status).toBe(200);
    const policy = expectStrictPolicy(res.headers.get('content-security-policy'), '/demo');
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", 'http://phoenix.test']);
    const html = await res.text();
    expectNoInlineScript(html, '/demo');
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).toContain('<script src="http://phoenix.test/widget.js"');
    const css = await fetch(`${server.url}/demo/demo.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toStartWith('text/css');
  });
});
