import { base32Decode } from '../otp/base32.ts';
import { describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import { isObject, member, parseJson, readText, text, whole } from './input.ts';
import type { ImportInput, ImportResult } from './types.ts';

/**
 * @module
 * Raivo OTP's export (raivo-otp/ios-application `Raivo/Features/DataExportFeature.swift`,
 * `Password.getExportFields()`): `raivo-otp-export.json`, a JSON array with one object per code,
 * every value a string: `{ issuer, account, secret (base32), algorithm, digits, kind: TOTP | HOTP,
 * timer, counter, iconType, iconValue }`. Raivo puts that file in a password-protected ZIP
 * (SSZipArchive, WinZip AES); Tessera reads the JSON once it is taken out of the ZIP.
 */

const FORMAT = 'raivo';

export async function importRaivo(input: ImportInput): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  if (!Array.isArray(file) || (file.length > 0 && !(isObject(file[0]) && Object.hasOwn(file[0], 'kind')))) {
    throw new TransferError('not-raivo', 'The file is not a Raivo OTP export (a list of codes with a kind)', FORMAT);
  }
  const list = new EntryList(FORMAT, file.length);
  file.forEach((entry: unknown, index) => {
    if (!isObject(entry)) {
      list.fail(index, '', 'malformed-entry', 'The entry is not an object');
      return;
    }
    const issuer = text(entry, 'issuer');
    const account = text(entry, 'account');
    list.add(index, describeEntry(issuer, account), () => ({
      otp: makeOtp({
        type: text(entry, 'kind'),
        secret: () => base32Decode(text(entry, 'secret')),
        algorithm: text(entry, 'algorithm'),
        digits: whole(entry, 'digits'),
        period: whole(entry, 'timer'),
        counter: whole(entry, 'counter'),
        issuer,
        account,
      }),
    }));
  });
  return list.result();
}
