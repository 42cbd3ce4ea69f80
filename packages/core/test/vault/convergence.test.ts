// Simulated devices editing one record offline and syncing in any order: the property tests of
// issue 2. Each device has its own HybridClock over its own wall clock (skewed, and moving
// backwards at times); each send goes through encodeRecord/decodeRecord as it would through an
// envelope. Every write is logged, so the result can be checked against what was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Otp } from '../../src/otp/types.ts';
import { canonicalJson } from '../../src/vault/canonical.ts';
import { decodeRecord, encodeRecord, otpConfigJson } from '../../src/vault/codec.ts';
import { advanceHotp, createRecord, deleteRecord, restoreRecord, updateRecord } from '../../src/vault/edit.ts';
import { DEFAULT_MAX_AHEAD_MS, HybridClock, parseStamp, type Stamp } from '../../src/vault/hlc.ts';
import { mergeRecords } from '../../src/vault/merge.ts';
import type { RecordInput, VaultRecord } from '../../src/vault/record.ts';
import { BASE_MS, DEVICES, otpArb } from './arbitraries.ts';

const ID = 'shared-record';
const YEAR = 365 * 86_400_000;
const LWW_FIELDS = [
  'title',
  'url',
  'username',
  'password',
  'notes',
  'tags',
  'favourite',
  'issuer',
  'account',
  'deleted',
] as const;
type LwwField = (typeof LWW_FIELDS)[number];

type Op =
  | { kind: 'wall'; device: number; delta: number }
  | { kind: 'create'; device: number; input: RecordInput }
  | { kind: 'update'; device: number; patch: RecordInput }
  | { kind: 'delete' | 'restore' | 'advance'; device: number }
  | { kind: 'send'; from: number; to: number };

const text = fc.constantFrom('', 'GitHub', 'Work mail', 'é 🔑');
const patchArb: fc.Arbitrary<RecordInput> = fc.record(
  {
    title: text,
    url: fc.constantFrom('', 'https://example.com'),
    username: text,
    password: fc.constantFrom('', 'hunter2', 'correct horse'),
    notes: text,
    tags: fc.constantFrom<string[]>([], ['work'], ['work', 'dev'], ['dev', 'work']),
    favourite: fc.boolean(),
    otp: fc.option(otpArb(), { nil: null, freq: 4 }),
  },
  { requiredKeys: [] },
);

function opArb(devices: number): fc.Arbitrary<Op> {
  const device = fc.nat(devices - 1);
  return fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('wall' as const),
        device,
        delta: fc.integer({ min: -120_000, max: 600_000 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), device, input: patchArb }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('update' as const), device, patch: patchArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const), device }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), device }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('send' as const), from: device, to: device }) },
  );
}

interface Scenario {
  skews: number[];
  ops: Op[];
  exchange: [number, number][];
  foldOrder: number[];
}

function scenarioArb(options: { farAhead: boolean }): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 2, max: DEVICES.length }).chain((n) => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.push([i, j]);
    const indices = Array.from({ length: n }, (_, i) => i);
    return fc.record({
      skews: fc
        .array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: n, maxLength: n })
        .map((skews) => (options.farAhead ? [3 * YEAR, ...skews.slice(1)] : skews)),
      // The record exists from the start on one device; later creates model a second device
      // making a record of the same id before it heard of the first.
      ops: fc
        .tuple(
          fc.record({ kind: fc.constant('create' as const), device: fc.nat(n - 1), input: patchArb }),
          fc.array(opArb(n), { minLength: 10, maxLength: 60 }),
        )
        .map(([create, rest]): Op[] => [create, ...rest]),
      exchange: fc.shuffledSubarray(pairs, { minLength: pairs.length }),
      foldOrder: fc.shuffledSubarray(indices, { minLength: n }),
    });
  });
}

const otpKey = (otp: VaultRecord['otp']): string => `${otp.at}|${canonicalJson(otpConfigJson(otp.value))}`;
const bytesText = (record: VaultRecord): string => new TextDecoder().decode(encodeRecord(record));

interface Write {
  at: Stamp;
  json: string;
}

