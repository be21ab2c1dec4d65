// A self-contained page that reads the OpenAPI document at /docs/json and lays it out: no CDN,
// no framework, so it works offline and on locked-down networks. Its style and script are files
// of their own (page-assets.ts), so nothing on the page is inline.
export function docsPage(urls: { spec: string; script: string; style: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phoenix Chat API</title>
<link rel="stylesheet" href="${urls.style}">
</head>
<body>
<nav id="nav"><strong>Phoenix Chat API</strong><p class="muted"><a href="${urls.spec}">OpenAPI document (JSON)</a></p></nav>
<main id="main"><p class="muted">Loading the API description…</p></main>
<script src="${urls.script}" data-spec="${urls.spec}"></script>
</body>
</html>`;
}
