import { canonicalJson, type JsonValue } from './canonical.ts';
import { otpConfigJson } from './codec.ts';
import { compareStamps } from './hlc.ts';
import { RECORD_VERSION, RecordError, type Field, type OtpField, type VaultRecord } from './record.ts';

// Field-level last-writer-wins: every field is a register ordered by (stamp, canonical JSON of
// its value), so merging is a join in a semilattice: commutative, associative and idempotent,
// whatever order devices exchange copies in. Equal stamps with different values only arise from
// a damaged or hand-made record; the value order still picks the same winner everywhere.
export function mergeRecords(a: VaultRecord, b: VaultRecord): VaultRecord {
  if (a.id !== b.id) {
    throw new RecordError('record-id-mismatch', 'Only two copies of the same record can be merged');
  }
  return {
    v: RECORD_VERSION,
    id: a.id,
    rev: Math.max(a.rev, b.rev),
    // Both copies normally share it; two devices that made the same id keep the earlier one.
    created: compareStamps(a.created, b.created) <= 0 ? a.created : b.created,
    title: later(a.title, b.title),
    url: later(a.url, b.url),
    username: later(a.username, b.username),
    password: later(a.password, b.password),
    notes: later(a.notes, b.notes),
    tags: later(a.tags, b.tags),
    favourite: later(a.favourite, b.favourite),
    otp: mergeOtp(a.otp, b.otp),
    issuer: later(a.issuer, b.issuer),
    account: later(a.account, b.account),
    deleted: later(a.deleted, b.deleted),
  };
}

function later<T extends JsonValue>(a: Field<T>, b: Field<T>): Field<T> {
  const order = compareStamps(a.at, b.at);
  if (order !== 0) return order > 0 ? a : b;
  return canonicalJson(a.value) >= canonicalJson(b.value) ? a : b;
}

// The configuration is one register; the hotp counter is a max-register inside it, so a counter
// only ever merges with counters of the same configuration (a new secret starts its own count).
function mergeOtp(a: OtpField, b: OtpField): OtpField {
  let order = compareStamps(a.at, b.at);
  if (order === 0) {
    const ja = canonicalJson(otpConfigJson(a.value));
    const jb = canonicalJson(otpConfigJson(b.value));
    order = ja > jb ? 1 : ja < jb ? -1 : 0;
  }
  if (order !== 0) return order > 0 ? a : b;
  return {
    value: a.value,
    at: a.at,
    counter: Math.max(a.counter, b.counter),
    counterAt: compareStamps(a.counterAt, b.counterAt) >= 0 ? a.counterAt : b.counterAt,
  };
}
