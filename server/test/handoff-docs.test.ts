// Issue #8: /docs serves the OpenAPI document (generated from the routes) and a page to read it.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('handoff_docs');
});
afterAll(() => server.close());

test('/docs/json is an OpenAPI 3.1 document of the whole API, v1 tagged, with schemas from the routes', async () => {
  const res = await fetch(`${server.url}/docs/json`);
  expect(res.status).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toStartWith('3.1');
  expect(doc.info.title).toBe('Phoenix Chat API');
  expect(doc.info.description).toContain('timestamp + "." + rawBody');

  // Named schemas are components, referenced by $ref.
  const deref = (schema: any): any => (schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);
  const handoff = doc.paths['/api/v1/chats'].post;
  expect(handoff.tags).toEqual(['v1 · chats']);
  expect(handoff.security).toEqual([{ apiKey: [] }]);
  const body = deref(handoff.requestBody.content['application/json'].schema);
  expect(body.required).toEqual(expect.arrayContaining(['handoffId', 'contact']));
  expect(body.additionalProperties).toBe(false);
  expect(body.properties.contact.properties.channel.pattern).toBeString();
  expect(Object.keys(handoff.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '404', '429']));
  expect(deref(deref(handoff.responses['201'].content['application/json'].schema).properties.chat).properties.url).toBeDefined();

  for (const path of ['/api/v1/chats/{id}/messages', '/api/v1/chats/{id}/assign', '/api/v1/chats/{id}/end', '/api/v1/contacts/{id}/fields/{key}', '/api/v1/login-links', '/api/v1/members', '/api/v1/teams']) {
    expect(doc.paths[path], path).toBeDefined();
  }
  // The console's routes are there too, and the page itself is not.
  expect(doc.paths['/api/integrations/api-keys']).toBeDefined();
  expect(doc.paths['/docs']).toBeUndefined();
  expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  // Every event the webhook sends, each with its payload schema; and the webhook's own management routes.
  expect(Object.keys(doc.webhooks)).toEqual(['chat.created', 'chat.assigned', 'chat.transferred', 'message.created', 'chat.ended', 'contact.updated', 'webhook.test']);
  for (const [type, op] of Object.entries<any>(doc.webhooks)) {
    const ref: string = op.post.requestBody.content['application/json'].schema.$ref;
    expect(doc.components.schemas[ref.replace('#/components/schemas/', '')].properties.type.const, type).toBe(type);
  }
  for (const path of ['/api/v1/webhook', '/api/v1/webhook/rotate-secret', '/api/v1/webhook/test', '/api/v1/webhook/deliveries', '/api/v1/webhook/deliveries/{id}/redeliver']) {
    expect(doc.paths[path], path).toBeDefined();
  }
});

test('/docs is a readable page that loads the document, and hands JSON to tools that ask for it', async () => {
  const page = await fetch(`${server.url}/docs`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  expect(html).toContain('Phoenix Chat API');
  expect(html).toContain('"/docs/json"');
  expect(html).not.toContain('cdn.');
  // Nothing inline: the script and the style are files of their own (a strict CSP allows them).
  expect(html).not.toMatch(/<script>|<style>|\son[a-z]+=/);
  const script = await fetch(`${server.url}/docs/app.js`);
  expect(script.headers.get('content-type')).toContain('javascript');
  expect(await script.text()).toContain('document.currentScript.dataset.spec');
  const style = await fetch(`${server.url}/docs/app.css`);
  expect(style.headers.get('content-type')).toContain('text/css');
  const json = await fetch(`${server.url}/docs`, { headers: { accept: 'application/json' }, redirect: 'manual' });
  expect(json.status).toBe(302);
  expect(json.headers.get('location')).toBe('/docs/json');
});
