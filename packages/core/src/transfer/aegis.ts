import { scryptAsync } from '@noble/hashes/scrypt.js';
import { wipe } from '../crypto/bytes.ts';
import { base32Decode } from '../otp/base32.ts';
import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import {
  checkKdfParam,
  decodeBase64,
  decodeHex,
  describeValue,
  flag,
  isObject,
  type JsonObject,
  member,
  parseJson,
  readText,
  requirePassword,
  text,
  whole,
} from './input.ts';
import { concat, decryptedText, openGcm, passwordUtf8 } from './ciphers.ts';
import { checkDerivationCount, checkSlotCount } from './kdf-budget.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';

// Aegis Authenticator's vault export, plain or encrypted, as documented in Aegis's docs/vault.md:
// { version: 1, header: { slots, params }, db }. Encrypted: db is base64 of AES-256-GCM
// ciphertext under a random master key; each password slot holds that master key encrypted with
// AES-256-GCM under scrypt(password, salt, N, r, p). Content: { version, entries, groups }.

const FORMAT = 'aegis';
const FILE_VERSION = 1;
// Content versions Aegis has written: 1 (group names on entries), 2, 3 (groups by uuid).
const MAX_CONTENT_VERSION = 3;
const PASSWORD_SLOT = 1;
const KEY_LENGTH = 32;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

// Aegis writes N = 2^15, r = 8, p = 1 (32 MiB, the parameters Android's disk encryption used).
// The ceiling allows 8 times that memory and 16 times the work, so a hostile file cannot make a
// phone allocate more than 256 MiB or grind for minutes; the floor refuses parameters no Aegis
// ever wrote and that would make the password cheap to guess.
export const AEGIS_SCRYPT_LIMITS = Object.freeze({
  minN: 2 ** 14,
  maxN: 2 ** 18,
  minR: 1,
  maxR: 16,
  minP: 1,
  maxP: 4,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxWork: 2 ** 22, // N * r * p, for one slot
  maxTotalWork: 2 ** 22, // N * r * p summed over every password slot of the file
  minSaltBytes: 16,
  maxSaltBytes: 64,
});

interface PasswordSlot {
  n: number;
  r: number;
  p: number;
  salt: Uint8Array;
  key: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
}

export async function importAegis(input: ImportInput, opts: ImportOptions = {}): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!isObject(file) || !Object.hasOwn(file, 'header') || !Object.hasOwn(file, 'db')) {
    throw new TransferError('not-aegis', 'The file is not an Aegis vault (no header and db)', FORMAT);
  }
  const version = member(file, 'version');
  if (version !== FILE_VERSION) {
    throw new TransferError(
      'unsupported-version',
      `Aegis vault version ${describeValue(version)} is not supported (only ${FILE_VERSION})`,
      FORMAT,
    );
  }
  const db = member(file, 'db');
  if (isObject(db)) return readContent(db);
  if (typeof db !== 'string')
    throw new TransferError('malformed', 'The vault has neither contents nor encrypted contents', FORMAT);
  const header = member(file, 'header');
  if (!isObject(header)) throw new TransferError('malformed', 'The encrypted vault has no header', FORMAT);
  const slots = readPasswordSlots(member(header, 'slots'));
  const params = member(header, 'params');
  if (!isObject(params)) throw new TransferError('malformed', 'The encrypted vault has no nonce and tag', FORMAT);
  const nonce = decodeHex(member(params, 'nonce'), 'The vault nonce', FORMAT, NONCE_LENGTH);
  const tag = decodeHex(member(params, 'tag'), 'The vault tag', FORMAT, TAG_LENGTH);
  const ciphertext = decodeBase64(db, 'The encrypted vault', FORMAT);
  const password = requirePassword(opts.password, FORMAT, 'This Aegis vault');

  const masterKey = await unlockSlots(slots, password);
  const plaintext = openGcm(masterKey, nonce, concat(ciphertext, tag));
  wipe(masterKey);
  // The master key opened, so the password was right: the contents themselves are damaged.
  if (plaintext === null)
    throw new TransferError(
      'malformed',
      'The vault contents are damaged: they do not decrypt with the vault key',
      FORMAT,
    );
  const content = parseJson(decryptedText(plaintext, FORMAT), FORMAT);
  wipe(plaintext);
  if (!isObject(content)) throw new TransferError('malformed', 'The decrypted vault is not an Aegis database', FORMAT);
  return readContent(content);
}

