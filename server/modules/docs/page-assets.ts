// The docs page's style and script, served as files of their own (/docs/app.css, /docs/app.js)
// so the page needs no inline script or style and runs under a strict Content-Security-Policy.
// The script reads the OpenAPI document and lays it out; everything from the document is
// inserted as text (never as HTML).

export const DOCS_STYLE = `  :root { color-scheme: light dark; --bg: #f8fafc; --card: #fff; --fg: #1f2937; --muted: #64748b; --line: #e2e8f0; --code: #f1f5f9; }
  @media (prefers-color-scheme: dark) { :root { --bg: #0f172a; --card: #111827; --fg: #e5e7eb; --muted: #94a3b8; --line: #1f2937; --code: #1e293b; } }
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; background: var(--bg); color: var(--fg); display: grid; grid-template-columns: 260px 1fr; min-height: 100vh; }
  nav { border-right: 1px solid var(--line); padding: 16px; position: sticky; top: 0; height: 100vh; overflow: auto; box-sizing: border-box; }
  nav a { display: block; color: inherit; text-decoration: none; padding: 3px 6px; border-radius: 6px; }
  nav a:hover { background: var(--code); }
  main { padding: 24px 40px; max-width: 1000px; }
  h1 { margin-top: 0; } h2 { margin-top: 40px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
  .intro { white-space: pre-wrap; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; font-size: 14px; }
  details { background: var(--card); border: 1px solid var(--line); border-radius: 10px; margin: 10px 0; }
  summary { cursor: pointer; padding: 10px 14px; display: flex; gap: 12px; align-items: baseline; }
  .method { font: 700 12px ui-monospace, monospace; text-transform: uppercase; min-width: 56px; }
  .get { color: #059669; } .post { color: #2563eb; } .patch { color: #d97706; } .put { color: #7c3aed; } .delete { color: #dc2626; }
  .path { font-family: ui-monospace, monospace; } .sum { color: var(--muted); }
  .body { padding: 0 14px 14px; }
  pre { background: var(--code); border-radius: 8px; padding: 10px; overflow: auto; font-size: 12px; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; } td, th { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  .muted { color: var(--muted); }
`;

export const DOCS_SCRIPT = `(async () => {
  // The page names the document on this script's tag, so the script itself is a fixed file.
  const specUrl = document.currentScript.dataset.spec;
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  };
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  let spec;
  try {
    spec = await (await fetch(specUrl)).json();
  } catch (err) {
    main.replaceChildren(el('p', {}, 'Could not load the API description: ' + err));
    return;
  }
  main.replaceChildren(el('h1', {}, spec.info.title + ' ' + spec.info.version), el('div', { class: 'intro' }, spec.info.description || ''));
  const groups = new Map();
  const add = (tag, entry) => { if (!groups.has(tag)) groups.set(tag, []); groups.get(tag).push(entry); };
  for (const [path, item] of Object.entries(spec.paths || {})) {
    for (const [method, op] of Object.entries(item)) add((op.tags && op.tags[0]) || 'other', { method, path, op });
  }
  for (const [name, item] of Object.entries(spec.webhooks || {})) {
    for (const [method, op] of Object.entries(item)) add((op.tags && op.tags[0]) || 'webhooks', { method, path: 'webhook: ' + name, op });
  }
  const order = [...groups.keys()].sort((a, b) => (b.startsWith('v1') - a.startsWith('v1')) || a.localeCompare(b));
  const tagInfo = new Map((spec.tags || []).map((t) => [t.name, t.description]));
  const schemaText = (s) => JSON.stringify(s, null, 2);
  for (const tag of order) {
    const id = 'tag-' + tag.replace(/[^a-z0-9]+/gi, '-');
    nav.append(el('a', { href: '#' + id }, tag));
    main.append(el('h2', { id }, tag));
    if (tagInfo.get(tag)) main.append(el('p', { class: 'muted' }, tagInfo.get(tag)));
    for (const { method, path, op } of groups.get(tag)) {
      const body = el('div', { class: 'body' });
      if (op.description) body.append(el('p', {}, op.description));
      if (op.security && op.security.length) body.append(el('p', { class: 'muted' }, 'Authentication: ' + op.security.map((s) => Object.keys(s).join(', ')).join(' or ')));
      if (op.parameters && op.parameters.length) {
        const table = el('table', {}, el('tr', {}, el('th', {}, 'parameter'), el('th', {}, 'in'), el('th', {}, 'required'), el('th', {}, 'schema')));
        for (const p of op.parameters) table.append(el('tr', {}, el('td', {}, p.name), el('td', {}, p.in), el('td', {}, p.required ? 'yes' : 'no'), el('td', {}, el('code', {}, JSON.stringify(p.schema || {})))));
        body.append(el('h4', {}, 'Parameters'), table);
      }
      const content = op.requestBody && op.requestBody.content;
      if (content) {
        for (const [type, media] of Object.entries(content)) {
          body.append(el('h4', {}, 'Body (' + type + ')'), el('pre', {}, schemaText(media.schema)));
          if (media.example !== undefined) body.append(el('h4', {}, 'Example'), el('pre', {}, schemaText(media.example)));
        }
      }
      for (const [status, res] of Object.entries(op.responses || {})) {
        const media = res.content && Object.values(res.content)[0];
        const block = el('details', {}, el('summary', {}, 'Response ' + status + (res.description ? ' — ' + res.description : '')));
        if (media && media.schema) block.append(el('pre', {}, schemaText(media.schema)));
        if (media && media.example !== undefined) block.append(el('h4', {}, 'Example'), el('pre', {}, schemaText(media.example)));
        if (res.headers) block.append(el('p', { class: 'muted' }, 'Headers: ' + Object.keys(res.headers).join(', ')));
        body.append(block);
      }
      main.append(el('details', {}, el('summary', {}, el('span', { class: 'method ' + method }, method), el('span', { class: 'path' }, path), el('span', { class: 'sum' }, op.summary || '')), body));
    }
  }
  // Operations point at these by $ref (#/components/schemas/Name).
  const schemas = Object.entries((spec.components && spec.components.schemas) || {});
  if (schemas.length) {
    nav.append(el('a', { href: '#schemas' }, 'schemas'));
    main.append(el('h2', { id: 'schemas' }, 'Schemas'));
    for (const [name, schema] of schemas) main.append(el('details', { id: 'schema-' + name }, el('summary', {}, el('span', { class: 'path' }, name), el('span', { class: 'sum' }, schema.description || '')), el('pre', {}, schemaText(schema))));
  }
})();
`;
