const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The one-line embed code for a site. */
export function embedSnippet(origin: string, widgetKey: string): string {
  return `<script src="${escapeAttr(origin.replace(/\/+$/, ''))}/widget.js" data-org="${escapeAttr(widgetKey)}" async></script>`;
}

/** One allowed origin per line; blank lines dropped, trailing slashes removed. */
export function parseOrigins(text: string): { origins: string[]; invalid: string[] } {
  const origins: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const line = raw.trim().replace(/\/+$/, '');
    if (!line) continue;
    try {
      const u = new URL(line);
      if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.origin !== line) invalid.push(line);
      else if (!origins.includes(line)) origins.push(line);
    } catch {
      invalid.push(line);
    }
  }
  return { origins, invalid };
}

export function isHexColor(s: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(s);
}
