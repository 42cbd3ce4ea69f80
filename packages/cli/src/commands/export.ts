import { sealBackup } from '@tessera/core/transfer/backup-file';
import { UsageError, type Command } from '../command.ts';
import { newPasswordSource, openBackupArgument } from '../backup-input.ts';
import { writePrivateFile } from '../files.ts';
import { KDF_USAGE, kdfOption } from '../kdf-option.ts';
import { aegisVault, migrationList, otpauthList } from '../otp-exports.ts';
import { emitSecrets, outOption } from '../output.ts';
import { checkCanAsk, givenPassword, typeNewPassword } from '../password.ts';

const TARGETS = ['otpauth', 'migration', 'aegis', 'aegis-encrypted', 'backup'] as const;
type Target = (typeof TARGETS)[number];

export const exportCommand: Command = {
  name: 'export',
  summary:
    'turn a Tessera backup into an otpauth:// list, Google Authenticator QR codes, an Aegis vault, or a backup under a new password',
  usage: `usage: tessera export <backup-file | -> --to otpauth|migration|aegis|aegis-encrypted|backup [--out <file> [--force]]
                      [--password-file <path>] [--new-password-file <path>] [--kdf m=<MiB>,t=<passes>,p=<lanes>]

  --to otpauth     one otpauth:// URI per OTP: for any authenticator that imports such a list
  --to migration   Google Authenticator export URIs (otpauth-migration://), ten accounts each:
                   make each line a QR code and scan them in Google Authenticator (or Aegis, 2FAS...)
  --to aegis       an Aegis vault (JSON), which Aegis, 2FAS, Ente Auth, Stratum, Proton
                   Authenticator and most other authenticators import: codes with their notes,
                   tags (as groups) and favourite flag
  --to aegis-encrypted  the same vault sealed as Aegis seals it, under a new password
                   (--new-password-file, TESSERA_NEW_PASSWORD, or typed twice)
  --to backup      the same backup under a new password (--out required)
  --out <file>     write to <file> (mode 0600) instead of standard output
  --force          replace <file> if it exists
  --password-file <path>      the backup's password, first line of <path> (or TESSERA_PASSWORD)
  --new-password-file <path>  the new backup's password (or TESSERA_NEW_PASSWORD; else typed twice)
  ${KDF_USAGE}

Records without an OTP are left out of the OTP exports; an OTP Google Authenticator cannot hold
(Steam, 7 digits, a period other than 30 s) is named on standard error and left out of migration.

examples:
  tessera export --to otpauth --out codes.txt vault.tessera
  tessera export --to migration vault.tessera | while read -r uri; do qrencode -t ANSIUTF8 "$uri"; done
  tessera export --to aegis-encrypted --out aegis-export.json vault.tessera
  tessera export --to backup --out vault-new-password.tessera vault.tessera
`,
  options: {
    to: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'password-file': { type: 'string' },
    'new-password-file': { type: 'string' },
    kdf: { type: 'string' },
  },
  async run(ctx) {
    const target = targetOption(ctx.values.to);
    const out = outOption(ctx);
    if (target === 'aegis-encrypted') {
      if (ctx.values.kdf !== undefined)
        throw new UsageError('--kdf only applies with --to backup (Aegis fixes its own scrypt settings)');
      const source = newPasswordSource(out?.path ?? 'the Aegis vault');
      const given = givenPassword(ctx, source);
      if (given === null) checkCanAsk(ctx, source);
      const json = await openBackupArgument(ctx);
      const vault = await aegisVault(ctx, json, given ?? (await typeNewPassword(ctx, source)));
      if (out === null) ctx.io.out(vault);
      else {
        writePrivateFile(out.path, vault, out.replace);
        ctx.io.err(`tessera: wrote ${out.path} (mode 0600), an Aegis vault under the new password\n`);
      }
      return 0;
    }
    if (target !== 'backup') {
      if (ctx.values['new-password-file'] !== undefined)
        throw new UsageError('--new-password-file only applies with --to backup or aegis-encrypted');
      if (ctx.values.kdf !== undefined) throw new UsageError('--kdf only applies with --to backup');
      const json = await openBackupArgument(ctx);
      if (target === 'otpauth') emitSecrets(ctx, out, otpauthList(ctx, json), 'the otpauth:// list');
      else if (target === 'aegis') emitSecrets(ctx, out, await aegisVault(ctx, json), 'the Aegis vault');
      else emitSecrets(ctx, out, migrationList(ctx, json), 'the Google Authenticator export');
      return 0;
    }
    if (out === null) throw new UsageError('--to backup needs --out <file> (a backup is binary)');
    const kdf = kdfOption(ctx.values.kdf);
    const source = newPasswordSource(out.path);
    const given = givenPassword(ctx, source);
    if (given === null) checkCanAsk(ctx, source);
    const json = await openBackupArgument(ctx);
    const password = given ?? (await typeNewPassword(ctx, source));
    // The content is sealed again exactly as it decrypted: record ids, times and members this
    // version does not know all stay as the backup had them. Only the password and salt change.
    const content = new TextEncoder().encode(json);
    try {
      writePrivateFile(out.path, await sealBackup(content, password, kdf), out.replace);
    } finally {
      content.fill(0);
    }
    ctx.io.err(`tessera: wrote ${out.path} (mode 0600) under the new password\n`);
    return 0;
  },
};

function targetOption(value: string | boolean | undefined): Target {
  if (value === undefined)
    throw new UsageError('missing --to otpauth|migration|aegis|aegis-encrypted|backup (what to export to)');
  const target = TARGETS.find((t) => t === value);
  if (target === undefined)
    throw new UsageError(`--to is otpauth, migration, aegis, aegis-encrypted or backup, not ${JSON.stringify(value)}`);
  return target;
}
