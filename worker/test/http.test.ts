import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { CONTENT_SECURITY_POLICY } from '../src/http/headers.ts';
import { call, expectError, json, ORIGIN, register } from './helpers.ts';

function expectSecurityHeaders(res: Response): void {
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
}

describe('security headers', () => {
  it('are on API answers, successful or not, and API answers are never cached', async () => {
    for (const res of [await call('/health'), await call('/nope'), await call('/auth/signin', { body: '{' })]) {
      expectSecurityHeaders(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
      await res.body?.cancel();
    }
  });

  it('allow exactly what the PWA needs and nothing from another origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' blob: mediastream:");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|https?:|\*/);
  });

  it('harden the browser: Trusted Types, no plugins, powerful features for the app only', async () => {
    // Read from what the worker really sends, not from the constants it is built from.
    const res = await call('/health');
    await res.body?.cancel();
    const csp = (res.headers.get('content-security-policy') ?? '').split(/;\s*/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    // One policy name, the one web/src/trusted-types.ts creates; no 'allow-duplicates'.
    expect(csp).toContain('trusted-types default');
    const features = new Map(
      (res.headers.get('permissions-policy') ?? '').split(/,\s*/).map((entry) => entry.split('=') as [string, string]),
    );
    expect(features.get('camera')).toBe('(self)');
    expect(features.get('display-capture')).toBe('(self)');
    expect(features.get('publickey-credentials-get')).toBe('(self)');
    expect(features.get('publickey-credentials-create')).toBe('(self)');
    for (const denied of ['microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'midi']) {
      expect(features.get(denied), denied).toBe('()');
    }
    // Nothing but camera, screen capture and WebAuthn (passkey unlock) is granted to anyone.
    expect(
      [...features]
        .filter(([, allow]) => allow !== '()')
        .map(([name]) => name)
        .sort(),
    ).toEqual(['camera', 'display-capture', 'publickey-credentials-create', 'publickey-credentials-get']);
    // Cross-origin isolation is not needed (Argon2id runs on one thread, no SharedArrayBuffer):
    // COOP isolates the window, and no COEP is sent (docs/api.md, "Security headers").
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
  });

  it('are added to what the assets binding serves (its headers are immutable)', async () => {
    // The platform's assets service answers with immutable headers, as a fetch() response does.
    const assets = {
      fetch: async (request: Request) => {
        const res = await fetch('data:text/html,<!doctype html><title>Tessera</title>');
        expect(new URL(request.url).pathname).toBe('/settings/account');
        return res;
      },
    } as unknown as Fetcher;
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`${ORIGIN}/settings/account`), { ...env, ASSETS: assets }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Tessera</title>');
    expectSecurityHeaders(res);
    expect(res.headers.get('cache-control')).toBeNull();
  });
});

describe('routing', () => {
  it('answers an unknown API path with 404 JSON', async () => {
    await expectError(await call('/vault/everything'), 404, 'not-found');
    await expectError(await SELF.fetch(`${ORIGIN}/api/v2/health`), 404, 'not-found');
  });

  it('answers a known path with the wrong method with 405, JSON and Allow', async () => {
    const cases: [string, string, string][] = [
      ['/health', 'POST', 'GET, HEAD'],
      ['/auth/signin', 'GET', 'POST'],
      ['/auth/prelogin', 'PUT', 'POST'],
      ['/vault/changes', 'DELETE', 'GET, HEAD, POST'],
      ['/sessions/abc', 'GET', 'DELETE'],
      ['/account', 'PATCH', 'GET, HEAD'],
    ];
    for (const [path, method, allow] of cases) {
      const res = await call(path, { method });
      expect(res.headers.get('allow'), `${method} ${path}`).toBe(allow);
      await expectError(res, 405, 'method-not-allowed');
    }
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await call('/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('request bodies', () => {
  it('refuses a body that is not application/json with 415', async () => {
    const body = JSON.stringify({ email: 'a@example.org' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '']) {
      const res = await call('/auth/prelogin', { body, headers: { 'content-type': type } });
      await expectError(res, 415, 'unsupported-media-type');
    }
    const ok = await call('/auth/prelogin', { body, headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
  });

  it('refuses malformed JSON and invalid UTF-8 with 400 malformed-json', async () => {
    for (const body of ['{', '', 'nul', '{"email":}', '\u0000']) {
      await expectError(await call('/auth/prelogin', { body }), 400, 'malformed-json');
    }
    const res = await SELF.fetch(`${ORIGIN}/api/v1/auth/prelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    await expectError(res, 400, 'malformed-json');
  });

  it('refuses wrong shapes, wrong types and unknown fields with 400 invalid-body naming the field', async () => {
    expect(await expectError(await call('/auth/prelogin', { body: [] }), 400, 'invalid-body')).toMatch(/email/);
    expect(await expectError(await call('/auth/prelogin', { body: {} }), 400, 'invalid-body')).toMatch(/email/);
    await expectError(await call('/auth/prelogin', { body: 'null' }), 400, 'invalid-body');
    await expectError(await call('/auth/prelogin', { body: '"a@example.org"' }), 400, 'invalid-body');
    expect(await expectError(await call('/auth/prelogin', { body: { email: 5 } }), 400, 'invalid-body')).toMatch(
      /^email: /,
    );
    expect(
      await expectError(await call('/auth/prelogin', { body: { email: 'no-at-sign' } }), 400, 'invalid-body'),
    ).toMatch(/^email: /);
    expect(
      await expectError(
        await call('/auth/prelogin', { body: { email: 'a@example.org', admin: true } }),
        400,
        'invalid-body',
      ),
    ).toMatch(/admin/);
    const tooLong = `${'a'.repeat(250)}@example.org`;
    await expectError(await call('/auth/prelogin', { body: { email: tooLong } }), 400, 'invalid-body');
  });

  it('refuses an oversized body from its Content-Length before reading it', async () => {
    const res = await call('/auth/prelogin', { body: { email: 'a@example.org', pad: 'x'.repeat(20_000) } });
    await expectError(res, 413, 'body-too-large');
  });

  it('refuses an oversized body while reading it when no length is declared', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 64 * 1024) return controller.close();
        sent += 4096;
        controller.enqueue(new TextEncoder().encode(' '.repeat(4096)));
      },
    });
    const res = await SELF.fetch(`${ORIGIN}/api/v1/auth/prelogin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      // @ts-expect-error workerd needs duplex for a streamed request body
      duplex: 'half',
    });
    await expectError(res, 413, 'body-too-large');
  });

  it('refuses pathological JSON within the size limit without a 5xx', async () => {
    const { token } = await register();
    const deep = `${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`;
    const nested = await json(await call('/vault/changes', { token, body: deep }), 400);
    expect(['malformed-json', 'invalid-body']).toContain(nested.error.code);
    const unclosed = await call('/vault/changes', { token, body: '{"changes":'.repeat(100_000) });
    await expectError(unclosed, 400, 'malformed-json');
    // 60,000 tiny changes fit in 4 MiB: refused by count before any is validated.
    const tiny = JSON.stringify({
      changes: Array.from({ length: 60_000 }, () => ({ id: 'AAAAAAAAAAAAAAAAAAAAAA', baseSeq: 0, envelope: 'AQ' })),
    });
    const started = Date.now();
    await expectError(await call('/vault/changes', { token, body: tiny }), 413, 'too-many-changes');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a push body over 4 MiB', async () => {
    const { token } = await register();
    const res = await call('/vault/changes', { token, body: { changes: [], pad: 'x'.repeat(4 * 1024 * 1024) } });
    await expectError(res, 413, 'body-too-large');
  });
});
