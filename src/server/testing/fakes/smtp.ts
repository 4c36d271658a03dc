import { SMTPServer } from 'smtp-server';
import { listenLocal } from './listen.ts';

export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM, RCPT TO). */
  from: string;
  to: string[];
  raw: string;
  /** Header names lower-cased, folded lines joined, RFC 2047 encoded words decoded. */
  headers: Map<string, string>;
  subject: string | undefined;
  messageId: string | undefined;
  /** The body, transfer encoding (base64, quoted-printable) undone, as UTF-8. */
  text: string;
}

export interface SmtpFake {
  /** smtp://user:pass@127.0.0.1:port, ready for nodemailer. */
  readonly url: string;
  readonly mails: ReceivedMail[];
  /** Refuses the recipient of the next `count` messages with `code` (451: try later; 550: mailbox unavailable). */
  rejectNext(count: number, code: 451 | 550): void;
  close(): Promise<void>;
}

/**
 * An SMTP server (the `smtp-server` package) on 127.0.0.1, requiring the given login. STARTTLS is switched off so the
 * test speaks plain SMTP with AUTH, as it would to a relay on a private network; smtps/STARTTLS is nodemailer's job.
 */
export async function startSmtpFake(user = 'setu', pass = 'smtp-test-pass'): Promise<SmtpFake> {
  const mails: ReceivedMail[] = [];
  const rejections: (451 | 550)[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      const code = rejections.shift();
      if (code === undefined) return callback();
      const text = code === 451 ? '4.3.0 Try again later' : '5.1.1 Mailbox unavailable';
      callback(Object.assign(new Error(text), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ ...parse(raw), from, to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  const port = await listenLocal(server.server);
  return {
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    mails,
    rejectNext(count, code) {
      for (let i = 0; i < count; i++) rejections.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** Enough RFC 5322/2045/2047 to read a single-part message as nodemailer writes it. */
function parse(raw: string): Omit<ReceivedMail, 'from' | 'to' | 'raw'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body.replace(/=\r\n/g, ''))
        : Buffer.from(body, 'utf8');
  return { headers, subject: headers.get('subject'), messageId: headers.get('message-id'), text: bytes.toString('utf8').replace(/\r\n/g, '\n') };
}

/** RFC 2047 `=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`; whitespace between adjacent encoded words is not part of the text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, kind: string, text: string) =>
      (kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : quotedPrintable(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes);
}
