// Local stand-ins for the outside world in notification tests: a fake of Twilio's Messages
// endpoint, and a reader for what the SMTP inbox (smtp-inbox.ts) received. 127.0.0.1 only.

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes headers. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The decoded text/plain and text/html parts of a (multipart) message. */
export function mailParts(raw: string): { subject: string; text: string; html: string } {
  const unfold = (s: string) => s.replace(/\r?\n[ \t]+/g, ' ');
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = decodeWords(/^subject: (.*)$/im.exec(unfold(head))?.[1] ?? '');
  const body = rest.join('\r\n\r\n');
  const decode = (part: string) => {
    const [partHead = '', ...partBody] = part.split(/\r?\n\r?\n/);
    const content = partBody.join('\r\n\r\n');
    if (/content-transfer-encoding: *base64/i.test(partHead)) return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/content-transfer-encoding: *quoted-printable/i.test(partHead)) {
      const bytes = content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    return content;
  };
  const parts = body.split(/\r?\n--[^\r\n]+/);
  const find = (type: string) => parts.find((p) => new RegExp(`content-type: *${type}`, 'i').test(p.split(/\r?\n\r?\n/)[0] ?? ''));
  const textPart = find('text/plain');
  const htmlPart = find('text/html');
  return { subject, text: textPart ? decode(textPart.replace(/^\r?\n/, '')) : '', html: htmlPart ? decode(htmlPart.replace(/^\r?\n/, '')) : '' };
}

export interface TwilioRequest {
  path: string;
  authorization: string | null;
  form: Record<string, string>;
}

/**
 * A fake of Twilio's `POST /2010-04-01/Accounts/{sid}/Messages.json`. `failFirst` answers that
 * many requests with a 503 first, to exercise retries.
 */
export function startFakeTwilio(opts: { failFirst?: number } = {}): { url: string; received: TwilioRequest[]; close(): void } {
  const received: TwilioRequest[] = [];
  let failures = opts.failFirst ?? 0;
  let seq = 0;
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(url.pathname);
      if (req.method !== 'POST' || !match) return Response.json({ code: 20404, message: 'Not found', status: 404 }, { status: 404 });
      const form = Object.fromEntries(new URLSearchParams(await req.text()));
      received.push({ path: url.pathname, authorization: req.headers.get('authorization'), form });
      if (failures > 0) {
        failures--;
        return Response.json({ code: 20503, message: 'Service unavailable', status: 503 }, { status: 503 });
      }
      if (!form.To?.startsWith('+')) return Response.json({ code: 21211, message: `The 'To' number ${form.To ?? ''} is not a valid phone number.`, status: 400 }, { status: 400 });
      const sid = `SM${(++seq).toString(16).padStart(32, '0')}`;
      return Response.json({ sid, account_sid: match[1], to: form.To, from: form.From, body: form.Body, status: 'queued' }, { status: 201 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, received, close: () => void server.stop(true) };
}
