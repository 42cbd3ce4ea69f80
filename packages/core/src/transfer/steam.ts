import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import { decodeBase64, isObject, member, parseJson, readText, text } from './input.ts';
import type { ImportInput, ImportResult } from './types.ts';

/**
 * @module
 * Steam Guard's maFile: the account file Steam Desktop Authenticator and the tools built on
 * geel9/SteamAuth write (`SteamGuardAccount.cs`), one JSON object per Steam account:
 * `{ shared_secret, account_name, revocation_code, identity_secret, serial_number, ... }`.
 * `shared_secret` is the base64 HMAC-SHA1 key of the Steam Guard codes (5 characters, 30 s).
 * Tessera keeps the code and the revocation code (in the notes: it is what removes the
 * authenticator from the account when the phone is lost); `identity_secret` signs trade
 * confirmations, which Tessera does not do, so it stays in the maFile.
 */

const FORMAT = 'steam';
const ISSUER = 'Steam';

export async function importSteam(input: ImportInput): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!isObject(file) || !Object.hasOwn(file, 'shared_secret')) {
    throw new TransferError('not-steam', 'The file is not a Steam Guard maFile (no shared_secret)', FORMAT);
  }
  const account = text(file, 'account_name');
  const list = new EntryList(FORMAT, 1);
  list.add(0, describeEntry(ISSUER, account), () => {
    const secret = decodeBase64(member(file, 'shared_secret'), 'shared_secret', FORMAT);
    const otp = makeOtp({ type: 'steam', secret, issuer: ISSUER, account });
    const revocation = text(file, 'revocation_code').trim();
    const login = authenticatorLogin({ notes: revocation === '' ? '' : `Steam revocation code: ${revocation}` });
    return login === undefined ? { otp } : { otp, login };
  });
  return list.result();
}
