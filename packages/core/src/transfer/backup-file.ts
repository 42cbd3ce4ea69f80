import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8Encode, wipe } from '../crypto/bytes.ts';
import { ENVELOPE_OVERHEAD, openEnvelope, sealEnvelopeWithNonce } from '../crypto/envelope.ts';
import { CryptoError } from '../crypto/errors.ts';
import { checkKdfParams, createSalt, deriveMasterKey, SALT_LENGTH, type KdfParams } from '../crypto/kdf.ts';
import { NONCE_LENGTH } from '../crypto/aead.ts';
import { randomBytes } from '../crypto/random.ts';
import { unwrapVaultKeyWithRecovery } from '../crypto/recovery-key.ts';
import { VAULT_KEY_LENGTH } from '../crypto/vault-key.ts';
import { TransferError } from './errors.ts';
import { MAX_FILE_BYTES } from './input.ts';

// The Tessera encrypted backup file, version 1: every byte is in docs/import-export.md.
//
//   header (42 bytes, in clear, authenticated as AAD)
//     magic        12  89 54 45 53 53 45 52 41 0d 0a 1a 0a   ("\x89TESSERA\r\n\x1a\n")
//     version       1  0x01
//     kdf           1  0x01 = Argon2id v1.3
//     memoryKiB     4  big endian
//     iterations    4  big endian
//     parallelism   4  big endian
//     salt         16
//   wrapped key    73  envelope(kek, fileKey, aad = "tessera v1 backup-key" || header)
//   content       41+ envelope(fileKey, content JSON, aad = "tessera v1 backup" || header)
//
//   masterKey = Argon2id(NFKC(password), salt, memoryKiB, iterations, parallelism) (crypto/kdf)
//   kek = HKDF-SHA256(masterKey, no salt, info "tessera v1 backup kek", 32)
//   fileKey = 32 random bytes; envelopes as in docs/vault-format.md (version, nonce, ct, tag).
//
// Version 2 (a backup that also opens with the vault's recovery key) is version 1 with the
// version byte 0x02 and, between the wrapped key and the content:
//   recovery slot  73  the vault's recovery slot as stored (vault-format.md, "Recovery key")
//   vault-wrapped  73  envelope(vaultKek, fileKey, aad = "tessera v1 backup-key vault" || header)
//   vaultKek = HKDF-SHA256(vaultKey, no salt, info "tessera v1 backup vault kek", 32)
// so recovery key → recovery kek → vault key → vaultKek → fileKey → content, offline.

export const BACKUP_FORMAT = 'tessera-backup';
// PNG's trick (PNG spec §12.12): a high-bit first byte catches 7-bit transports, CR LF and LF
// catch line-ending conversion, and 0x1A stops a DOS `type` before the binary part.
export const BACKUP_MAGIC = Uint8Array.of(0x89, 0x54, 0x45, 0x53, 0x53, 0x45, 0x52, 0x41, 0x0d, 0x0a, 0x1a, 0x0a);
export const BACKUP_VERSION = 1;
export const BACKUP_VERSION_RECOVERY = 2;
export const BACKUP_KDF_ARGON2ID = 1;
export const BACKUP_HEADER_LENGTH = BACKUP_MAGIC.length + 1 + 1 + 4 + 4 + 4 + SALT_LENGTH;
export const FILE_KEY_LENGTH = 32;
export const WRAPPED_KEY_LENGTH = ENVELOPE_OVERHEAD + FILE_KEY_LENGTH;
export const MIN_BACKUP_LENGTH = BACKUP_HEADER_LENGTH + WRAPPED_KEY_LENGTH + ENVELOPE_OVERHEAD;
// Version 2's recovery slot and the file key wrapped under the vault key's backup kek.
const RECOVERY_SLOTS_LENGTH = 2 * (ENVELOPE_OVERHEAD + 32);
export const BACKUP_KEK_INFO = 'tessera v1 backup kek';
export const BACKUP_KEY_AAD = 'tessera v1 backup-key';
export const BACKUP_CONTENT_AAD = 'tessera v1 backup';
export const BACKUP_VAULT_KEK_INFO = 'tessera v1 backup vault kek';
export const BACKUP_VAULT_KEY_AAD = 'tessera v1 backup-key vault';
export const RECOVERY_SLOT_LENGTH = ENVELOPE_OVERHEAD + VAULT_KEY_LENGTH;

/**
 * What a backup needs to open with the recovery key as well (version 2): the vault's recovery
 * slot, and a kek from the vault key (`backupVaultKek`) that wraps the file key a second time.
 */
export interface BackupRecovery {
  slot: Uint8Array;
  vaultKek: Uint8Array;
}

