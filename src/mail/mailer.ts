import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config';

/**
 * Agora's email, chosen once from config: through the SMTP server in SMTP_URL, or, with none
 * configured, into a local outbox (DATA_DIR/outbox), one RFC 822 .eml file per message that any
 * mail client opens, so a trial install never loses a message and never needs a mail server.
 * One small, general interface: whoever sends (sign-in links, digests) says to whom and what.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra header lines, such as List-Unsubscribe on digests (RFC 8058). */
  headers?: Record<string, string>;
}

export interface Mailer {
  /** 'smtp' or 'outbox', for the start-up message and the README's explanation. */
  readonly kind: 'smtp' | 'outbox';
  /** Resolves once the SMTP server accepted the message (or the outbox file is written). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export const OUTBOX_DIR = 'outbox';

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'dataDir'>): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      async send(message) {
        await transport.sendMail({ from: config.smtpFrom, ...message });
      },
      close: () => transport.close(),
    };
  }
  const outbox = path.join(config.dataDir, OUTBOX_DIR);
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(message) {
      const built = await builder.sendMail({ from: config.smtpFrom, ...message });
      await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
      // Time first, so a directory listing reads in the order messages were sent.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await fs.writeFile(path.join(outbox, name), built.message as Buffer, { mode: 0o600 });
    },
    close: () => builder.close(),
  };
}
