import { otpCode } from '@tessera/core/otp/code';
import { parseOtpUri } from '@tessera/core/otp/uri';
import { UsageError, type Command } from '../command.ts';
import { uriArgument } from '../input.ts';
import { otpLabel } from '../otp-json.ts';

export const code: Command = {
  name: 'code',
  summary: 'print the current code, the seconds it has left and the next code',
  usage: `usage: tessera code <otpauth-uri | -> [--at <unix-seconds>] [--json]

  --at <unix-seconds>  the time to show the code for (default: now); decimals allowed
  --json               print one JSON object instead of text

examples:
  tessera code 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'
  tessera code --at 1111111109 'otpauth://totp/RFC?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8'
  tessera code --json 'otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=4'
  echo 'steam://63BEDWCQZKTQWPESARIERL5DTTQFCJTK' | tessera code -
`,
  options: { at: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    const otp = parseOtpUri(await uriArgument(ctx, 'otpauth:// URI'));
    const atMs = ctx.values.at === undefined ? ctx.io.now() : unixSeconds(String(ctx.values.at)) * 1000;
    const shown = otpCode(otp, atMs);
    if (ctx.values.json === true) {
      const json = {
        type: otp.type,
        issuer: otp.issuer,
        account: otp.account,
        code: shown.code,
        next: shown.next,
        secondsLeft: shown.secondsLeft,
        period: shown.period,
        counter: otp.type === 'hotp' ? otp.counter : null,
        at: atMs / 1000,
      };
      ctx.io.out(`${JSON.stringify(json, null, 2)}\n`);
      return 0;
    }
    const lines: string[] = [];
    const label = otpLabel(otp);
    if (label !== '') lines.push(label);
    if (shown.secondsLeft === null) {
      lines.push(`code  ${shown.code}  counter ${otp.counter}`, `next  ${shown.next}  counter ${otp.counter + 1}`);
    } else {
      lines.push(`code  ${shown.code}  ${shown.secondsLeft} s left of ${shown.period} s`, `next  ${shown.next}`);
    }
    ctx.io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

function unixSeconds(text: string): number {
  if (!/^\d{1,15}(\.\d+)?$/.test(text))
    throw new UsageError(`--at wants Unix seconds (a number from 0 up), got ${JSON.stringify(text)}`);
  return Number(text);
}
