import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../src/http/errors.ts';
import { httpEmailSender } from '../src/notify/email-api.ts';
import { httpSmsSender } from '../src/notify/sms-api.ts';
import { call, callDeployed, callWith, expectError, json, keysBody, newEmail, newKeys, outbox } from './helpers.ts';

// A stand-in for an email or SMS provider's HTTP API: it checks what a real one would (method,
// bearer key, JSON body) and keeps what it accepted, or fails on demand.
class FakeProvider {
  readonly received: Record<string, unknown>[] = [];
  failWith: number | 'network' | null = null;
  readonly url: string;
  readonly key: string;
  constructor(url: string, key: string) {
    this.url = url;
    this.key = key;
  }

  readonly handle = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.url !== this.url) return new Response('unknown endpoint', { status: 404 });
    if (this.failWith === 'network') throw new TypeError('connection refused');
    if (this.failWith !== null) return new Response('{"message":"quota exceeded for code 123456"}', { status: this.failWith });
    if (request.method !== 'POST') return new Response('method', { status: 405 });
    if (request.headers.get('authorization') !== `Bearer ${this.key}`) return new Response('unauthorized', { status: 401 });
    if (request.headers.get('content-type') !== 'application/json') return new Response('type', { status: 415 });
    this.received.push(await request.json());
    return Response.json({ id: `msg_${this.received.length}` });
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('email API adapter', () => {
  it('posts { from, to, subject, text } with the bearer key', async () => {
    const provider = new FakeProvider('https://mail.provider.test/emails', 're_key');
    const sender = httpEmailSender({ url: provider.url, key: provider.key, from: 'Tessera <no-reply@tessera.test>', fetch: (r) => provider.handle(r) });
    await sender.send({ to: 'ann@example.org', subject: 'Code', text: 'Your code is 123456.' });
    expect(provider.received).toEqual([{ from: 'Tessera <no-reply@tessera.test>', to: 'ann@example.org', subject: 'Code', text: 'Your code is 123456.' }]);
  });

  it('turns a refusal or a network failure into delivery-failed without echoing the provider', async () => {
    const provider = new FakeProvider('https://mail.provider.test/emails', 're_key');
    const sender = httpEmailSender({ url: provider.url, key: 'wrong', from: 'x@tessera.test', fetch: (r) => provider.handle(r) });
    await expect(sender.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toMatchObject({ code: 'delivery-failed' });
    provider.failWith = 500;
    const good = httpEmailSender({ url: provider.url, key: provider.key, from: 'x@tessera.test', fetch: (r) => provider.handle(r) });
    const error = await good.send({ to: 'a@example.org', subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).not.toContain('123456');
    provider.failWith = 'network';
    await expect(good.send({ to: 'a@example.org', subject: 's', text: 't' })).rejects.toMatchObject({ code: 'delivery-failed' });
  });
});

describe('SMS API adapter', () => {
  it('posts { from, to, text } with the bearer key and no subject', async () => {
    const provider = new FakeProvider('https://sms.provider.test/v1/messages', 'sms_key');
    const sender = httpSmsSender({ url: provider.url, key: provider.key, from: '+15550100', fetch: (r) => provider.handle(r) });
    await sender.send({ to: '+447700900123', subject: 'ignored', text: 'Your Tessera code is 654321.' });
    expect(provider.received).toEqual([{ from: '+15550100', to: '+447700900123', text: 'Your Tessera code is 654321.' }]);
    provider.failWith = 429;
    await expect(sender.send({ to: '+447700900123', subject: '', text: 'x' })).rejects.toMatchObject({ code: 'delivery-failed' });
  });
});

describe('registration mail in a deployment', () => {
  const settings = { EMAIL_API_URL: 'https://mail.provider.test/emails', EMAIL_API_KEY: 're_live', EMAIL_FROM: 'no-reply@tessera.test' };

  it('goes through the configured email provider, and its code creates the account', async () => {
    const provider = new FakeProvider(settings.EMAIL_API_URL, settings.EMAIL_API_KEY);
    vi.spyOn(globalThis, 'fetch').mockImplementation(provider.handle);
    const email = newEmail();
    expect(await json(await callDeployed('/auth/register/start', { body: { email } }, settings), 202)).toEqual({ sent: true, expiresInSeconds: 600 });
    expect(provider.received).toHaveLength(1);
    const message = provider.received[0] as { to: string; text: string; from: string };
    expect(message.to).toBe(email);
    expect(message.from).toBe(settings.EMAIL_FROM);
    const code = /\b(\d{6})\b/.exec(message.text)?.[1] as string;
    const body = { email, code, deviceName: 'Phone', ...keysBody(newKeys()) };
    expect((await json(await callDeployed('/auth/register/finish', { body }, settings), 201)).kind).toBe('session');
  });

  it('answers 502 delivery-failed when the provider fails', async () => {
    const provider = new FakeProvider(settings.EMAIL_API_URL, settings.EMAIL_API_KEY);
    provider.failWith = 503;
    vi.spyOn(globalThis, 'fetch').mockImplementation(provider.handle);
    await expectError(await callDeployed('/auth/register/start', { body: { email: newEmail() } }, settings), 502, 'delivery-failed');
  });

  it('answers 503 server-misconfigured without an email provider', async () => {
    await expectError(await callDeployed('/auth/register/start', { body: { email: newEmail() } }), 503, 'server-misconfigured');
    await expectError(await callDeployed('/auth/register/start', { body: { email: newEmail() } }, { ...settings, EMAIL_API_KEY: '' }), 503, 'server-misconfigured');
  });

  it('never reaches a provider in DEV_MODE, even when one is configured', async () => {
    const spy = vi.spyOn(globalThis, 'fetch');
    const email = newEmail();
    await json(await callWith({ ...settings, DEV_MODE: 'true' }, '/auth/register/start', { body: { email } }), 202);
    expect(spy).not.toHaveBeenCalled();
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
