import { basename } from 'node:path';
import { decryptBackup } from '@tessera/core/transfer/backup';
import type { CommandContext } from './command.ts';
import { readInputFile } from './files.ts';
import { fileArgument } from './input.ts';
import { withPassword, type PasswordSource } from './password.ts';

/** Where the password of a file being read comes from (docs/cli.md, "Passwords"). */
export function filePasswordSource(path: string): PasswordSource {
  const name = path === '-' ? 'the file on standard input' : basename(path);
  return { flag: 'password-file', envName: 'TESSERA_PASSWORD', prompt: `Password for ${name}: ` };
}

/** Where the password of a backup being written comes from. */
export function newPasswordSource(path: string): PasswordSource {
  return { flag: 'new-password-file', envName: 'TESSERA_NEW_PASSWORD', prompt: `New password for ${basename(path)}: ` };
}

/** Opens the Tessera backup named on the command line to the text of its content JSON. */
export async function openBackupArgument(ctx: CommandContext): Promise<string> {
  const path = fileArgument(ctx, 'backup file');
  const file = await readInputFile(ctx, path);
  return withPassword(ctx, filePasswordSource(path), (password) => decryptBackup(file, password));
}
