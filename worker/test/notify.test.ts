import { randomId } from '@tessera/core/crypto/random';
import { describe, expect, inject, it } from 'vitest';
import { ApiError } from '../src/http/errors.ts';
import { POSTMARK_URL, postmarkSender } from '../src/notify/email-postmark.ts';
import { RESEND_URL, resendSender } from '../src/notify/email-resend.ts';
import type { Message, Sender } from '../src/notify/notifier.ts';
import { twilioSender, twilioUrl } from '../src/notify/sms-twilio.ts';
import { notifierFor } from '../src/notify/select.ts';
import { VONAGE_URL, vonageSender } from '../src/notify/sms-vonage.ts';
import { env } from 'cloudflare:test';
import { call, callDeployed, callWith, expectError, json, keysBody, newEmail, newKeys, outbox } from './helpers.ts';

// Each adapter sends to the provider stand-in on 127.0.0.1 (test/node/provider-stub.ts) through
// workerd's real fetch; the stand-in keeps the request as it arrived, and each test compares it
// with what the provider documents. Every test sends under its own path prefix.
const STUB = inject('providerStub');

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

function prefix(): string {
  return `/t-${randomId()}`;
}

async function recorded(under: string): Promise<Recorded[]> {
  return (await fetch(`${STUB}/__recorded?prefix=${encodeURIComponent(under)}`)).json();
}

async function sendOne(sender: Sender, message: Message, under: string): Promise<Recorded> {
  await sender.send(message);
  const requests = await recorded(under);
  expect(requests).toHaveLength(1);
  return requests[0] as Recorded;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

const CODE_MAIL: Message = {
  to: 'ann@example.org',
  subject: 'Tessera sign-in code: 123456',
  text: 'Your Tessera sign-in code is 123456.',
};
const CODE_SMS: Message = {
  to: '+447700900123',
  subject: 'ignored',
  text: 'Tessera sign-in code: 654321. It expires in 10 minutes.',
};

describe('email adapters send the request the provider documents', () => {
  it('Resend: POST /emails, bearer key, JSON { from, to, subject, text }', async () => {
    expect(RESEND_URL).toBe('https://api.resend.com/emails');
    const under = prefix();
    const from = 'Tessera <no-reply@tessera.test>';
    const request = await sendOne(
      resendSender({ key: 're_123', from, url: `${STUB}${under}/emails` }),
      CODE_MAIL,
      under,
    );
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${under}/emails`);
    expect(request.headers.authorization).toBe('Bearer re_123');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      from,
      to: CODE_MAIL.to,
      subject: CODE_MAIL.subject,
      text: CODE_MAIL.text,
    });
  });

  it('Postmark: POST /email, X-Postmark-Server-Token, JSON { From, To, Subject, TextBody, MessageStream }', async () => {
    expect(POSTMARK_URL).toBe('https://api.postmarkapp.com/email');
    const under = prefix();
    const request = await sendOne(
      postmarkSender({ key: 'server-token', from: 'no-reply@tessera.test', url: `${STUB}${under}/email` }),
      CODE_MAIL,
      under,
    );
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${under}/email`);
    expect(request.headers['x-postmark-server-token']).toBe('server-token');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      From: 'no-reply@tessera.test',
      To: CODE_MAIL.to,
      Subject: CODE_MAIL.subject,
      TextBody: CODE_MAIL.text,
      MessageStream: 'outbound',
    });
  });
});

