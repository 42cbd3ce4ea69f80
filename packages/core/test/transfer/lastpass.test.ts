import { describe, expect, it } from 'vitest';
import { importLastPass } from '../../src/transfer/lastpass.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';

// fixtures/lastpass.json: LastPass Authenticator's JSON export (version 3), as Stratum and Proton read it.

const file = fixtureText('lastpass.json');

describe('LastPass Authenticator export', () => {
  it('reads TOTP accounts with folder and favourite, and lists a broken secret as a problem', async () => {
    const result = await importLastPass(file);
    expect(result.format).toBe('lastpass');
    expect(otps(result)).toEqual([SAMPLE_OTPS[0], SAMPLE_OTPS[1], SAMPLE_OTPS[4]]);
    expect(result.entries[0]!.login!.tags).toEqual(['Work']);
    expect(result.entries[1]!.login!.favourite).toBe(true);
    expect(result.entries[2]!.login).toBeUndefined();
    expect(codes(result)).toEqual(['3:base32-invalid']);
  });

  it('refuses other files and other versions', async () => {
    await expectTransferError('not-lastpass', () => importLastPass('{"items": []}'));
    await expectTransferError('unsupported-version', () =>
      importLastPass(JSON.stringify({ ...JSON.parse(file), version: 4 })),
    );
    await expectTransferError('malformed', () => importLastPass(file.slice(0, 80)));
  });
});
