import { UsageError, type Command } from '../command.ts';
import { openBackupArgument } from '../backup-input.ts';
import { otpauthList } from '../otp-exports.ts';
import { emitSecrets, outOption } from '../output.ts';

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'open a Tessera encrypted backup offline and print its records',
  usage: `usage: tessera decrypt <backup-file | -> [--format json|otpauth] [--out <file> [--force]]
                       [--password-file <path> | --recovery-key [--recovery-key-file <path>]]

Opens a backup written by Tessera (Settings > Export > Encrypted backup, an automatic backup, or
tessera import --out) with its password, or with the vault's recovery key, without the app or the
server, and prints what it holds.

  --format json         the backup's records as JSON, every field, secrets in base32 (default)
  --format otpauth      one otpauth:// URI per record that has an OTP
  --out <file>          write to <file> (mode 0600) instead of standard output
  --force               replace <file> if it exists
  --password-file <path>  read the password from the first line of <path>
  --recovery-key        open it with the vault's recovery key (the emergency sheet's
                        XXXX-XXXX-... key) instead of the password; backups written by
                        Tessera since the recovery key carry its slot
  --recovery-key-file <path>  read the recovery key from the first line of <path>

The password is asked on the terminal (not echoed) unless --password-file or the environment
variable TESSERA_PASSWORD gives it; the recovery key likewise (--recovery-key-file,
TESSERA_RECOVERY_KEY). Output holds every secret in the clear.

examples:
  tessera decrypt tessera-backup-2026-11-23.tessera
  tessera decrypt --format otpauth --out codes.txt vault.tessera
  tessera decrypt --password-file ~/.config/tessera/backup-password --out records.json vault.tessera
  tessera decrypt --recovery-key tessera-auto-2026-12-07T02-55-12-345Z.tessera
`,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'password-file': { type: 'string' },
    'recovery-key': { type: 'boolean' },
    'recovery-key-file': { type: 'string' },
  },
  async run(ctx) {
    const format = ctx.values.format ?? 'json';
    if (format !== 'json' && format !== 'otpauth')
      throw new UsageError(`--format is json or otpauth, not ${JSON.stringify(format)}`);
    const out = outOption(ctx);
    const json = await openBackupArgument(ctx);
    if (format === 'json') {
      emitSecrets(ctx, out, `${indented(json)}\n`, 'the decrypted backup');
      return 0;
    }
    emitSecrets(ctx, out, otpauthList(ctx, json), 'the otpauth:// list');
    return 0;
  },
};

// The content authenticated, so it is what a Tessera wrote; were it ever not JSON (a future
// content format), it is still printed as it is, since getting it out is the point of decrypt.
function indented(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
