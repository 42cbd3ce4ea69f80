import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/otp/base32.ts';
import type { Otp } from '../../src/otp/types.ts';
import { isTesseraError } from '../../src/errors.ts';
import {
  advanceHotp,
  createRecord,
  deleteRecord,
  observeRecord,
  recordView,
  restoreRecord,
  updateRecord,
} from '../../src/vault/edit.ts';
import { compareStamps, formatStamp, HybridClock, parseStamp } from '../../src/vault/hlc.ts';
import { mergeRecords } from '../../src/vault/merge.ts';
import type { RecordInput, VaultRecord } from '../../src/vault/record.ts';

const T0 = Date.UTC(2026, 10, 22, 10, 15, 30, 123);
const YEAR = 365 * 86_400_000;

const totp = (over: Partial<Otp> = {}): Otp => ({
  type: 'totp',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'GitHub',
  account: 'alice@example.com',
  ...over,
});
const hotp = (over: Partial<Otp> = {}): Otp => totp({ type: 'hotp', issuer: 'Example', account: 'bob', ...over });

// A device whose wall clock the test moves by hand.
function device(id: string, start = T0) {
  const state = { now: start };
  return { clock: new HybridClock(id, () => state.now), state };
}

function throwsCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isTesseraError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
}

describe('createRecord', () => {
  it('makes a login-only record, every field stamped with the creation stamp', () => {
    const { clock } = device('phone');
    const record = createRecord(
      {
        title: 'Mail',
        username: 'alice',
        password: 'pw',
        url: 'https://mail.example',
        notes: 'n',
        tags: ['home'],
        favourite: true,
      },
      clock,
      'rec1',
    );
    expect(record.created).toBe(formatStamp({ wall: T0, counter: 0, device: 'phone' }));
    expect(record.rev).toBe(1);
    expect(record.otp).toEqual({ value: null, at: record.created, counter: 0, counterAt: record.created });
    for (const name of [
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
    ] as const) {
      expect(record[name].at).toBe(record.created);
    }
    expect(recordView(record)).toMatchObject({
      title: 'Mail',
      username: 'alice',
      tags: ['home'],
      favourite: true,
      otp: null,
      deleted: false,
    });
  });

  it('makes an OTP-only record, the labels in their own fields', () => {
    const { clock } = device('phone');
    const record = createRecord({ otp: totp() }, clock, 'rec1');
    expect(record.title.value).toBe('');
    expect(record.otp.value).toEqual({
      type: 'totp',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(record.issuer.value).toBe('GitHub');
    expect(record.account.value).toBe('alice@example.com');
    expect(recordView(record).otp).toEqual(totp());
  });

  it('keeps a hotp counter it is given', () => {
    const { clock } = device('phone');
    expect(createRecord({ title: 'VPN', otp: hotp({ counter: 12 }) }, clock).otp.counter).toBe(12);
  });

  it('picks a random 22-character id unless given one', () => {
    const { clock } = device('phone');
    const a = createRecord({}, clock);
    const b = createRecord({}, clock);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a.id).not.toBe(b.id);
    throwsCode(() => createRecord({}, clock, 'no spaces'), 'record-invalid');
    throwsCode(() => createRecord({}, clock, ''), 'record-invalid');
  });

  it('does not share the secret bytes with the caller', () => {
    const { clock } = device('phone');
    const input = totp();
    const record = createRecord({ otp: input }, clock);
    input.secret.fill(0);
    expect(record.otp.value?.secret).toEqual(base32Decode('JBSWY3DPEHPK3PXP'));
    const view = recordView(record);
    view.otp?.secret.fill(0);
    expect(record.otp.value?.secret).toEqual(base32Decode('JBSWY3DPEHPK3PXP'));
  });

  it('tidies tags: trims, drops empty ones and repeats, keeps the order', () => {
    const { clock } = device('phone');
    expect(createRecord({ tags: [' work', 'dev ', '', '  ', 'work'] }, clock).tags.value).toEqual(['work', 'dev']);
  });

  it.each<[string, RecordInput]>([
    ['a title over 1 KiB', { title: 'x'.repeat(1025) }],
    ['notes over 64 KiB', { notes: 'x'.repeat(65_537) }],
    ['a password that is not a string', { password: 42 as unknown as string }],
    ['65 tags', { tags: Array.from({ length: 65 }, (_, i) => `t${i}`) }],
    ['a tag of 65 characters', { tags: ['x'.repeat(65)] }],
    ['tags that are not strings', { tags: [1] as unknown as string[] }],
    ['a favourite that is not a boolean', { favourite: 'yes' as unknown as boolean }],
    ['an OTP issuer over 1 KiB', { otp: totp({ issuer: 'x'.repeat(1025) }) }],
  ])('refuses %s with record-invalid', (_, input) => {
    const { clock } = device('phone');
    throwsCode(() => createRecord(input, clock), 'record-invalid');
  });

  it('refuses an OTP out of range with the error of otp/types', () => {
    const { clock } = device('phone');
    throwsCode(() => createRecord({ otp: totp({ digits: 9 }) }, clock), 'digits-out-of-range');
    throwsCode(() => createRecord({ otp: totp({ counter: 3 }) }, clock), 'invalid-counter');
    throwsCode(() => createRecord({ otp: totp({ secret: new Uint8Array(0) }) }, clock), 'invalid-secret');
    throwsCode(() => createRecord(null as unknown as RecordInput, clock), 'record-invalid');
  });
});

describe('updateRecord', () => {
  it('restamps only the fields whose value changes', () => {
    const { clock, state } = device('phone');
    const record = createRecord({ title: 'Mail', username: 'alice', otp: totp() }, clock, 'rec1');
    state.now += 1000;
    const updated = updateRecord(
      record,
      { title: 'Mail', username: 'alice2', password: '', otp: totp({ issuer: 'GitHub Inc' }) },
      clock,
    );
    const stamp = formatStamp({ wall: T0 + 1000, counter: 0, device: 'phone' });
    expect(updated.username).toEqual({ value: 'alice2', at: stamp });
    expect(updated.issuer).toEqual({ value: 'GitHub Inc', at: stamp });
    expect(updated.title).toBe(record.title);
    expect(updated.password).toBe(record.password);
    expect(updated.otp).toBe(record.otp);
    expect(updated.account).toBe(record.account);
    expect(updated.rev).toBe(2);
    expect(record.username.value).toBe('alice');
  });

  it('returns the same record when nothing changes', () => {
    const { clock } = device('phone');
    const record = createRecord({ title: 'Mail', tags: ['a'], favourite: false, otp: totp() }, clock);
    expect(updateRecord(record, {}, clock)).toBe(record);
    expect(updateRecord(record, { title: 'Mail', tags: [' a '], favourite: false, otp: totp() }, clock)).toBe(record);
  });

  it('treats a new tag order as a change', () => {
    const { clock } = device('phone');
    const record = createRecord({ tags: ['a', 'b'] }, clock);
    expect(updateRecord(record, { tags: ['b', 'a'] }, clock).tags.value).toEqual(['b', 'a']);
  });

  it('writes a new OTP configuration as one unit with the counter it is given', () => {
    const { clock, state } = device('phone');
    const record = createRecord({ otp: hotp({ counter: 7 }) }, clock);
    state.now += 1000;
    const updated = updateRecord(record, { otp: hotp({ digits: 8, counter: 7 }) }, clock);
    expect(updated.otp.value?.digits).toBe(8);
    expect(compareStamps(updated.otp.at, record.otp.at)).toBe(1);
    expect(updated.otp.counterAt).toBe(updated.otp.at);
    expect(updated.otp.counter).toBe(7);
  });

  it('raises the counter of the same configuration without restamping it', () => {
    const { clock } = device('phone');
    const record = createRecord({ otp: hotp({ counter: 3 }) }, clock);
    const updated = updateRecord(record, { otp: hotp({ counter: 10 }) }, clock);
    expect(updated.otp.at).toBe(record.otp.at);
    expect(updated.otp.counter).toBe(10);
    expect(compareStamps(updated.otp.counterAt, record.otp.counterAt)).toBe(1);
  });

  it('writes a lower counter as an explicit resynchronisation that wins on merge', () => {
    const phone = device('phone');
    const laptop = device('laptop');
    const record = createRecord({ otp: hotp({ counter: 20 }) }, phone.clock);
    laptop.state.now += 1000;
    const reset = updateRecord(record, { otp: hotp({ counter: 5 }) }, laptop.clock);
    expect(reset.otp.counter).toBe(5);
    expect(compareStamps(reset.otp.at, record.otp.at)).toBe(1);
    expect(mergeRecords(record, reset).otp.counter).toBe(5);
  });

  it('removes the OTP and keeps the labels', () => {
    const { clock } = device('phone');
    const record = createRecord({ title: 'GitHub', otp: totp() }, clock);
    const removed = updateRecord(record, { otp: null }, clock);
    expect(removed.otp.value).toBeNull();
    expect(removed.otp.counter).toBe(0);
    expect(removed.issuer).toBe(record.issuer);
    expect(recordView(removed).otp).toBeNull();
    expect(updateRecord(removed, { otp: null }, clock)).toBe(removed);
  });

  it('validates the patch like createRecord', () => {
    const { clock } = device('phone');
    const record = createRecord({}, clock);
    throwsCode(() => updateRecord(record, { username: 'x'.repeat(1025) }, clock), 'record-invalid');
    throwsCode(() => updateRecord(record, { otp: totp({ period: 0 }) }, clock), 'period-out-of-range');
  });

  it('stamps after the record even when this device restarted with its clock behind', () => {
    const phone = device('phone');
    const record = createRecord({ title: 'a' }, phone.clock);
    const restarted = device('laptop', T0 - 3_600_000);
    const updated = updateRecord(record, { title: 'b' }, restarted.clock);
    expect(compareStamps(updated.title.at, record.title.at)).toBe(1);
    expect(mergeRecords(record, updated).title.value).toBe('b');
  });
});

describe('a record from a device whose clock is years ahead', () => {
  const farAhead = () => {
    const broken = device('broken', T0 + 3 * YEAR);
    return createRecord({ title: 'from the future', notes: 'n' }, broken.clock, 'rec1');
  };

  it('does not drag this device clock into the future', () => {
    const phone = device('phone');
    observeRecord(farAhead(), phone.clock);
    expect(parseStamp(phone.clock.tick()).wall).toBe(T0);
  });

  it('can still be edited: the edit sorts after the far stamp and wins the merge', () => {
    const phone = device('phone');
    const record = farAhead();
    const edited = updateRecord(record, { title: 'fixed' }, phone.clock);
    expect(compareStamps(edited.title.at, record.title.at)).toBe(1);
    expect(parseStamp(edited.title.at).device).toBe('phone');
    expect(mergeRecords(record, edited).title.value).toBe('fixed');
    // The clock itself stayed in the present for every other record.
    expect(parseStamp(phone.clock.tick()).wall).toBe(T0);
    expect(deleteRecord(record, phone.clock).deleted.at > record.deleted.at).toBe(true);
  });
});

describe('deleteRecord and restoreRecord', () => {
  it('move the record to recently deleted and back, each a later stamp', () => {
    const { clock, state } = device('phone');
    const record = createRecord({ title: 'Mail' }, clock);
    state.now += 1000;
    const deleted = deleteRecord(record, clock);
    expect(deleted.deleted.value).toBe(true);
    expect(deleted.rev).toBe(2);
    expect(deleted.title).toBe(record.title);
    expect(recordView(deleted).deleted).toBe(true);
    state.now += 1000;
    const restored = restoreRecord(deleted, clock);
    expect(restored.deleted.value).toBe(false);
    expect(compareStamps(restored.deleted.at, deleted.deleted.at)).toBe(1);
    expect(restored.rev).toBe(3);
  });

  it('change nothing when the record is already in that state', () => {
    const { clock } = device('phone');
    const record = createRecord({}, clock);
    expect(restoreRecord(record, clock)).toBe(record);
    const deleted = deleteRecord(record, clock);
    expect(deleteRecord(deleted, clock)).toBe(deleted);
  });

  it('keep an edit made on another device at the same time as the delete', () => {
    const phone = device('phone');
    const laptop = device('laptop');
    const record = createRecord({ title: 'Mail', password: 'old' }, phone.clock);
    phone.state.now += 1000;
    laptop.state.now += 2000;
    const deleted = deleteRecord(record, phone.clock);
    const edited = updateRecord(record, { password: 'new' }, laptop.clock);
    const merged = mergeRecords(deleted, edited);
    expect(merged.deleted.value).toBe(true);
    expect(merged.password.value).toBe('new');
    phone.state.now += 5000;
    const restored = restoreRecord(merged, phone.clock);
    expect(recordView(mergeRecords(restored, deleted))).toMatchObject({ deleted: false, password: 'new' });
  });
});

describe('advanceHotp', () => {
  it('moves the counter on by one and stamps the advance', () => {
    const { clock, state } = device('phone');
    const record = createRecord({ otp: hotp({ counter: 4 }) }, clock);
    state.now += 1000;
    const advanced = advanceHotp(record, clock);
    expect(advanced.otp.counter).toBe(5);
    expect(advanced.otp.at).toBe(record.otp.at);
    expect(advanced.otp.counterAt).toBe(formatStamp({ wall: T0 + 1000, counter: 0, device: 'phone' }));
    expect(advanced.rev).toBe(2);
    expect(recordView(advanced).updatedAt).toBe(T0 + 1000);
    expect(record.otp.counter).toBe(4);
  });

  it('refuses a record without a hotp', () => {
    const { clock } = device('phone');
    throwsCode(() => advanceHotp(createRecord({ otp: totp() }, clock), clock), 'not-hotp');
    throwsCode(() => advanceHotp(createRecord({ title: 'login only' }, clock), clock), 'not-hotp');
  });

  it('refuses to pass the largest exact counter', () => {
    const { clock } = device('phone');
    const record = createRecord({ otp: hotp({ counter: Number.MAX_SAFE_INTEGER }) }, clock);
    throwsCode(() => advanceHotp(record, clock), 'invalid-counter');
  });
});

describe('recordView', () => {
  it('shows the plain values with creation and last change times', () => {
    const { clock, state } = device('phone');
    const record = createRecord({ title: 'GitHub', tags: ['work'], otp: totp() }, clock, 'rec1');
    state.now += 60_000;
    const view = recordView(updateRecord(record, { notes: 'hello' }, clock));
    expect(view).toEqual({
      id: 'rec1',
      title: 'GitHub',
      url: '',
      username: '',
      password: '',
      notes: 'hello',
      tags: ['work'],
      favourite: false,
      otp: totp(),
      deleted: false,
      createdAt: T0,
      updatedAt: T0 + 60_000,
    });
  });

  it('does not share the tag list with the record', () => {
    const { clock } = device('phone');
    const record: VaultRecord = createRecord({ tags: ['a'] }, clock);
    recordView(record).tags.push('b');
    expect(record.tags.value).toEqual(['a']);
  });
});