// Runs a scenario, checking on the way that every local write sorts after what the device saw.
function run(scenario: Scenario) {
  const walls = scenario.skews.map((skew) => BASE_MS + skew);
  const maxWall = [...walls];
  const clocks = walls.map((_, i) => new HybridClock(DEVICES[i]!, () => walls[i]!));
  const copies: (VaultRecord | undefined)[] = walls.map(() => undefined);
  const writes = new Map<string, Write[]>();
  const counters = new Map<string, number>();
  const creations: Stamp[] = [];

  const log = (field: string, at: Stamp, json: string): void => {
    writes.set(field, [...(writes.get(field) ?? []), { at, json }]);
  };
  const noteCounters = (): void => {
    for (const copy of copies) {
      if (copy === undefined) continue;
      const key = otpKey(copy.otp);
      counters.set(key, Math.max(counters.get(key) ?? 0, copy.otp.counter));
    }
  };
  // Logs what an edit wrote, and checks that each write replaces what this device had.
  const record = (before: VaultRecord | undefined, after: VaultRecord): void => {
    for (const field of LWW_FIELDS) {
      if (before === undefined || after[field].at !== before[field].at) {
        if (before !== undefined) expect(after[field].at > before[field].at).toBe(true);
        log(field, after[field].at, canonicalJson(after[field].value));
      }
    }
    if (before === undefined || after.otp.at !== before.otp.at) {
      if (before !== undefined) expect(after.otp.at > before.otp.at).toBe(true);
      log('otp', after.otp.at, canonicalJson(otpConfigJson(after.otp.value)));
    }
    // A new configuration starts its own count; within one, every advance sorts after the last.
    if (before !== undefined && after.otp.at === before.otp.at && after.otp.counterAt !== before.otp.counterAt) {
      expect(after.otp.counterAt > before.otp.counterAt).toBe(true);
    }
    if (before !== undefined && after !== before) expect(after.rev).toBe(before.rev + 1);
  };
  const send = (from: number, to: number): void => {
    const sent = copies[from];
    if (sent === undefined) return;
    const received = decodeRecord(encodeRecord(sent));
    const mine = copies[to];
    copies[to] = mine === undefined ? received : mergeRecords(mine, received);
  };

  for (const op of scenario.ops) {
    if (op.kind === 'send') {
      send(op.from, op.to);
    } else if (op.kind === 'wall') {
      walls[op.device]! += op.delta;
      maxWall[op.device] = Math.max(maxWall[op.device]!, walls[op.device]!);
    } else {
      const before = copies[op.device];
      const clock = clocks[op.device]!;
      let after: VaultRecord | undefined;
      if (op.kind === 'create') {
        if (before === undefined) {
          after = createRecord(op.input, clock, ID);
          creations.push(after.created);
        }
      } else if (before !== undefined) {
        if (op.kind === 'update') after = updateRecord(before, op.patch, clock);
        else if (op.kind === 'delete') after = deleteRecord(before, clock);
        else if (op.kind === 'restore') after = restoreRecord(before, clock);
        else if (before.otp.value?.type === 'hotp') after = advanceHotp(before, clock);
      }
      if (after !== undefined) {
        record(before, after);
        copies[op.device] = after;
      }
    }
    noteCounters();
  }

  const beforeExchange = [...copies];
  for (const [from, to] of scenario.exchange) send(from, to);
  return { copies, beforeExchange, writes, counters, creations, clocks, maxWall };
}

function latest(writes: Write[]): Write {
  return writes.reduce((best, w) => (w.at > best.at || (w.at === best.at && w.json > best.json) ? w : best));
}

function checkConvergence(scenario: Scenario): ReturnType<typeof run> {
  const result = run(scenario);
  const { copies, beforeExchange, writes, counters, creations } = result;
  if (creations.length === 0) {
    expect(copies.every((copy) => copy === undefined)).toBe(true);
    return result;
  }
  // Everyone holds the same record, byte for byte.
  const first = bytesText(copies[0]!);
  for (const copy of copies) expect(bytesText(copy!)).toBe(first);

  // Merging the copies the devices held before the exchange, in another order, gives it too.
  const held = scenario.foldOrder.map((i) => beforeExchange[i]).filter((c): c is VaultRecord => c !== undefined);
  expect(bytesText(held.reduce((acc, copy) => mergeRecords(acc, copy)))).toBe(first);

  // No write is lost: every field holds the latest-stamped value ever written to it.
  const merged = copies[0]!;
  for (const field of LWW_FIELDS) {
    const won = latest(writes.get(field)!);
    expect({ field, at: merged[field].at, json: canonicalJson(merged[field].value) }).toEqual({ field, ...won });
  }
  const otpWon = latest(writes.get('otp')!);
  expect({ at: merged.otp.at, json: canonicalJson(otpConfigJson(merged.otp.value)) }).toEqual(otpWon);
  // The hotp counter is the highest any device reached for the configuration that won.
  expect(merged.otp.counter).toBe(counters.get(otpKey(merged.otp)));
  expect(merged.created).toBe([...creations].sort()[0]);
  expect(merged.rev).toBe(Math.max(...beforeExchange.map((c) => c?.rev ?? 0)));
  return result;
}

describe('devices editing offline and syncing in any order', () => {
  it('all converge to one record that keeps the latest write of every field', () => {
    fc.assert(
      fc.property(scenarioArb({ farAhead: false }), (scenario) => {
        checkConvergence(scenario);
      }),
      { numRuns: 300 },
    );
  });

  it('still converge and keep later edits when one device clock is years ahead', () => {
    fc.assert(
      fc.property(scenarioArb({ farAhead: true }), (scenario) => {
        const { clocks, maxWall } = checkConvergence(scenario);
        // The other clocks never followed the broken one further than the allowed bound.
        for (let i = 1; i < clocks.length; i++) {
          expect(parseStamp(clocks[i]!.tick()).wall).toBeLessThanOrEqual(maxWall[i]! + DEFAULT_MAX_AHEAD_MS + 1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('keep a hotp counter advanced on every device at the highest count', () => {
    const hotp: Otp = {
      type: 'hotp',
      secret: new TextEncoder().encode('12345678901234567890'),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'Example',
      account: 'bob',
    };
    fc.assert(
      fc.property(
        fc.array(fc.nat(2), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(2), { maxLength: 10 }),
        (advances, syncs) => {
          const clocks = [0, 1, 2].map((i) => new HybridClock(DEVICES[i]!, () => BASE_MS + i));
          const base = createRecord({ otp: hotp }, clocks[0]!, ID);
          const copies = [base, base, base];
          advances.forEach((device, step) => {
            copies[device] = advanceHotp(copies[device]!, clocks[device]!);
            const to = syncs[step];
            if (to !== undefined && to !== device) copies[to] = mergeRecords(copies[to]!, copies[device]!);
          });
          const reached = Math.max(...copies.map((c) => c.otp.counter));
          const merged = copies.reduce((a, b) => mergeRecords(a, b));
          expect(merged.otp.counter).toBe(reached);
        },
      ),
    );
  });
});
