import { describeEntry, EntryList, makeOtp } from './entry.ts';
import { TransferError } from './errors.ts';
import { isObject, member, parseJson, readText, text, whole } from './input.ts';
import type { ImportInput, ImportOptions, ImportResult } from './types.ts';
import { OtpError } from '../otp/types.ts';

// FreeOTP+'s JSON backup (helloworld1/FreeOTPPlus; the same token objects FreeOTP keeps in its
// tokens.xml): { tokenOrder: ["issuer:label", ...], tokens: [{ algo, counter, digits, issuerExt,
// issuerInt, label, period, secret, type }] }, the secret a JSON array of signed bytes (Java's
// byte, -128..127). FreeOTP+ shows a TOTP token whose issuer is "Steam" as a Steam code.

const FORMAT = 'freeotp-plus';
const STEAM_ISSUER = 'steam';

export async function importFreeOtpPlus(input: ImportInput, _opts: ImportOptions = {}): Promise<ImportResult> {
  const file = parseJson(readText(input, FORMAT), FORMAT);
  const tokens = isObject(file) ? member(file, 'tokens') : undefined;
  if (!Array.isArray(tokens))
    throw new TransferError('not-freeotp-plus', 'The file is not a FreeOTP+ backup (no tokens)', FORMAT);
  const list = new EntryList(FORMAT, tokens.length);
  tokens.forEach((token, index) => {
    if (!isObject(token)) {
      list.fail(index, '', 'malformed-entry', 'The token is not an object');
      return;
    }
    const issuer = text(token, 'issuerExt') || text(token, 'issuerInt');
    const account = text(token, 'label');
    list.add(index, describeEntry(issuer, account), () => {
      const type = text(token, 'type');
      const steam = type.toUpperCase() === 'TOTP' && issuer.trim().toLowerCase() === STEAM_ISSUER;
      return {
        otp: makeOtp({
          type: steam ? 'steam' : type,
          secret: signedBytes(member(token, 'secret')),
          algorithm: text(token, 'algo'),
          digits: whole(token, 'digits'),
          period: whole(token, 'period'),
          counter: whole(token, 'counter'),
          issuer,
          account,
        }),
      };
    });
  });
  return list.result();
}

function signedBytes(value: unknown): Uint8Array {
  if (!Array.isArray(value)) throw new OtpError('missing-secret', 'the token has no secret');
  const out = new Uint8Array(value.length);
  value.forEach((byte, i) => {
    // Java writes bytes signed; an unsigned 128..255 is the same byte, anything else is damage.
    if (typeof byte !== 'number' || !Number.isInteger(byte) || byte < -128 || byte > 255) {
      throw new OtpError('invalid-secret', `the secret's byte ${i + 1} is not a byte`);
    }
    out[i] = byte & 0xff;
  });
  return out;
}
