import { describe, expect, it } from 'vitest';
import { importSteam } from '../../src/transfer/steam.ts';
import { codes, expectTransferError, fixtureText, otps, SAMPLE_OTPS } from './helpers.ts';

// fixtures/steam.maFile: a Steam Guard maFile as geel9/SteamAuth's SteamGuardAccount serialises it.

const file = fixtureText('steam.maFile');

describe('Steam Guard maFile', () => {
  it('reads the base64 shared_secret as a Steam code and keeps the revocation code in the notes', async () => {
    const result = await importSteam(file);
    expect(result.format).toBe('steam');
    expect(otps(result)).toEqual([SAMPLE_OTPS[3]]);
    expect(result.entries[0]!.login!.notes).toBe('Steam revocation code: R12345');
    expect(JSON.stringify(result)).not.toContain(JSON.parse(file).identity_secret);
  });

  it('lists a shared_secret that is not base64 as a problem, and refuses other files', async () => {
    const broken = await importSteam(JSON.stringify({ ...JSON.parse(file), shared_secret: 'not base64!' }));
    expect(codes(broken)).toEqual(['0:malformed']);
    await expectTransferError('not-steam', () => importSteam('{"account_name": "dave"}'));
    await expectTransferError('malformed', () => importSteam(file.slice(0, 30)));
  });
});
