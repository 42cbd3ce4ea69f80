import { basename } from 'node:path';
import { decryptBackup, decryptBackupWithRecoveryKey } from '@tessera/core/transfer/backup';
import { BACKUP_FORMAT, BACKUP_VERSION_RECOVERY, readBackupHeader } from '@tessera/core/transfer/backup-file';
import { TransferError } from '@tessera/core/transfer/errors';
import { UsageError, type CommandContext } from './command.ts';
import { readInputFile } from './files.ts';
import { fileArgument } from './input.ts';
import { withPassword, withRecoveryKey, type PasswordSource } from './password.ts';

/** Where the password of a file being read comes from (docs/cli.md, "Passwords"). */
export function filePasswordSource(path: string): PasswordSource {
  const name = path === '-' ? 'the file on standard input' : basename(path);
  return { flag: 'password-file', envName: 'TESSERA_PASSWORD', prompt: `Password for ${name}: ` };
}

/** Where the password of a backup being written comes from. */
export function newPasswordSource(path: string): PasswordSource {
  return { flag: 'new-password-file', envName: 'TESSERA_NEW_PASSWORD', prompt: `New password for ${basename(path)}: ` };
}

/** Where the recovery key of a backup comes from (`--recovery-key`): never from a flag's value. */
export function recoveryKeySource(path: string): PasswordSource {
  const name = path === '-' ? 'the file on standard input' : basename(path);
  return { flag: 'recovery-key-file', envName: 'TESSERA_RECOVERY_KEY', prompt: `Recovery key for ${name}: ` };
}

/**
 * Opens the Tessera backup named on the command line to the text of its content JSON: with its
 * password, or with `--recovery-key` (or `--recovery-key-file`) with the vault's recovery key.
 */
export async function openBackupArgument(ctx: CommandContext): Promise<string> {
  const path = fileArgument(ctx, 'backup file');
  const file = await readInputFile(ctx, path);
  if (ctx.values['recovery-key'] === true || typeof ctx.values['recovery-key-file'] === 'string') {
    if (typeof ctx.values['password-file'] === 'string')
      throw new UsageError('--password-file and --recovery-key are two ways to open a backup: give one');
    // A file without a slot says so before anything is asked.
    if (readBackupHeader(file).version !== BACKUP_VERSION_RECOVERY)
      throw new TransferError(
        'no-recovery-slot',
        'this backup was written without a recovery key slot (an older Tessera, or a vault without a recovery key): open it with its password',
        BACKUP_FORMAT,
      );
    return withRecoveryKey(ctx, recoveryKeySource(path), (key) => decryptBackupWithRecoveryKey(file, key));
  }
  return withPassword(ctx, filePasswordSource(path), (password) => decryptBackup(file, password));
}
