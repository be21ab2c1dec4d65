// A local SMTP server that keeps every mail the server sends, so journeys can follow
// invitation and reset links the way a person would from their inbox.
import { startSmtpInbox, type ReceivedMail } from '../../server/testing/smtp-inbox';
import { waitFor } from './wait';

export type CapturedMail = ReceivedMail;

export interface Mailbox {
  url: string;
  mails: CapturedMail[];
  /** The first mail to `address` whose text matches, waiting up to `timeoutMs`. */
  waitFor(address: string, match?: RegExp, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const inbox = await startSmtpInbox();
  const { mails } = inbox;
  return {
    url: inbox.url,
    mails,
    waitFor: (address, match = /./, timeoutMs = 10_000) =>
      waitFor(
        `a mail to ${address} matching ${String(match)}`,
        () => mails.find((m) => m.to.includes(address.toLowerCase()) && match.test(decodeMail(m.raw))) ?? null,
        { timeoutMs },
      ),
    close: () => inbox.close(),
  };
}

/** Undoes quoted-printable soft breaks and escapes, enough to find links in the text. */
export function decodeMail(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function linkIn(mail: CapturedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s"<>]*${path}\\?token=[A-Za-z0-9_%-]+`).exec(decodeMail(mail.raw));
  if (!match) throw new Error(`no ${path} link in mail`);
  return match[0];
}
