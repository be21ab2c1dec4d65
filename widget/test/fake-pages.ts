// The customer's pages for the browser tests, served from another origin than the fake server:
// `/` embeds widget.js with data attributes (from the query string) under hostile CSS, `/manual`
// places the element by hand and queues PhoenixChat calls before the script has loaded.

export const ORG = 'org_test_key';

const attrs = (url: URL): string =>
  ['team', 'lang', 'locale', 'user-id', 'user-hash']
    .filter((k) => url.searchParams.has(k))
    .map((k) => ` data-${k}="${url.searchParams.get(k)!.replace(/"/g, '&quot;')}"`)
    .join('');

export function hostPages(apiBase: string): Record<string, (url: URL) => string> {
  return {
    // `?html-lang=fr` sets the page's <html lang> (the widget's language when data-locale is absent).
    '/': (url) => `<!doctype html><html lang="${(url.searchParams.get('html-lang') ?? 'en').replace(/[^\w-]/g, '')}"><head><title>Host</title>
      <style>
        * { color: red !important; font-size: 40px !important; }
        button { display: none !important; background: lime !important; }
        div { border: 5px solid magenta !important; }
      </style></head>
      <body><h1>Customer site</h1><button id="hostbtn">host button</button>
      <script src="${apiBase}/widget.js" data-org="${(url.searchParams.get('org') ?? ORG).replace(/"/g, '&quot;')}"${attrs(url)} async></script></body></html>`,
    '/manual': () => `<!doctype html><html><body>
      <phoenix-chat org="${ORG}" server="${apiBase}"></phoenix-chat>
      <script>window.PhoenixChat = { q: [['on', 'ready', function () { window.__ready = true; }]] };</script>
      <script src="${apiBase}/widget.js" async></script></body></html>`,
  };
}
