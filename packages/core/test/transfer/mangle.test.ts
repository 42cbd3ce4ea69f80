import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TesseraError } from '../../src/errors.ts';
import { IMPORTERS } from '../../src/transfer/import.ts';
import { detectFormat } from '../../src/transfer/detect.ts';
import type { ImportFormat } from '../../src/transfer/types.ts';
import { fixture, settle } from './helpers.ts';
import { checkResult, mangle, mutations } from './mangle.ts';

// Every fixture cut, flipped, spliced and restructured at random: an importer may read it or
// refuse it, but only ever with a TesseraError, and whatever it returns is valid record input.
// Encrypted fixtures run here without their password (everything up to the key derivation);
// mangle-encrypted.slow.test.ts runs them with it.

const FIXTURE_FORMATS: [string, ImportFormat][] = [
  ['aegis-plain.json', 'aegis'],
  ['aegis-encrypted.json', 'aegis'],
  ['2fas-plain.2fas', '2fas'],
  ['2fas-encrypted.2fas', '2fas'],
  ['bitwarden.json', 'bitwarden'],
  ['bitwarden-encrypted-pbkdf2.json', 'bitwarden'],
  ['bitwarden-encrypted-argon2id.json', 'bitwarden'],
  ['ente-plain.txt', 'ente'],
  ['ente-encrypted.json', 'ente'],
  ['andotp-plain.json', 'andotp'],
  ['andotp-encrypted.json.aes', 'andotp'],
  ['freeotp-plus.json', 'freeotp-plus'],
  ['otpauth-list.txt', 'otpauth-list'],
  ['google-migration.txt', 'google-migration'],
  ['tessera-backup-example.tessera', 'tessera-backup'],
  ['proton-plain.json', 'proton'],
  ['proton-encrypted.json', 'proton'],
  ['stratum-plain.json', 'stratum'],
  ['stratum-encrypted.stratum', 'stratum'],
  ['stratum-legacy.authpro', 'stratum'],
  ['steam.maFile', 'steam'],
  ['lastpass.json', 'lastpass'],
  ['raivo-otp-export.json', 'raivo'],
  ['bitwarden.csv', 'bitwarden'],
];

// Replaces one value anywhere in a JSON document (found depth first) by arbitrary JSON.
function replaceSomewhere(json: unknown, index: number, value: unknown): unknown {
  let seen = 0;
  const walk = (node: unknown): unknown => {
    if (seen++ === index) return value;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(json);
}

describe('mangled files', () => {
  it.each(FIXTURE_FORMATS)('%s: any byte damage reads or fails with a TesseraError', async (name, format) => {
    const original = fixture(name);
    await fc.assert(
      fc.asyncProperty(mutations, async (list) => {
        const outcome = await settle(() => IMPORTERS[format](mangle(original, list)));
        if (!(outcome instanceof TesseraError)) checkResult(outcome, format);
        // Detection must never throw on damage either.
        detectFormat(mangle(original, list));
      }),
      { numRuns: 150 },
    );
  });

  it.each(FIXTURE_FORMATS.filter(([name]) => name.endsWith('.json') || name.endsWith('.2fas')))(
    '%s: any value replaced by any JSON reads or fails with a TesseraError',
    async (name, format) => {
      const original = JSON.parse(new TextDecoder().decode(fixture(name))) as unknown;
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.jsonValue({ maxDepth: 3 }), async (index, value) => {
          const outcome = await settle(() =>
            IMPORTERS[format](JSON.stringify(replaceSomewhere(original, index % 400, value))),
          );
          if (!(outcome instanceof TesseraError)) checkResult(outcome, format);
        }),
        { numRuns: 150 },
      );
    },
  );
});