describe('SMS adapters send the request the provider documents', () => {
  it('Twilio: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, Basic SID:token, form To, From, Body', async () => {
    const sid = 'AC0123456789abcdef0123456789abcdef';
    expect(twilioUrl(sid)).toBe(`https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json`);
    const under = prefix();
    const url = `${STUB}${under}/2010-04-01/Accounts/${sid}/Messages.json`;
    const request = await sendOne(
      twilioSender({ account: sid, key: 'auth-token', from: '+15005550006', url }),
      CODE_SMS,
      under,
    );
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${under}/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(request.headers.authorization).toBe(basic(sid, 'auth-token'));
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request.body)]).toEqual([
      ['To', '+447700900123'],
      ['From', '+15005550006'],
      ['Body', CODE_SMS.text],
    ]);
  });

  it('Vonage: POST /sms/json, Basic key:secret, form from, to (no "+"), text', async () => {
    expect(VONAGE_URL).toBe('https://rest.nexmo.com/sms/json');
    const under = prefix();
    const request = await sendOne(
      vonageSender({ account: 'abcd1234', key: 's3cret', from: 'Tessera', url: `${STUB}${under}/sms/json` }),
      CODE_SMS,
      under,
    );
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${under}/sms/json`);
    expect(request.headers.authorization).toBe(basic('abcd1234', 's3cret'));
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect([...new URLSearchParams(request.body)]).toEqual([
      ['from', 'Tessera'],
      ['to', '447700900123'],
      ['text', CODE_SMS.text],
    ]);
  });

  it('Vonage: a message the provider refused inside a 200 answer is a delivery failure', async () => {
    const under = prefix();
    const sender = vonageSender({ account: 'k', key: 's', from: 'Tessera', url: `${STUB}${under}/sms/json` });
    await expect(sender.send({ ...CODE_SMS, to: '+447700900999' })).rejects.toMatchObject({ code: 'delivery-failed' });
  });
});

describe('provider failures', () => {
  it('become delivery-failed without echoing what the provider said', async () => {
    for (const status of [401, 422, 500, 503]) {
      const under = `/fail-${status}${prefix()}`;
      const senders = [
        resendSender({ key: 'k', from: 'x@tessera.test', url: `${STUB}${under}/emails` }),
        postmarkSender({ key: 'k', from: 'x@tessera.test', url: `${STUB}${under}/email` }),
        twilioSender({ account: 'AC1', key: 'k', from: '+15005550006', url: `${STUB}${under}/Messages.json` }),
        vonageSender({ account: 'k', key: 's', from: 'Tessera', url: `${STUB}${under}/sms/json` }),
      ];
      for (const sender of senders) {
        const error = await sender.send(CODE_SMS).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).code).toBe('delivery-failed');
        expect((error as ApiError).message).not.toContain('123456');
      }
    }
  });

  it('become delivery-failed when nothing answers', async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const sender = resendSender({ key: 'k', from: 'x@tessera.test', url: 'http://127.0.0.1:9/emails' });
    await expect(sender.send(CODE_MAIL)).rejects.toMatchObject({ code: 'delivery-failed' });
  });
});

describe('provider settings in a deployment', () => {
  it('EMAIL_PROVIDER=postmark: the registration code goes to Postmark and creates the account', async () => {
    const under = prefix();
    const settings = {
      EMAIL_PROVIDER: 'postmark',
      EMAIL_API_KEY: 'pm-token',
      EMAIL_FROM: 'no-reply@tessera.test',
      EMAIL_API_URL: `${STUB}${under}/email`,
    };
    const email = newEmail();
    expect(await json(await callDeployed('/auth/register/start', { body: { email } }, settings), 202)).toEqual({
      sent: true,
      expiresInSeconds: 600,
    });
    const [request] = await recorded(under);
    expect(request?.headers['x-postmark-server-token']).toBe('pm-token');
    const mail = JSON.parse(request?.body ?? '{}') as { To: string; TextBody: string; From: string };
    expect(mail.To).toBe(email);
    expect(mail.From).toBe(settings.EMAIL_FROM);
    const code = /\b(\d{6})\b/.exec(mail.TextBody)?.[1] as string;
    const body = { email, code, deviceName: 'Phone', ...keysBody(newKeys()) };
    expect((await json(await callDeployed('/auth/register/finish', { body }, settings), 201)).kind).toBe('session');
  });

  it('EMAIL_PROVIDER unset means Resend', async () => {
    const under = prefix();
    const settings = {
      EMAIL_API_KEY: 're_live',
      EMAIL_FROM: 'no-reply@tessera.test',
      EMAIL_API_URL: `${STUB}${under}/emails`,
    };
    await json(await callDeployed('/auth/register/start', { body: { email: newEmail() } }, settings), 202);
    expect((await recorded(under))[0]?.headers.authorization).toBe('Bearer re_live');
  });

  it('answers 502 delivery-failed when the provider fails', async () => {
    const settings = {
      EMAIL_API_KEY: 're_live',
      EMAIL_FROM: 'no-reply@tessera.test',
      EMAIL_API_URL: `${STUB}/fail-503${prefix()}/emails`,
    };
    await expectError(
      await callDeployed('/auth/register/start', { body: { email: newEmail() } }, settings),
      502,
      'delivery-failed',
    );
  });

  it('answers 503 server-misconfigured without a complete, known provider', async () => {
    const complete = {
      EMAIL_API_KEY: 'k',
      EMAIL_FROM: 'no-reply@tessera.test',
      EMAIL_API_URL: `${STUB}${prefix()}/emails`,
    };
    for (const settings of [
      {},
      { ...complete, EMAIL_API_KEY: '' },
      { ...complete, EMAIL_FROM: '' },
      { ...complete, EMAIL_PROVIDER: 'sendmail' },
    ]) {
      await expectError(
        await callDeployed('/auth/register/start', { body: { email: newEmail() } }, settings),
        503,
        'server-misconfigured',
      );
    }
  });

  it('SMS_PROVIDER picks Twilio or Vonage; without it, or with any other, SMS is off', async () => {
    const deployed = { ...env, DEV_MODE: undefined };
    const sms = { SMS_ACCOUNT: 'AC1', SMS_API_KEY: 'k', SMS_FROM: '+15005550006' };
    for (const [provider, path] of [
      ['twilio', '/Messages.json'],
      ['vonage', '/sms/json'],
    ] as const) {
      const under = prefix();
      const sender = notifierFor({
        ...deployed,
        ...sms,
        SMS_PROVIDER: provider,
        SMS_API_URL: `${STUB}${under}${path}`,
      }).sms;
      await sender?.send(CODE_SMS);
      expect((await recorded(under)).map((r) => r.path)).toEqual([`${under}${path}`]);
    }
    expect(notifierFor({ ...deployed, ...sms }).sms).toBeNull();
    expect(notifierFor({ ...deployed, ...sms, SMS_PROVIDER: 'carrier-pigeon' }).sms).toBeNull();
    expect(notifierFor({ ...deployed, ...sms, SMS_PROVIDER: 'twilio', SMS_ACCOUNT: '' }).sms).toBeNull();
  });

  it('never reaches a provider in DEV_MODE, even when one is configured', async () => {
    const under = prefix();
    const email = newEmail();
    const settings = {
      EMAIL_API_KEY: 're_live',
      EMAIL_FROM: 'no-reply@tessera.test',
      EMAIL_API_URL: `${STUB}${under}/emails`,
      DEV_MODE: 'true',
    };
    await json(await callWith(settings, '/auth/register/start', { body: { email } }), 202);
    expect(await recorded(under)).toEqual([]);
    expect(await outbox(email)).toHaveLength(1);
  });
});

describe('dev outbox', () => {
  it('lists messages per recipient, oldest first, and can be cleared', async () => {
    const [a, b] = [newEmail(), newEmail()];
    await json(await call('/auth/register/start', { body: { email: a } }), 202);
    await json(await call('/auth/register/start', { body: { email: b } }), 202);
    const messages = await outbox(a);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ channel: 'email', to: a });
    expect(Object.keys(messages[0] as object).sort()).toEqual(['channel', 'id', 'sentAt', 'subject', 'text', 'to']);
    const all = await json(await call('/dev/outbox?limit=500'), 200);
    expect(all.messages.map((m: { to: string }) => m.to)).toEqual(expect.arrayContaining([a, b]));
    expect((await call('/dev/outbox', { method: 'DELETE' })).status).toBe(204);
    expect(await outbox(a)).toEqual([]);
    await expectError(await call('/dev/outbox?limit=0'), 400, 'invalid-query');
  });

  it('does not exist without DEV_MODE', async () => {
    for (const method of ['GET', 'DELETE', 'POST']) {
      await expectError(await callDeployed('/dev/outbox', { method }), 404, 'not-found');
    }
    await expectError(await callDeployed('/dev/outbox?to=a@example.org'), 404, 'not-found');
  });
});
