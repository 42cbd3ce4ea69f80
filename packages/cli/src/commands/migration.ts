import { parseMigrationUri } from '@tessera/core/otp/migration';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { EXIT_BAD_INPUT, type Command } from '../command.ts';
import { uriArgument } from '../input.ts';

export const migration: Command = {
  name: 'migration',
  summary: 'print the otpauth:// URI of every entry in a Google Authenticator export',
  usage: `usage: tessera migration <otpauth-migration-uri | ->

Prints one otpauth:// URI per line on standard output. An entry Tessera cannot use (MD5, an
unknown type or digit count, no secret) gets one line on standard error naming it, the others
are still printed, and the exit status is 2.

examples:
  tessera migration 'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B'
  zbarimg --raw -q export.png | tessera migration -
`,
  options: {},
  async run(ctx) {
    const { otps, rejected, batch } = parseMigrationUri(await uriArgument(ctx, 'otpauth-migration:// URI'));
    for (const otp of otps) ctx.io.out(`${formatOtpUri(otp)}\n`);
    for (const { error } of rejected) ctx.io.err(`tessera: ${error.message} [${error.code}]\n`);
    if (batch.size > 1)
      ctx.io.err(
        `tessera: this is QR code ${batch.index + 1} of ${batch.size} of export ${batch.id}; the others hold more entries\n`,
      );
    return rejected.length > 0 ? EXIT_BAD_INPUT : 0;
  },
};
