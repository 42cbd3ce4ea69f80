import { SELF } from 'cloudflare:test';
import { expect, it } from 'vitest';

it('answers the health check with the server time', async () => {
  const before = Date.now();
  const res = await SELF.fetch('https://tessera.test/api/v1/health');
  expect(res.status).toBe(200);
  const body = await res.json<{ ok: boolean; time: number }>();
  expect(body.ok).toBe(true);
  expect(Math.abs(body.time - before)).toBeLessThan(60_000);
});
