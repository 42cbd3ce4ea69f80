import { lstatSync } from 'node:fs';
import { UsageError, warn, type CommandContext } from './command.ts';
import { writePrivateFile } from './files.ts';

// Where a command's product goes: standard output, or `--out <file>` (mode 0600). Text that
// holds secrets in the clear is announced on standard error either way, so it is never a
// surprise in a terminal's scrollback or a file left behind.

export interface Out {
  path: string;
  replace: boolean;
}

/**
 * The --out file, checked before any password is asked or key derived: a file that exists
 * without --force is refused now (and again, atomically, when it is written).
 */
export function outOption(ctx: CommandContext): Out | null {
  const path = ctx.values.out;
  const replace = ctx.values.force === true;
  if (typeof path !== 'string') {
    if (replace) throw new UsageError('--force only applies with --out <file>');
    return null;
  }
  if (!replace && exists(path))
    throw new UsageError(`cannot write ${path}: already exists (add --force to replace it)`);
  return { path, replace };
}

/** Plaintext holding secrets: to the --out file (0600) with a reminder, or to stdout after a warning. */
export function emitSecrets(ctx: CommandContext, out: Out | null, text: string, what: string): void {
  if (out === null) {
    warn(
      ctx.io,
      `${what} on standard output holds secrets in the clear; do not leave it in a file, a log or a terminal's scrollback`,
    );
    ctx.io.out(text);
    return;
  }
  writePrivateFile(out.path, text, out.replace);
  ctx.io.err(`tessera: wrote ${what} to ${out.path} (mode 0600); it holds secrets in the clear: delete it when done\n`);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
