import { describe, expect, it } from 'vitest';
import { importAegis, AEGIS_SCRYPT_LIMITS } from '../../src/transfer/aegis.ts';
import { KDF_BUDGET } from '../../src/transfer/kdf-budget.ts';
import {
  AEGIS_PASSWORD,
  codes,
  expectRefusedAtOnce,
  expectTransferError,
  fixtureText,
  NOTE,
  otps,
  SAMPLE_OTPS,
} from './helpers.ts';

// fixtures/aegis-*.json follow Aegis's docs/vault.md; the encrypted one was sealed by
// generate.ts with OpenSSL's scrypt and AES-256-GCM.

const plain = fixtureText('aegis-plain.json');
const encrypted = fixtureText('aegis-encrypted.json');
type Json = Record<string, any>;
const edit = (source: string, change: (file: Json) => void): string => {
  const file = JSON.parse(source) as Json;
  change(file);
  return JSON.stringify(file);
};

describe('Aegis plain vault', () => {
  it('reads every entry with its OTP, note, favourite flag and group', async () => {
    const result = await importAegis(plain);
    expect(result.format).toBe('aegis');
    expect(otps(result)).toEqual(SAMPLE_OTPS);
    expect(result.entries[0]!.login).toEqual({
      title: '',
      url: '',
      username: '',
      password: '',
      notes: NOTE,
      tags: ['Work'],
      favourite: false,
    });
    expect(result.entries[1]!.login).toMatchObject({ favourite: true, tags: [] });
    expect(result.entries[2]!.login).toBeUndefined();
  });

  it('lists Yandex, mOTP and a broken secret as problems and imports the rest', async () => {
    const result = await importAegis(plain);
    expect(codes(result)).toEqual(['5:unknown-type', '6:unknown-type', '7:base32-invalid']);
    expect(result.problems.map((p) => p.label)).toEqual(['Yandex: yuri', 'mOTP Ltd: mia', 'Broken Secret: broken']);
    expect(result.problems[0]!.reason).toBe('Yandex codes are not supported: Tessera makes TOTP, HOTP and Steam codes');
    expect(result.problems[1]!.reason).toBe('mOTP codes are not supported: Tessera makes TOTP, HOTP and Steam codes');
  });

  it('reads the group names of content version 1 entries', async () => {
    const old = edit(plain, (file) => {
      file.db.version = 1;
      delete file.db.groups;
      for (const entry of file.db.entries) delete entry.groups;
      file.db.entries[2].group = 'Personal';
    });
    const result = await importAegis(old);
    expect(result.entries[2]!.login?.tags).toEqual(['Personal']);
  });

  it('refuses other files, newer versions and a missing entry list with typed errors', async () => {
    await expectTransferError('not-aegis', () => importAegis('{"items": []}'));
    await expectTransferError('not-aegis', () => importAegis('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'));
    await expectTransferError('unsupported-version', () => importAegis(edit(plain, (file) => (file.version = 2))));
    await expectTransferError('unsupported-version', () => importAegis(edit(plain, (file) => (file.db.version = 4))));
    await expectTransferError('malformed', () => importAegis(edit(plain, (file) => delete file.db.entries)));
    await expectTransferError('malformed', () => importAegis(plain.slice(0, plain.length / 2)));
  });
});

