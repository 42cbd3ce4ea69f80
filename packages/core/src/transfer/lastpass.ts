import { base32Decode } from '../otp/base32.ts';
import { authenticatorLogin, describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import { describeValue, flag, isObject, member, parseJson, readText, text, whole } from './input.ts';
import type { ImportInput, ImportResult } from './types.ts';

/**
 * @module
 * LastPass Authenticator's JSON export ("Transfer accounts" > "Export to file"), as read by
 * stratumauth/app `Stratum.Core/src/Converter/LastPassBackupConverter.cs` and
 * protonpass/proton-pass-common `proton-authenticator/src/parser/lastpass/json.rs`:
 * `{ version: 3, deviceId, deviceName, ..., accounts: [{ issuerName, userName, secret (base32),
 * algorithm, digits, timeStep, isFavorite, folderData: { folderId, position }, ... }],
 * folders: [{ id, name }] }`. Every account is TOTP.
 */

const FORMAT = 'lastpass';
const VERSION = 3;

export async function importLastPass(input: ImportInput): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!isObject(file) || !Array.isArray(member(file, 'accounts'))) {
    throw new TransferError('not-lastpass', 'The file is not a LastPass Authenticator export (no accounts)', FORMAT);
  }
  const version = member(file, 'version');
  if (version !== undefined && version !== VERSION) {
    throw new TransferError(
      'unsupported-version',
      `LastPass Authenticator export version ${describeValue(version)} is not supported (only ${VERSION})`,
      FORMAT,
    );
  }
  const folders = new Map<number, string>();
  const folderList = member(file, 'folders');
  if (Array.isArray(folderList)) {
    for (const folder of folderList) {
      const id = isObject(folder) ? whole(folder, 'id') : undefined;
      if (isObject(folder) && id !== undefined && !Number.isNaN(id)) folders.set(id, text(folder, 'name'));
    }
  }
  const accounts = member(file, 'accounts') as unknown[];
  const list = new EntryList(FORMAT, accounts.length);
  accounts.forEach((account, index) => {
    if (!isObject(account)) {
      list.fail(index, '', 'malformed-entry', 'The account is not an object');
      return;
    }
    const issuer = text(account, 'issuerName');
    const user = text(account, 'userName');
    list.add(index, describeEntry(issuer, user), () => {
      const otp = makeOtp({
        type: 'totp',
        secret: () => base32Decode(text(account, 'secret')),
        algorithm: text(account, 'algorithm'),
        digits: whole(account, 'digits'),
        period: whole(account, 'timeStep'),
        issuer,
        account: user,
      });
      const folderData = member(account, 'folderData');
      const folderId = isObject(folderData) ? whole(folderData, 'folderId') : undefined;
      const folder = folderId === undefined ? undefined : folders.get(folderId);
      const login = authenticatorLogin({
        tags: folder === undefined ? [] : [folder],
        favourite: flag(account, 'isFavorite'),
      });
      return login === undefined ? { otp } : { otp, login };
    });
  });
  return list.result();
}