export interface BackupHeader {
  version: number;
  kdf: KdfParams;
  salt: Uint8Array;
}

/** `HKDF-SHA256(vaultKey, no salt, "tessera v1 backup vault kek")`: wraps a version-2 file's key. */
export function backupVaultKek(vaultKey: Uint8Array): Uint8Array {
  if (!(vaultKey instanceof Uint8Array) || vaultKey.length !== VAULT_KEY_LENGTH)
    throw new TransferError('export-unsupported', `The vault key must be ${VAULT_KEY_LENGTH} bytes`, BACKUP_FORMAT);
  return hkdf(sha256, vaultKey, undefined, utf8Encode(BACKUP_VAULT_KEK_INFO), 32);
}

/** The random inputs of one backup; given only by known-answer tests and the worked example. */
export interface BackupMaterial {
  salt: Uint8Array;
  fileKey: Uint8Array;
  keyNonce: Uint8Array;
  contentNonce: Uint8Array;
  /** The nonce of the vault-wrapped key (version 2 only). */
  vaultNonce?: Uint8Array;
}

export async function sealBackup(
  content: Uint8Array,
  password: string,
  kdf: KdfParams,
  recovery?: BackupRecovery,
): Promise<Uint8Array> {
  return sealBackupWith(
    content,
    password,
    kdf,
    {
      salt: createSalt(),
      fileKey: randomBytes(FILE_KEY_LENGTH),
      keyNonce: randomBytes(NONCE_LENGTH),
      contentNonce: randomBytes(NONCE_LENGTH),
      vaultNonce: randomBytes(NONCE_LENGTH),
    },
    recovery,
  );
}

/** For known-answer tests and the worked example only: real backups draw `material` at random. */
export async function sealBackupWith(
  content: Uint8Array,
  password: string,
  kdf: KdfParams,
  material: BackupMaterial,
  recovery?: BackupRecovery,
): Promise<Uint8Array> {
  const params = viaCrypto(() => checkKdfParams(kdf));
  const kek = await deriveKek(password, material.salt, params);
  try {
    return sealUnderKek(content, kek, params, material, recovery);
  } finally {
    wipe(kek);
  }
}

/**
 * The backup kek from a master key already derived with the backup's salt and parameters:
 * `HKDF-SHA256(masterKey, no salt, "tessera v1 backup kek")`. The app's automatic backups use the
 * vault's own salt and Argon2id settings, so the master key of an unlock gives this kek without a
 * second Argon2id run, and the file opens with the master password like any backup.
 */
export function backupKekFromMasterKey(masterKey: Uint8Array): Uint8Array {
  return hkdf(sha256, masterKey, undefined, utf8Encode(BACKUP_KEK_INFO), 32);
}

/** Seals a backup under a kek from `backupKekFromMasterKey` (salt and parameters of its master key). */
export function sealBackupUnderKek(
  content: Uint8Array,
  kek: Uint8Array,
  kdf: KdfParams,
  salt: Uint8Array,
  recovery?: BackupRecovery,
): Uint8Array {
  const params = viaCrypto(() => checkKdfParams(kdf));
  return sealUnderKek(
    content,
    kek,
    params,
    {
      salt,
      fileKey: randomBytes(FILE_KEY_LENGTH),
      keyNonce: randomBytes(NONCE_LENGTH),
      contentNonce: randomBytes(NONCE_LENGTH),
      vaultNonce: randomBytes(NONCE_LENGTH),
    },
    recovery,
  );
}

