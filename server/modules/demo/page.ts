// The demo page is a stand-in customer website: plain HTML with the one-line snippet a
// customer would paste, so anyone can play visitor here and agent in the console.

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The page's style, served as its own file (/demo/demo.css): the page has no inline style or script. */
export const DEMO_STYLE = `  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1f2937; background: #f8fafc; }
  header { background: #14532d; color: white; padding: 24px 48px; }
  header h1 { margin: 0; font-size: 28px; }
  main { max-width: 880px; margin: 32px auto; padding: 0 24px; }
  .card { background: white; border-radius: 12px; padding: 24px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.08); margin-bottom: 24px; }
  code, pre { background: #f1f5f9; border-radius: 6px; padding: 2px 6px; font-size: 14px; }
  pre { padding: 12px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  .products { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; }
  .product { background: #ecfdf5; border-radius: 8px; padding: 16px; }
  .off { max-width: 560px; margin: 15vh auto; padding: 0 24px; }
`;

/** /demo after the demo organization's owner switched it off: a 404 that says so, and nothing else. */
export function demoOffPage(style: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found — Phoenix Chat</title>
<link rel="stylesheet" href="${style}">
</head>
<body>
<main class="off card">
  <h1>No demo here</h1>
  <p>The demo page of this Phoenix Chat installation is switched off.</p>
</main>
</body>
</html>`;
}

export function demoPage(opts: { publicUrl: string; style: string; widgetKey: string | null; login: { email: string; password: string } | null }): string {
  const snippet =
    opts.widgetKey === null
      ? null
      : `<script src="${opts.publicUrl}/widget.js" data-org="${opts.widgetKey}" async></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Outdoor — Phoenix Chat demo</title>
<link rel="stylesheet" href="${opts.style}">
</head>
<body>
<header><h1>Acme Outdoor</h1><p>Tents, packs and trail gear — a pretend shop for trying Phoenix Chat.</p></header>
<main>
  <section class="card">
    <h2>Try it</h2>
    <p>This page is a customer's website. The chat button in the corner is the Phoenix Chat widget, added with one line:</p>
    ${snippet === null ? '<p><strong>No organization yet.</strong> Start the server with <code>PHOENIX_DEMO=true</code> to create the demo organization.</p>' : `<pre id="snippet">${escapeHtml(snippet)}</pre>`}
    ${
      opts.login === null
        ? ''
        : `<p>Play the agent: open <a href="/" target="_blank" rel="noopener">the console</a> in another window and log in as
    <code data-demo-login>${escapeHtml(opts.login.email)}</code> with password <code data-demo-password>${escapeHtml(opts.login.password)}</code>.
    The password was generated for this installation; the organization’s owner can switch this page off in the console (Integrations).</p>`
    }
  </section>
  <section class="card">
    <h2>Popular this week</h2>
    <div class="products">
      <div class="product"><strong>Ridgeline 2P tent</strong><br>1.6 kg, two doors</div>
      <div class="product"><strong>Summit 45 L pack</strong><br>Adjustable torso</div>
      <div class="product"><strong>Trail runner GTX</strong><br>Waterproof, grippy</div>
    </div>
  </section>
</main>
${snippet ?? ''}
</body>
</html>`;
}
