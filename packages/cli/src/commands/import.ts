import { basename } from 'node:path';
import { exportBackup } from '@tessera/core/transfer/backup';
import { importFile } from '@tessera/core/transfer/import';
import { chooseEntry, planImport, type ImportPlan } from '@tessera/core/transfer/plan';
import { IMPORT_FORMATS, type ImportFormat } from '@tessera/core/transfer/types';
import { UsageError, warn, type Command } from '../command.ts';
import { filePasswordSource, newPasswordSource } from '../backup-input.ts';
import { previewText, recordsFrom, resultJson } from '../entries.ts';
import { readInputFile, writePrivateFile } from '../files.ts';
import { fileArgument } from '../input.ts';
import { KDF_USAGE, kdfOption } from '../kdf-option.ts';
import { outOption } from '../output.ts';
import { checkCanAsk, givenPassword, typeNewPassword, withPassword } from '../password.ts';

export const importCommand: Command = {
  name: 'import',
  summary: "read another app's export: preview it, print it as JSON, or convert it into a Tessera backup",
  usage: `usage: tessera import <file | -> [--format <name>] [--password-file <path>] [--keep-duplicates]
                      [--json | --out <backup-file> [--force] [--new-password-file <path>] [--kdf m=<MiB>,t=<passes>,p=<lanes>]]

Reads an export of Google Authenticator (otpauth-migration:// URIs), Aegis, 2FAS, Bitwarden,
Ente Auth, andOTP, FreeOTP+, a list of otpauth:// URIs, or a Tessera backup, and prints a
preview: what would be added, entries that appear twice in the file, and entries that could not
be read with the reason. Nothing is stored anywhere unless --out is given.

  --format <name>    read the file as this format instead of detecting it:
                     ${IMPORT_FORMATS.join(', ')}
  --password-file <path>  the file's password, first line of <path> (or TESSERA_PASSWORD; else asked)
  --keep-duplicates  also take entries that repeat an earlier entry of the file
  --json             print the entries as JSON instead, secrets in base32 (plaintext!)
  --out <backup-file>  write what the preview lists as a new Tessera encrypted backup, which the
                     app imports (Settings > Import) and tessera decrypt opens
  --force            replace <backup-file> if it exists
  --new-password-file <path>  the new backup's password (or TESSERA_NEW_PASSWORD; else typed twice)
  ${KDF_USAGE}

examples:
  tessera import aegis-backup-20261123.json
  tessera import --out vault.tessera aegis-backup-20261123.json
  zbarimg --raw -q export-*.png | tessera import -
  tessera import --format andotp --password-file andotp-password.txt backup.json.aes
`,
  options: {
    format: { type: 'string' },
    'password-file': { type: 'string' },
    'keep-duplicates': { type: 'boolean' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'new-password-file': { type: 'string' },
    kdf: { type: 'string' },
  },
  async run(ctx) {
    const path = fileArgument(ctx, 'file to import');
    const format = formatOption(ctx.values.format);
    const out = outOption(ctx);
    if (ctx.values.json === true && out !== null)
      throw new UsageError('--json prints the entries and --out writes a backup: choose one');
    if (out === null) {
      for (const flag of ['new-password-file', 'kdf'])
        if (ctx.values[flag] !== undefined) throw new UsageError(`--${flag} only applies with --out <backup-file>`);
    }
    const kdf = out === null ? null : kdfOption(ctx.values.kdf);
    const newSource = out === null ? null : newPasswordSource(out.path);
    // Read now, so a bad --new-password-file (or no way to get a password) is reported before
    // the file's key is derived and before the preview is printed.
    const newGiven = newSource === null ? null : givenPassword(ctx, newSource);
    if (newSource !== null && newGiven === null) checkCanAsk(ctx, newSource);

    const file = await readInputFile(ctx, path);
    const fileName = path === '-' ? undefined : basename(path);
    const result = await withPassword(ctx, filePasswordSource(path), (password) =>
      importFile(file, { format, fileName, password }),
    );
    const plan = keepDuplicates(planImport(result, []), ctx.values['keep-duplicates'] === true);

    if (ctx.values.json === true) {
      warn(
        ctx.io,
        "the JSON on standard output holds every secret in the clear; do not leave it in a file, a log or a terminal's scrollback",
      );
      ctx.io.out(`${JSON.stringify(resultJson(plan), null, 2)}\n`);
      return 0;
    }
    ctx.io.out(previewText(plan, path === '-' ? 'standard input' : path));
    if (out === null || newSource === null || kdf === null) return 0;

    const adding = plan.entries.filter((planned) => planned.add).map((planned) => planned.entry);
    if (adding.length === 0)
      throw new UsageError(`nothing to write to ${out.path}: no entry of the file can be imported`);
    const password = newGiven ?? (await typeNewPassword(ctx, newSource));
    const backup = await exportBackup(recordsFrom(adding, ctx.io.now), password, { kdf, now: ctx.io.now() });
    writePrivateFile(out.path, backup, out.replace);
    ctx.io.err(
      `tessera: wrote ${adding.length} ${adding.length === 1 ? 'entry' : 'entries'} to ${out.path} (mode 0600), a Tessera backup under the new password\n`,
    );
    return 0;
  },
};

function formatOption(value: string | boolean | undefined): ImportFormat | undefined {
  if (value === undefined) return undefined;
  const format = IMPORT_FORMATS.find((f) => f === value);
  if (format === undefined)
    throw new UsageError(
      `--format ${JSON.stringify(value)} is not a format Tessera reads (${IMPORT_FORMATS.join(', ')})`,
    );
  return format;
}

function keepDuplicates(plan: ImportPlan, keep: boolean): ImportPlan {
  if (!keep) return plan;
  return plan.entries.reduce(
    (chosen, planned) => (planned.duplicateOf === null ? chosen : chooseEntry(chosen, planned.index, true)),
    plan,
  );
}
