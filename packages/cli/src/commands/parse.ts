import { parseOtpUri } from '@tessera/core/otp/uri';
import type { Command } from '../command.ts';
import { uriArgument } from '../input.ts';
import { otpJson } from '../otp-json.ts';

export const parse: Command = {
  name: 'parse',
  summary: 'print an otpauth:// or steam:// URI as normalized JSON (secret in base32)',
  usage: `usage: tessera parse <otpauth-uri | ->

Prints type, issuer, account, secret (base32, unpadded), algorithm, digits, period, counter and
the normalized otpauth:// URI. Defaults are filled in (SHA1, 6 digits, 30 s) and Steam is recognised.

examples:
  tessera parse 'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co'
  tessera parse 'steam://63BEDWCQZKTQWPESARIERL5DTTQFCJTK'
`,
  options: {},
  async run(ctx) {
    const otp = parseOtpUri(await uriArgument(ctx, 'otpauth:// URI'));
    ctx.io.out(`${JSON.stringify(otpJson(otp), null, 2)}\n`);
    return 0;
  },
};
