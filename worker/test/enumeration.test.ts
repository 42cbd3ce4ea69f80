import { afterEach, describe, expect, it } from 'vitest';
import { call, keysBody, newEmail, newKeys, register } from './helpers.ts';
import { realClock, setClock } from './twofa-helpers.ts';

// Issue 15, "No enumeration": prelogin and registration answer an email that has an account and
// one that has none alike, in shape (exactly) and in time (statistically). The requests of the
// two kinds alternate, so a load that changes during the run weighs on both; the time check
// compares medians with a generous margin, because workerd's clock only moves between I/O and
// the machine may be loaded: it catches a path that does clearly more work (a storage write, a
// second object), not a microsecond.

afterEach(realClock);

const ROUNDS = 200;

interface Answer {
  status: number;
  headers: string;
  shape: string;
  ms: number;
  body: unknown;
}

// The body's shape: its keys and the type of each value, recursively, never the values.
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  return typeof value;
}

async function timed(send: () => Promise<Response>): Promise<Answer> {
  const started = performance.now();
  const res = await send();
  const body: unknown = await res.json();
  const ms = performance.now() - started;
  return {
    status: res.status,
    headers: [...res.headers.keys()].sort().join(','),
    shape: JSON.stringify(shapeOf(body)),
    ms,
    body,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

// Alike in time: medians within a factor of 2, or within 3 ms when both are that fast (the clock's
// steps are whole milliseconds).
function expectAlikeInTime(known: number[], unknown: number[]): void {
  const [a, b] = [median(known), median(unknown)];
  expect(Math.abs(a - b) <= 3 || Math.max(a, b) <= 2 * Math.min(a, b), `medians ${a} ms and ${b} ms`).toBe(true);
}

function expectAlikeInShape(known: Answer[], unknown: Answer[]): void {
  const kinds = (answers: Answer[]) => [...new Set(answers.map((a) => `${a.status} ${a.headers} ${a.shape}`))];
  expect(kinds(unknown)).toEqual(kinds(known));
}

describe('a known and an unknown email answer alike', () => {
  it(`prelogin, over ${ROUNDS} requests each`, async () => {
    const account = await register();
    const unknown = newEmail('nobody');
    const known: Answer[] = [];
    const other: Answer[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      known.push(await timed(() => call('/auth/prelogin', { body: { email: account.email } })));
      other.push(await timed(() => call('/auth/prelogin', { body: { email: unknown } })));
    }
    expectAlikeInShape(known, other);
    expect(known[0]?.status).toBe(200);
    expect((known[0]?.body as { kdf: unknown }).kdf).toEqual((other[0]?.body as { kdf: unknown }).kdf);
    expectAlikeInTime(
      known.map((a) => a.ms),
      other.map((a) => a.ms),
    );
  }, 300_000);

  it(`registration start, over ${ROUNDS / 4} mails each`, async () => {
    const account = await register();
    const unknown = newEmail('nobody');
    const known: Answer[] = [];
    const other: Answer[] = [];
    // One mail per 30 s and 5 an hour per address: the clock moves 13 minutes between rounds.
    let now = Date.now() + 3600_000;
    for (let i = 0; i < ROUNDS / 4; i++) {
      setClock(now);
      known.push(await timed(() => call('/auth/register/start', { body: { email: account.email } })));
      other.push(await timed(() => call('/auth/register/start', { body: { email: unknown } })));
      now += 13 * 60_000;
    }
    expectAlikeInShape(known, other);
    expect(known.map((a) => a.status)).toEqual(Array(ROUNDS / 4).fill(202));
    expectAlikeInTime(
      known.map((a) => a.ms),
      other.map((a) => a.ms),
    );
  }, 300_000);

  it(`registration finish, over ${ROUNDS / 2} wrong codes each`, async () => {
    const account = await register();
    const unknown = newEmail('nobody');
    let now = Date.now() + 3600_000;
    const known: Answer[] = [];
    const other: Answer[] = [];
    for (let i = 0; i < ROUNDS / 2; i++) {
      // A new code every 10 rounds (5 tries each, then code-expired): both paths, both answers.
      if (i % 10 === 0) {
        now += 13 * 60_000;
        setClock(now);
        for (const email of [account.email, unknown])
          expect((await call('/auth/register/start', { body: { email } })).status).toBe(202);
      }
      const finish = (email: string) =>
        call('/auth/register/finish', {
          body: { email, code: '000000', deviceName: 'Laptop', ...keysBody(newKeys()) },
        });
      known.push(await timed(() => finish(account.email)));
      other.push(await timed(() => finish(unknown)));
    }
    // The very same answers in the same order: code-invalid with the tries left, then code-expired.
    expect(other.map((a) => JSON.stringify(a.body))).toEqual(known.map((a) => JSON.stringify(a.body)));
    expectAlikeInShape(known, other);
    expectAlikeInTime(
      known.map((a) => a.ms),
      other.map((a) => a.ms),
    );
  }, 300_000);
});
