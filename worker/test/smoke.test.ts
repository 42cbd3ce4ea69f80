import { describe, expect, it } from 'vitest';
import { call, json, pull, push, register, envelope } from './helpers.ts';
import { randomId } from '@tessera/core/crypto/random';

describe('smoke', () => {
  it('registers, pushes and pulls', async () => {
    const a = await register();
    const id = randomId();
    const r = await push(a.token, [{ id, baseSeq: 0, envelope: envelope() }]);
    expect(r.applied).toEqual([{ id, seq: 1 }]);
    const p = await pull(a.token);
    expect(p.changes.length).toBe(1);
    expect(p.nextCursor).toBe('1');
    console.log(JSON.stringify(await json(await call('/account', { token: a.token }), 200)).slice(0, 300));
  });
});
