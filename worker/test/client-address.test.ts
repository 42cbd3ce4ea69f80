import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Env } from '../src/env.ts';
import { clientAddress, clientKey } from '../src/http/client.ts';

// A request as workerd hands it over: the connection's peer in cf.clientIp, headers as sent.
function arriving(peer: string, headers: Record<string, string> = {}): Request {
  return new Request('https://tessera.test/api/v1/auth/prelogin', { headers, cf: { clientIp: peer } } as RequestInit);
}

function settings(patch: Partial<Env>): Env {
  return { ...env, ...patch };
}

describe('client address', () => {
  it('behind Cloudflare (the default) is CF-Connecting-IP', () => {
    const request = arriving('198.51.100.9:443', { 'cf-connecting-ip': '203.0.113.7' });
    expect(clientAddress(request, settings({}))).toBe('203.0.113.7');
    expect(clientAddress(request, settings({ CLIENT_ADDRESS: 'cf-connecting-ip' }))).toBe('203.0.113.7');
  });

  it('directly is the socket peer, and a header a client sent changes nothing', () => {
    const direct = settings({ CLIENT_ADDRESS: 'socket' });
    expect(
      clientAddress(
        arriving('203.0.113.7:51234', { 'cf-connecting-ip': '1.2.3.4', 'x-forwarded-for': '1.2.3.4' }),
        direct,
      ),
    ).toBe('203.0.113.7');
    expect(clientAddress(arriving('[2001:db8::1]:51234'), direct)).toBe('2001:db8::1');
    expect(clientKey(arriving('[2001:db8:0:0:5::1]:443'), direct)).toBe('2001:db8:0:0::/64');
  });

  it('behind a proxy is the header the proxy sets, believed only from the proxy', () => {
    const proxied = settings({
      CLIENT_ADDRESS: 'proxy',
      CLIENT_ADDRESS_HEADER: 'X-Forwarded-For',
      TRUSTED_PROXIES: '127.0.0.1, ::1',
    });
    // The proxy appends the address it saw; anything before it came from the client.
    expect(clientAddress(arriving('127.0.0.1:40000', { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }), proxied)).toBe(
      '203.0.113.7',
    );
    expect(clientAddress(arriving('[::1]:40000', { 'x-forwarded-for': '203.0.113.8' }), proxied)).toBe('203.0.113.8');
    // A client that reaches the server around the proxy cannot pick its address.
    expect(clientAddress(arriving('198.51.100.20:5555', { 'x-forwarded-for': '203.0.113.7' }), proxied)).toBe(
      '198.51.100.20',
    );
    // Nor does CF-Connecting-IP count here.
    expect(clientAddress(arriving('198.51.100.20:5555', { 'cf-connecting-ip': '203.0.113.7' }), proxied)).toBe(
      '198.51.100.20',
    );
    // The proxy sent no header: the proxy's own address (one bucket, never a made-up one).
    expect(clientAddress(arriving('127.0.0.1:40000'), proxied)).toBe('127.0.0.1');
    const realIp = settings({
      CLIENT_ADDRESS: 'proxy',
      CLIENT_ADDRESS_HEADER: 'X-Real-IP',
      TRUSTED_PROXIES: '10.0.0.2',
    });
    expect(clientAddress(arriving('10.0.0.2:1234', { 'x-real-ip': '203.0.113.9' }), realIp)).toBe('203.0.113.9');
  });
});
