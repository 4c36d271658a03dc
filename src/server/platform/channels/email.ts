import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';
import type { Channel, OutgoingMessage, SendOutcome } from './channel.ts';
import { permanent, retry } from './support.ts';

export interface EmailChannelOptions {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465 (SMTP_URL). */
  url: string;
  /** The From header, e.g. `Setu <setu@example.org>` (SMTP_FROM); its domain also names the Message-IDs. */
  from: string;
  /** SMTP relays throttle hard (a few messages a second is common). */
  ratePerSecond?: number;
}

/**
 * Email over SMTP with nodemailer, plain text: title as the subject, body then link. One connection per message, so
 * nothing stays open between deliveries. The Message-ID comes from the message id, so a copy resent after a crash is
 * recognisably the same message to the relay and the mailbox.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  // nodemailer's socket timeout defaults to 10 minutes; a stuck relay should free the queue's slot much sooner.
  const transport = createTransport({ url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const domain = /@([^\s@<>]+)>?\s*$/.exec(options.from)?.[1] ?? 'setu.invalid';
  return {
    name: 'email',
    ratePerSecond: options.ratePerSecond ?? 5,
    async send(address: string, message: OutgoingMessage): Promise<SendOutcome> {
      // One bare address: a comma or angle brackets would let a stored address add recipients or a display name.
      if (!/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/.test(address)) return permanent('not an email address');
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: address,
          subject: message.title,
          text: message.url ? `${message.body}\n\n${message.url}` : message.body,
          messageId: messageIdOf(message.id, domain),
          headers: {
            'Content-Language': message.lang,
            // RFC 3834: out-of-office and other auto-replies are not sent back for it.
            'Auto-Submitted': 'auto-generated',
          },
        });
        return { ok: true, providerId: info.messageId };
      } catch (error) {
        return outcomeOf(error as NodemailerError);
      }
    },
  };
}

function outcomeOf(error: NodemailerError): SendOutcome {
  if (error.responseCode !== undefined) {
    const reason = `smtp ${error.responseCode}: ${(error.response ?? error.message).split('\n')[0]?.slice(0, 200)}`;
    // A rejected login (535) is our configuration, not the address: retry, so fixing SMTP_URL delivers what waits.
    if (error.code === 'EAUTH') return retry(reason);
    // nodemailer marks each reply permanent or not (5xx except 503, RFC 5321 §4.2.1); the fallback says the same.
    const isPermanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    return isPermanent ? permanent(reason) : retry(reason);
  }
  // No reply from a server: it could not be reached, timed out or hung up. The address may be fine.
  return retry(`smtp: ${error.originalCode ?? error.code ?? error.message}`); // ECONNREFUSED rather than ESOCKET
}

/** `<id@domain>`: the id as it is when it is a safe atom (uuids, numbers), else its hash, stable across resends. */
export function messageIdOf(id: string, domain: string): string {
  const local = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : createHash('sha256').update(id).digest('base64url');
  return `<setu.${local}@${domain}>`;
}