// Every slot's parameters, their number and their summed work are checked before any key is
// derived (see [Note: KDF budget]), so a hostile slot anywhere in the list, or thousands of
// cheap ones, cost nothing.
function readPasswordSlots(value: unknown): PasswordSlot[] {
  if (!Array.isArray(value)) throw new TransferError('malformed', 'The encrypted vault has no key slots', FORMAT);
  checkSlotCount(value.length, FORMAT);
  const passwordSlots = value.filter(
    (slot): slot is JsonObject => isObject(slot) && member(slot, 'type') === PASSWORD_SLOT,
  );
  checkDerivationCount(passwordSlots.length, FORMAT);
  const slots: PasswordSlot[] = [];
  let totalWork = 0;
  for (const slot of passwordSlots) {
    const L = AEGIS_SCRYPT_LIMITS;
    const n = checkKdfParam(member(slot, 'n'), L.minN, L.maxN, 'scrypt N', FORMAT);
    if ((n & (n - 1)) !== 0)
      throw new TransferError('kdf-params', `scrypt N must be a power of two, the file has ${n}`, FORMAT);
    const r = checkKdfParam(member(slot, 'r'), L.minR, L.maxR, 'scrypt r', FORMAT);
    const p = checkKdfParam(member(slot, 'p'), L.minP, L.maxP, 'scrypt p', FORMAT);
    if (128 * n * r > L.maxMemoryBytes || n * r * p > L.maxWork) {
      throw new TransferError(
        'kdf-params',
        `scrypt N=${n}, r=${r}, p=${p} would need more memory or time than Tessera allows`,
        FORMAT,
      );
    }
    totalWork += n * r * p;
    if (totalWork > L.maxTotalWork) {
      throw new TransferError(
        'kdf-budget',
        `The password slots together ask for more scrypt work (N·r·p summed) than the ${L.maxTotalWork} Tessera allows per file (AEGIS_SCRYPT_LIMITS.maxTotalWork)`,
        FORMAT,
      );
    }
    const salt = decodeHex(member(slot, 'salt'), 'A slot salt', FORMAT);
    if (salt.length < L.minSaltBytes || salt.length > L.maxSaltBytes) {
      throw new TransferError('kdf-params', `A slot salt must be ${L.minSaltBytes} to ${L.maxSaltBytes} bytes`, FORMAT);
    }
    const keyParams = member(slot, 'key_params');
    if (!isObject(keyParams)) throw new TransferError('malformed', 'A password slot has no key parameters', FORMAT);
    slots.push({
      n,
      r,
      p,
      salt,
      key: decodeHex(member(slot, 'key'), 'A slot key', FORMAT, KEY_LENGTH),
      nonce: decodeHex(member(keyParams, 'nonce'), 'A slot nonce', FORMAT, NONCE_LENGTH),
      tag: decodeHex(member(keyParams, 'tag'), 'A slot tag', FORMAT, TAG_LENGTH),
    });
  }
  if (slots.length === 0) {
    throw new TransferError(
      'unsupported-encryption',
      'This Aegis vault has no password slot (only a biometric one): export it again from Aegis with a password',
      FORMAT,
    );
  }
  return slots;
}

// Aegis derives each slot key from the password's UTF-8 bytes (CryptoUtils.toBytes). Vaults made
// before Aegis fixed its issue #95 and never re-saved used a longer byte array; for passwords of
// up to 64 UTF-8 bytes both give the same scrypt key, longer ones from such vaults do not open.
async function unlockSlots(slots: readonly PasswordSlot[], password: string): Promise<Uint8Array> {
  const secret = passwordUtf8(password);
  try {
    for (const slot of slots) {
      const slotKey = await scryptAsync(secret, slot.salt, { N: slot.n, r: slot.r, p: slot.p, dkLen: KEY_LENGTH });
      const masterKey = openGcm(slotKey, slot.nonce, concat(slot.key, slot.tag));
      wipe(slotKey);
      if (masterKey !== null && masterKey.length === KEY_LENGTH) return masterKey;
    }
  } finally {
    wipe(secret);
  }
  throw new TransferError('wrong-password', 'Wrong password for this Aegis vault', FORMAT);
}

function readContent(content: JsonObject): ImportResult {
  const version = member(content, 'version');
  if (typeof version === 'number' && version > MAX_CONTENT_VERSION) {
    throw new TransferError(
      'unsupported-version',
      `Aegis database version ${version} is newer than this client reads (up to ${MAX_CONTENT_VERSION})`,
      FORMAT,
    );
  }
  const entries = member(content, 'entries');
  if (!Array.isArray(entries))
    throw new TransferError('malformed', 'The Aegis database has no list of entries', FORMAT);
  const groups = new Map<string, string>();
  const groupList = member(content, 'groups');
  if (Array.isArray(groupList)) {
    for (const group of groupList) if (isObject(group)) groups.set(text(group, 'uuid'), text(group, 'name'));
  }
  const list = new EntryList(FORMAT, entries.length);
  entries.forEach((entry, index) => {
    if (!isObject(entry)) {
      list.fail(index, '', 'malformed-entry', 'The entry is not an object');
      return;
    }
    const issuer = text(entry, 'issuer');
    const name = text(entry, 'name');
    list.add(index, describeEntry(issuer, name), () => {
      const info = member(entry, 'info');
      const fields = isObject(info) ? info : {};
      const otp = makeOtp({
        type: text(entry, 'type'),
        secret: () => base32Decode(text(fields, 'secret')),
        algorithm: text(fields, 'algo'),
        digits: whole(fields, 'digits'),
        period: whole(fields, 'period'),
        counter: whole(fields, 'counter'),
        issuer,
        account: name,
      });
      return {
        otp,
        login: authenticatorLogin({
          notes: text(entry, 'note'),
          tags: entryGroups(entry, groups),
          favourite: flag(entry, 'favorite'),
        }),
      };
    });
  });
  return list.result();
}

// Content version 3 lists group uuids on the entry and names them in content.groups; versions 1
// and 2 wrote the group's name on the entry.
function entryGroups(entry: JsonObject, groups: ReadonlyMap<string, string>): string[] {
  const uuids = member(entry, 'groups');
  if (Array.isArray(uuids))
    return uuids.flatMap((uuid) => (typeof uuid === 'string' && groups.has(uuid) ? [groups.get(uuid)!] : []));
  const name = text(entry, 'group');
  return name === '' ? [] : [name];
}
