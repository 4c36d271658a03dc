import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../testing/fakes/listen.ts';
import { startSmtpFake, type SmtpFake } from '../../testing/fakes/smtp.ts';
import type { Channel, OutgoingMessage } from './channel.ts';
import { createEmailChannel, messageIdOf } from './email.ts';

const from = 'Setu <setu@example.org>';
const message: OutgoingMessage = {
  id: 'delivery-11',
  title: 'प्रशिक्षण वर्ग: शनिवार, ज़िला कार्यालय',
  body: 'सभी मंडल संयोजक शनिवार सुबह ९ बजे ज़िला कार्यालय पहुँचें।\nसाथ में बूथ सूची लाएँ।',
  url: 'https://setu.example.org/events/5',
  lang: 'hi',
};

let smtp: SmtpFake;
let channel: Channel;
beforeAll(async () => {
  smtp = await startSmtpFake();
  channel = createEmailChannel({ url: smtp.url, from });
});
afterAll(() => smtp.close());

describe('email channel', () => {
  it('sends Hindi subject and body intact, logged in, with a Message-ID made from the message id', async () => {
    const outcome = await channel.send('sanyojak@example.net', message);
    expect(outcome).toEqual({ ok: true, providerId: '<setu.delivery-11@example.org>' });
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'setu@example.org', to: ['sanyojak@example.net'], subject: message.title, messageId: '<setu.delivery-11@example.org>' });
    expect(mail.text.trimEnd()).toBe(`${message.body}\n\n${message.url}`);
    expect(mail.headers.get('from')).toBe(from);
    expect(mail.headers.get('content-language')).toBe('hi');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('gives a resent message the same Message-ID', async () => {
    const resent = { ...message, id: 'delivery-12' };
    await channel.send('a@example.net', resent);
    await channel.send('a@example.net', resent);
    const ids = smtp.mails.slice(-2).map((m) => m.messageId);
    expect(ids).toEqual(['<setu.delivery-12@example.org>', '<setu.delivery-12@example.org>']);
    expect(messageIdOf('job 7/3', 'example.org')).toMatch(/^<setu\.[\w-]{43}@example\.org>$/);
  });

  it('gives up on 5xx replies and retries 4xx ones', async () => {
    smtp.rejectNext(1, 550);
    expect(await channel.send('gone@example.net', message)).toEqual({ ok: false, permanent: true, reason: 'smtp 550: 550 5.1.1 Mailbox unavailable' });
    smtp.rejectNext(1, 451);
    expect(await channel.send('busy@example.net', message)).toEqual({ ok: false, permanent: false, reason: 'smtp 451: 451 4.3.0 Try again later' });
    expect(await channel.send('busy@example.net', message)).toMatchObject({ ok: true });
  });

  it('retries when the relay rejects the login or cannot be reached', async () => {
    const wrongPassword = createEmailChannel({ url: smtp.url.replace('smtp-test-pass', 'wrong'), from });
    expect(await wrongPassword.send('a@example.net', message)).toMatchObject({
      ok: false,
      permanent: false,
      reason: expect.stringMatching(/^smtp 535/) as string,
    });
    const unreachable = createEmailChannel({ url: `smtp://127.0.0.1:${await closedPort()}`, from });
    expect(await unreachable.send('a@example.net', message)).toMatchObject({
      ok: false,
      permanent: false,
      reason: expect.stringMatching(/^smtp: E/) as string,
    });
  });

  it('refuses an address that would add recipients', async () => {
    const before = smtp.mails.length;
    for (const address of ['a@example.net, b@example.net', 'A <a@example.net>', 'no-at-sign']) {
      expect(await channel.send(address, message)).toEqual({ ok: false, permanent: true, reason: 'not an email address' });
    }
    expect(smtp.mails).toHaveLength(before);
  });
});