describe('Aegis encrypted vault', () => {
  it('opens with the password (UTF-8, as Aegis derives it) and reads the same entries as the plain vault', async () => {
    const result = await importAegis(encrypted, { password: AEGIS_PASSWORD });
    expect(result).toEqual(await importAegis(plain));
  });

  it('asks for a password, refuses a wrong one and a differently normalised one', async () => {
    await expectTransferError('password-required', () => importAegis(encrypted));
    await expectTransferError('password-required', () => importAegis(encrypted, { password: '' }));
    await expectTransferError('wrong-password', () => importAegis(encrypted, { password: 'correct horse unicode 🔑' }));
    // NFD spelling of the same password: Aegis hashes the exact bytes, so it does not open.
    await expectTransferError('wrong-password', () =>
      importAegis(encrypted, { password: AEGIS_PASSWORD.normalize('NFD') }),
    );
  });

  it('says when the vault has no password slot', async () => {
    const biometricOnly = edit(
      encrypted,
      (file) => (file.header.slots = file.header.slots.filter((slot: Json) => slot.type !== 1)),
    );
    await expectTransferError('unsupported-encryption', () => importAegis(biometricOnly, { password: AEGIS_PASSWORD }));
  });

  it('reports damaged contents as damage, not as a wrong password', async () => {
    const damaged = edit(encrypted, (file) => {
      const db = Buffer.from(file.db, 'base64');
      db[10]! ^= 0x01;
      file.db = db.toString('base64');
    });
    await expectTransferError('malformed', () => importAegis(damaged, { password: AEGIS_PASSWORD }));
    const badTag = edit(encrypted, (file) => (file.header.params.tag = '00'.repeat(16)));
    await expectTransferError('malformed', () => importAegis(badTag, { password: AEGIS_PASSWORD }));
    const shortNonce = edit(encrypted, (file) => (file.header.params.nonce = 'abcd'));
    await expectTransferError('malformed', () => importAegis(shortNonce, { password: AEGIS_PASSWORD }));
  });

  it('refuses hostile scrypt parameters before deriving anything', async () => {
    const slot = (change: (slot: Json) => void): string =>
      edit(encrypted, (file) => change(file.header.slots.find((s: Json) => s.type === 1)));
    const hostile = [
      slot((s) => (s.n = 2 ** 30)),
      slot((s) => (s.n = AEGIS_SCRYPT_LIMITS.maxN * 2)),
      slot((s) => (s.n = 3 * 2 ** 14)),
      slot((s) => (s.n = 2 ** 10)),
      slot((s) => (s.r = 1024)),
      slot((s) => (s.p = 64)),
      slot((s) => Object.assign(s, { n: 2 ** 18, r: 16 })), // each in bounds, together 512 MiB
      slot((s) => (s.n = '32768')),
      slot((s) => (s.salt = 'abcd')),
    ];
    for (const file of hostile) {
      await expectRefusedAtOnce('kdf-params', () => importAegis(file, { password: AEGIS_PASSWORD }));
    }
  });

  // Issue 15 item 4: each slot within bounds, but thousands of them ran scrypt thousands of times.
  describe('bounds the slots and the total scrypt work of a file', () => {
    const passwordSlot = (file: Json): Json => file.header.slots.find((s: Json) => s.type === 1);
    // A slot at the cheapest parameters allowed that no password opens (its key is random bytes).
    const decoy = (file: Json, i: number): Json => ({
      ...passwordSlot(file),
      uuid: `decoy-${i}`,
      n: AEGIS_SCRYPT_LIMITS.minN,
      r: 1,
      p: 1,
      key: (i % 256).toString(16).padStart(2, '0').repeat(32),
    });
    const withDecoys = (count: number, change: (slot: Json) => void = () => {}): string =>
      edit(encrypted, (file) => {
        const decoys = Array.from({ length: count }, (_, i) => decoy(file, i));
        decoys.forEach(change);
        file.header.slots = [...decoys, ...file.header.slots];
      });

    it('refuses thousands of password slots before deriving any key', async () => {
      const error = await expectTransferError('kdf-budget', () =>
        importAegis(withDecoys(5000), { password: AEGIS_PASSWORD }),
      );
      expect(error.message).toContain(`at most ${KDF_BUDGET.maxSlots}`);
      await expectRefusedAtOnce('kdf-budget', () => importAegis(withDecoys(5000), { password: AEGIS_PASSWORD }));
    });

    it(`refuses more than ${KDF_BUDGET.maxSlots} slots of any type, and more than ${KDF_BUDGET.maxDerivations} password slots`, async () => {
      const biometric = (slot: Json): void => void (slot.type = 2);
      await expectRefusedAtOnce('kdf-budget', () =>
        importAegis(withDecoys(KDF_BUDGET.maxSlots - 1, biometric), { password: AEGIS_PASSWORD }),
      );
      const error = await expectTransferError('kdf-budget', () =>
        importAegis(withDecoys(KDF_BUDGET.maxDerivations), { password: AEGIS_PASSWORD }),
      );
      expect(error.message).toContain(`at most ${KDF_BUDGET.maxDerivations} per file`);
    });

    it('refuses password slots whose summed work is above the ceiling though each is within it', async () => {
      // 2^21 each (256 MiB, within the slot ceiling); two of them and the vault's own 2^18 slot sum above 2^22.
      const heavy = (slot: Json): void => void Object.assign(slot, { n: 2 ** 17, r: 16, p: 1 });
      const error = await expectTransferError('kdf-budget', () =>
        importAegis(withDecoys(2, heavy), { password: AEGIS_PASSWORD }),
      );
      expect(error.message).toContain('AEGIS_SCRYPT_LIMITS.maxTotalWork');
    });

    it('still opens a vault at the limits: the password slot among the most slots and password slots allowed', async () => {
      const atLimit = edit(encrypted, (file) => {
        const decoys = Array.from({ length: KDF_BUDGET.maxSlots - 2 }, (_, i) => ({
          ...decoy(file, i),
          type: i < KDF_BUDGET.maxDerivations - 1 ? 1 : 2,
        }));
        file.header.slots = [...decoys, ...file.header.slots];
      });
      expect(JSON.parse(atLimit).header.slots).toHaveLength(KDF_BUDGET.maxSlots);
      const result = await importAegis(atLimit, { password: AEGIS_PASSWORD });
      expect(otps(result).slice(0, SAMPLE_OTPS.length)).toEqual(SAMPLE_OTPS);
    }, 60_000); // four scrypt runs on a machine shared by many test runs
  });
});