function sealUnderKek(
  content: Uint8Array,
  kek: Uint8Array,
  params: KdfParams,
  material: BackupMaterial,
  recovery?: BackupRecovery,
): Uint8Array {
  if (recovery && (recovery.slot.length !== RECOVERY_SLOT_LENGTH || recovery.slot[0] !== 1))
    throw new TransferError(
      'export-unsupported',
      `The recovery slot must be ${RECOVERY_SLOT_LENGTH} bytes`,
      BACKUP_FORMAT,
    );
  const header = encodeHeader(params, material.salt, recovery ? BACKUP_VERSION_RECOVERY : BACKUP_VERSION);
  const wrapped = sealEnvelopeWithNonce(
    kek,
    material.keyNonce,
    material.fileKey,
    concatBytes(utf8Encode(BACKUP_KEY_AAD), header),
  );
  const slots = recovery
    ? concatBytes(
        recovery.slot,
        sealEnvelopeWithNonce(
          recovery.vaultKek,
          material.vaultNonce ?? randomBytes(NONCE_LENGTH),
          material.fileKey,
          concatBytes(utf8Encode(BACKUP_VAULT_KEY_AAD), header),
        ),
      )
    : new Uint8Array(0);
  const sealed = sealEnvelopeWithNonce(
    material.fileKey,
    material.contentNonce,
    content,
    concatBytes(utf8Encode(BACKUP_CONTENT_AAD), header),
  );
  const file = concatBytes(header, wrapped, slots, sealed);
  if (file.length > MAX_FILE_BYTES)
    throw new TransferError(
      'too-large',
      `The backup would be larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      BACKUP_FORMAT,
    );
  return file;
}

/** Reads and checks the clear header; nothing secret is needed and no key is derived. */
export function readBackupHeader(file: Uint8Array): BackupHeader {
  if (!(file instanceof Uint8Array))
    throw new TransferError('not-tessera-backup', 'A backup is read as bytes', BACKUP_FORMAT);
  if (file.length < BACKUP_MAGIC.length || !BACKUP_MAGIC.every((byte, i) => file[i] === byte)) {
    throw new TransferError(
      'not-tessera-backup',
      'The file is not a Tessera backup (its first bytes are not the backup magic)',
      BACKUP_FORMAT,
    );
  }
  if (file.length > MAX_FILE_BYTES)
    throw new TransferError('too-large', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, BACKUP_FORMAT);
  // The version decides the layout, so it is read before the length is judged.
  const version = file[BACKUP_MAGIC.length];
  if (file.length > BACKUP_MAGIC.length && version !== BACKUP_VERSION && version !== BACKUP_VERSION_RECOVERY) {
    throw new TransferError(
      'unsupported-version',
      `Backup version ${version} is newer than this client reads (${BACKUP_VERSION_RECOVERY}): update Tessera`,
      BACKUP_FORMAT,
    );
  }
  const least = MIN_BACKUP_LENGTH + (version === BACKUP_VERSION_RECOVERY ? RECOVERY_SLOTS_LENGTH : 0);
  if (file.length < least)
    throw new TransferError(
      'malformed',
      `The backup is cut short: ${file.length} bytes, at least ${least} expected`,
      BACKUP_FORMAT,
    );
  const view = new DataView(file.buffer, file.byteOffset, BACKUP_HEADER_LENGTH);
  const at = BACKUP_MAGIC.length + 1;
  if (file[at] !== BACKUP_KDF_ARGON2ID)
    throw new TransferError(
      'kdf-params',
      `Backup key derivation ${file[at]} is not known (only 1, Argon2id)`,
      BACKUP_FORMAT,
    );
  const kdf = viaCrypto(() =>
    checkKdfParams({
      algorithm: 'argon2id',
      memoryKiB: view.getUint32(at + 1),
      iterations: view.getUint32(at + 5),
      parallelism: view.getUint32(at + 9),
    }),
  );
  return { version: version as number, kdf, salt: file.slice(at + 13, BACKUP_HEADER_LENGTH) };
}

// The parts of a file whose header has been read: version 2 has the recovery slots in between.
function partsOf(file: Uint8Array, version: number) {
  const afterKey = BACKUP_HEADER_LENGTH + WRAPPED_KEY_LENGTH;
  const slots = version === BACKUP_VERSION_RECOVERY ? RECOVERY_SLOTS_LENGTH : 0;
  return {
    header: file.subarray(0, BACKUP_HEADER_LENGTH),
    wrapped: file.subarray(BACKUP_HEADER_LENGTH, afterKey),
    recoverySlot: slots ? file.subarray(afterKey, afterKey + RECOVERY_SLOT_LENGTH) : null,
    vaultWrapped: slots ? file.subarray(afterKey + RECOVERY_SLOT_LENGTH, afterKey + slots) : null,
    sealed: file.subarray(afterKey + slots),
  };
}

function openContent(fileKey: Uint8Array, sealed: Uint8Array, header: Uint8Array): Uint8Array {
  if (fileKey.length !== FILE_KEY_LENGTH) {
    wipe(fileKey);
    throw new TransferError('malformed', 'The backup key has the wrong size', BACKUP_FORMAT);
  }
  try {
    return openEnvelope(fileKey, sealed, concatBytes(utf8Encode(BACKUP_CONTENT_AAD), header));
  } catch (e) {
    // The key opened, so the password was right: the content itself was changed or cut short.
    throw envelopeError(e, 'malformed', 'The backup is damaged: its content does not authenticate');
  } finally {
    wipe(fileKey);
  }
}

/**
 * Opens a version-2 backup with the vault's recovery key (16 bytes, parsed from its written
 * form): the slot gives the vault key, whose backup kek opens the file key. A version-1 file has
 * no slot ('no-recovery-slot'); a key that does not open the slot is 'wrong-recovery-key'.
 */
export function openBackupWithRecoveryKey(file: Uint8Array, recoveryKey: Uint8Array): Uint8Array {
  const { version } = readBackupHeader(file);
  const parts = partsOf(file, version);
  if (!parts.recoverySlot || !parts.vaultWrapped)
    throw new TransferError(
      'no-recovery-slot',
      'This backup was written without a recovery key slot: open it with its password',
      BACKUP_FORMAT,
    );
  let vaultKey: Uint8Array;
  try {
    vaultKey = unwrapVaultKeyWithRecovery(recoveryKey, parts.recoverySlot);
  } catch (e) {
    if (e instanceof CryptoError && e.code === 'wrong-recovery-key')
      throw new TransferError(
        'wrong-recovery-key',
        'This recovery key does not open this backup: it was written while another recovery key was current',
        BACKUP_FORMAT,
      );
    throw envelopeError(e, 'malformed', 'The backup is damaged: its recovery slot does not open');
  }
  const vaultKek = backupVaultKek(vaultKey);
  wipe(vaultKey);
  let fileKey: Uint8Array;
  try {
    fileKey = openEnvelope(vaultKek, parts.vaultWrapped, concatBytes(utf8Encode(BACKUP_VAULT_KEY_AAD), parts.header));
  } catch (e) {
    // The recovery key opened the slot, so the header or the second wrapped key was changed.
    throw envelopeError(e, 'malformed', 'The backup is damaged: its recovery key wrap does not authenticate');
  } finally {
    wipe(vaultKek);
  }
  return openContent(fileKey, parts.sealed, parts.header);
}

/** Opens a backup to its content JSON bytes. */
export async function openBackup(file: Uint8Array, password: string): Promise<Uint8Array> {
  const { kdf, salt, version } = readBackupHeader(file);
  const { header, wrapped, sealed } = partsOf(file, version);
  const kek = await deriveKek(password, salt, kdf);
  let fileKey: Uint8Array;
  try {
    fileKey = openEnvelope(kek, wrapped, concatBytes(utf8Encode(BACKUP_KEY_AAD), header));
  } catch (e) {
    // A well-formed wrapped key fails only for a wrong kek: a wrong password, or a header changed
    // after writing (which is in the AAD and also feeds the key derivation).
    throw envelopeError(e, 'wrong-password', 'Wrong password for this backup');
  } finally {
    wipe(kek);
  }
  return openContent(fileKey, sealed, header);
}

function encodeHeader(kdf: KdfParams, salt: Uint8Array, version: number): Uint8Array {
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_LENGTH)
    throw new TransferError('export-unsupported', `The salt must be ${SALT_LENGTH} bytes`, BACKUP_FORMAT);
  const header = new Uint8Array(BACKUP_HEADER_LENGTH);
  header.set(BACKUP_MAGIC);
  const at = BACKUP_MAGIC.length;
  header[at] = version;
  header[at + 1] = BACKUP_KDF_ARGON2ID;
  const view = new DataView(header.buffer);
  view.setUint32(at + 2, kdf.memoryKiB);
  view.setUint32(at + 6, kdf.iterations);
  view.setUint32(at + 10, kdf.parallelism);
  header.set(salt, at + 14);
  return header;
}

async function deriveKek(password: string, salt: Uint8Array, kdf: KdfParams): Promise<Uint8Array> {
  if (typeof password !== 'string' || password === '')
    throw new TransferError('password-required', 'A backup needs a password', BACKUP_FORMAT);
  const masterKey = await viaCryptoAsync(() => deriveMasterKey(password, salt, kdf));
  try {
    return backupKekFromMasterKey(masterKey);
  } finally {
    wipe(masterKey);
  }
}

// crypto/ reports parameter and device failures as CryptoErrors; callers of transfer/ get
// TransferErrors with the same codes.
function viaCrypto<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw fromCrypto(e);
  }
}

async function viaCryptoAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw fromCrypto(e);
  }
}

function fromCrypto(e: unknown): unknown {
  if (!(e instanceof CryptoError)) return e;
  if (e.code === 'kdf-params' || e.code === 'kdf-failed') return new TransferError(e.code, e.message, BACKUP_FORMAT);
  return e;
}

function envelopeError(e: unknown, code: 'wrong-password' | 'malformed', message: string): unknown {
  if (!(e instanceof CryptoError)) return e;
  if (e.code === 'unsupported-version')
    return new TransferError('unsupported-version', `${e.message}: update Tessera to open this backup`, BACKUP_FORMAT);
  return new TransferError(code, message, BACKUP_FORMAT);
}
