import nodemailer from 'nodemailer';
import type { Logger } from '../logger';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Without it the mail is written to the log, so a
 * local install can still follow invitation and reset links.
 */
export function createMailer(opts: { smtpUrl: string | null; from: string; log: Logger }): Mailer {
  if (opts.smtpUrl === null) {
    return {
      send(mail) {
        opts.log.info('mail (no SMTP_URL set, not sent)', { to: mail.to, subject: mail.subject, text: mail.text });
        return Promise.resolve();
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: opts.from, ...mail });
    },
    close() {
      transport.close();
    },
  };
}

/** A mailer that keeps what it was asked to send; tests read `outbox`. */
export function captureMailer(): Mailer & { outbox: Mail[] } {
  const outbox: Mail[] = [];
  return {
    outbox,
    send(mail) {
      outbox.push(mail);
      return Promise.resolve();
    },
    close() {},
  };
}
