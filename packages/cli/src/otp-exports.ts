import { exportAegis } from '@tessera/core/transfer/aegis-export';
import { readBackupContent } from '@tessera/core/transfer/backup';
import { exportMigrationUris } from '@tessera/core/transfer/google-migration';
import { exportOtpauthList } from '@tessera/core/transfer/otpauth-list';
import { UsageError, type CommandContext } from './command.ts';
import { problemMessage, recordsFrom } from './entries.ts';
import type { VaultRecord } from '@tessera/core/vault/record';

// The OTP exports of a backup's records, through core's exporters (transfer/otpauth-list,
// transfer/google-migration). What does not come through is said on standard error, one line
// each, and the rest is still exported.

/** Every OTP as an otpauth:// URI, one per line. */
export function otpauthList(ctx: CommandContext, json: string): string {
  return exportOtpauthList(backupRecords(ctx, json));
}

/** Google Authenticator export URIs (one per QR code, ten accounts each), one per line. */
export function migrationList(ctx: CommandContext, json: string): string {
  const { uris, skipped } = exportMigrationUris(backupRecords(ctx, json));
  for (const problem of skipped) ctx.io.err(`tessera: skipped ${problemMessage(problem, (n) => `OTP ${n}`)}\n`);
  if (uris.length === 0) throw new UsageError('nothing to export: no OTP of this backup fits Google Authenticator');
  if (uris.length > 1)
    ctx.io.err(
      `tessera: ${uris.length} QR codes of one export (at most ten accounts each): scan them all, in any order\n`,
    );
  return `${uris.join('\n')}\n`;
}

/** An Aegis vault (JSON) of every OTP, sealed under `password` when one is given. */
export async function aegisVault(ctx: CommandContext, json: string, password?: string): Promise<string> {
  const { json: vault, skipped } = await exportAegis(
    backupRecords(ctx, json),
    password === undefined ? {} : { password },
  );
  for (const problem of skipped) ctx.io.err(`tessera: ${problemMessage(problem, (n) => `OTP ${n}`)}\n`);
  return vault;
}

// Records the backup holds with an OTP; unreadable records and those without an OTP are named
// on standard error. An empty result is an error, not an empty file that looks like success.
function backupRecords(ctx: CommandContext, json: string): VaultRecord[] {
  const result = readBackupContent(json);
  for (const problem of result.problems) ctx.io.err(`tessera: ${problemMessage(problem, (n) => `record ${n}`)}\n`);
  const entries = result.entries.filter((entry) => entry.otp !== null);
  const withoutOtp = result.entries.length - entries.length;
  if (withoutOtp > 0)
    ctx.io.err(
      `tessera: ${withoutOtp} record${withoutOtp === 1 ? ' has' : 's have'} no OTP and ${withoutOtp === 1 ? 'is' : 'are'} left out\n`,
    );
  if (entries.length === 0) throw new UsageError('nothing to export: the backup holds no OTP');
  return recordsFrom(entries, ctx.io.now);
}
