import { randomId } from '../crypto/random.ts';
import { checkCounter, type Otp } from '../otp/types.ts';
import { canonicalJson } from './canonical.ts';
import { otpConfigJson } from './codec.ts';
import { isTesseraError } from '../errors.ts';
import { parseStamp, stampAfter, type HybridClock, type Stamp } from './hlc.ts';
import { checkRecordInput } from './input.ts';
import {
  RECORD_ID,
  RECORD_VERSION,
  RecordError,
  STRING_FIELDS,
  type Field,
  type OtpConfig,
  type OtpField,
  type RecordInput,
  type RecordView,
  type StringField,
  type VaultRecord,
} from './record.ts';

// Every function here returns a new record and leaves its argument untouched; a change that
// changes nothing returns the argument itself (same rev, no new stamps), so callers can skip
// saving and syncing it.

export function createRecord(input: RecordInput, clock: HybridClock, id: string = randomId()): VaultRecord {
  if (typeof id !== 'string' || !RECORD_ID.test(id)) {
    throw new RecordError('record-invalid', 'A record id is 1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  }
  const values = checkRecordInput(input);
  const at = clock.tick();
  const text = (name: 'title' | 'url' | 'username' | 'password' | 'notes'): Field<string> => ({
    value: values[name] ?? '',
    at,
  });
  const otp = values.otp ?? null;
  return {
    v: RECORD_VERSION,
    id,
    rev: 1,
    created: at,
    title: text('title'),
    url: text('url'),
    username: text('username'),
    password: text('password'),
    notes: text('notes'),
    tags: { value: values.tags ?? [], at },
    favourite: { value: values.favourite ?? false, at },
    otp: { value: otp === null ? null : otpConfig(otp), at, counter: otp?.counter ?? 0, counterAt: at },
    issuer: { value: otp?.issuer ?? '', at },
    account: { value: otp?.account ?? '', at },
    deleted: { value: false, at },
  };
}

// Only the fields whose value really changes get a new stamp: a concurrent edit of another field
// on another device must survive the merge.
export function updateRecord(record: VaultRecord, patch: RecordInput, clock: HybridClock): VaultRecord {
  const values = checkRecordInput(patch);
  const changes: Partial<Pick<VaultRecord, StringField | 'tags' | 'favourite'>> = {};
  const stampAfterField = stamper(record, clock);
  for (const name of STRING_FIELDS) {
    const value = name === 'issuer' || name === 'account' ? values.otp?.[name] : values[name];
    if (value !== undefined && value !== record[name].value) {
      changes[name] = { value, at: stampAfterField(record[name].at) };
    }
  }
  if (values.tags !== undefined && canonicalJson(values.tags) !== canonicalJson(record.tags.value)) {
    changes.tags = { value: values.tags, at: stampAfterField(record.tags.at) };
  }
  if (values.favourite !== undefined && values.favourite !== record.favourite.value) {
    changes.favourite = { value: values.favourite, at: stampAfterField(record.favourite.at) };
  }
  const otp = values.otp === undefined ? record.otp : nextOtp(record.otp, values.otp, stampAfterField);
  if (Object.keys(changes).length === 0 && otp === record.otp) return record;
  return { ...record, ...changes, otp, rev: record.rev + 1 };
}

// Deletion moves the record to "recently deleted"; it is a stamped write of its own field, so an
// edit made concurrently on another device is kept, and a later restore brings both back.
export function deleteRecord(record: VaultRecord, clock: HybridClock): VaultRecord {
  return setDeleted(record, true, clock);
}

export function restoreRecord(record: VaultRecord, clock: HybridClock): VaultRecord {
  return setDeleted(record, false, clock);
}

// RFC 4226 §7.2: the client moves its counter on after every code it generates. The counter
// only grows, so devices that used codes concurrently merge to the highest of their counters.
export function advanceHotp(record: VaultRecord, clock: HybridClock): VaultRecord {
  if (record.otp.value?.type !== 'hotp') {
    throw new RecordError('not-hotp', 'Only a record with a hotp OTP has a counter to advance');
  }
  const counter = checkCounter(record.otp.counter + 1);
  const counterAt = stamper(record, clock)(record.otp.counterAt);
  return { ...record, otp: { ...record.otp, counter, counterAt }, rev: record.rev + 1 };
}

export function recordView(record: VaultRecord): RecordView {
  const config = record.otp.value;
  return {
    id: record.id,
    title: record.title.value,
    url: record.url.value,
    username: record.username.value,
    password: record.password.value,
    notes: record.notes.value,
    tags: [...record.tags.value],
    favourite: record.favourite.value,
    otp:
      config === null
        ? null
        : {
            ...config,
            secret: config.secret.slice(),
            counter: record.otp.counter,
            issuer: record.issuer.value,
            account: record.account.value,
          },
    deleted: record.deleted.value,
    createdAt: parseStamp(record.created).wall,
    // Stamps sort as strings in clock order (hlc.ts): one parse, not one per field.
    updatedAt: parseStamp(latestStamp(recordStamps(record))).wall,
  };
}

// Folds every stamp of a record into the clock, so the next tick sorts after all of them. The
// sync client calls it for each record it receives; the edits here call it too, which keeps a
// device's edit ahead of what it saw even when its clock restarted behind. Stamps the clock
// refuses as too far ahead are skipped here; the edit then stamps just after them (see stamper).
export function observeRecord(record: VaultRecord, clock: HybridClock): void {
  // Newest first: the first stamp the clock takes is the greatest it can take, and every older
  // one would leave it as it is (observe keeps the maximum), so one parse per record is enough.
  const stamps = recordStamps(record).sort().reverse();
  for (const stamp of stamps) {
    try {
      clock.observe(stamp);
      return;
    } catch (e) {
      if (!isTesseraError(e, 'stamp-too-far-ahead')) throw e;
    }
  }
}

function latestStamp(stamps: Stamp[]): Stamp {
  let latest = stamps[0] as Stamp;
  for (const stamp of stamps) if (stamp > latest) latest = stamp;
  return latest;
}

function recordStamps(record: VaultRecord): Stamp[] {
  return [
    record.created,
    record.title.at,
    record.url.at,
    record.username.at,
    record.password.at,
    record.notes.at,
    record.tags.at,
    record.favourite.at,
    record.otp.at,
    record.otp.counterAt,
    record.issuer.at,
    record.account.at,
    record.deleted.at,
  ];
}

// One edit is one clock event: every field it changes shares one stamp. A field already stamped
// later than that (only possible for a stamp refused as too far ahead) gets the next stamp after
// its own, so a write made after seeing a value always replaces it on merge.
function stamper(record: VaultRecord, clock: HybridClock): (previous: Stamp) => Stamp {
  let stamp: Stamp | undefined;
  return (previous) => {
    if (stamp === undefined) {
      observeRecord(record, clock);
      stamp = clock.tick();
    }
    return stamp > previous ? stamp : stampAfter(previous, clock.deviceId);
  };
}

function setDeleted(record: VaultRecord, deleted: boolean, clock: HybridClock): VaultRecord {
  if (record.deleted.value === deleted) return record;
  return { ...record, deleted: { value: deleted, at: stamper(record, clock)(record.deleted.at) }, rev: record.rev + 1 };
}

// A new configuration is a new register value with its own counter. The same configuration with
// a higher counter only raises the counter; with a lower one it is an explicit resynchronisation,
// written as a new configuration so that it wins over the old count.
function nextOtp(current: OtpField, otp: Otp | null, stampAfterField: (previous: Stamp) => Stamp): OtpField {
  if (otp === null) {
    if (current.value === null) return current;
    const at = stampAfterField(current.at);
    return { value: null, at, counter: 0, counterAt: at };
  }
  const config = otpConfig(otp);
  const same = canonicalJson(otpConfigJson(config)) === canonicalJson(otpConfigJson(current.value));
  if (same && otp.counter === current.counter) return current;
  if (same && otp.counter > current.counter) {
    return { ...current, counter: otp.counter, counterAt: stampAfterField(current.counterAt) };
  }
  const at = stampAfterField(current.at);
  return { value: config, at, counter: otp.counter, counterAt: at };
}

function otpConfig(otp: Otp): OtpConfig {
  return {
    type: otp.type,
    secret: otp.secret.slice(),
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
  };
}
