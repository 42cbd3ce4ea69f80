import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TransferError } from '@tessera/core/transfer/errors';
import { MAX_FILE_BYTES } from '@tessera/core/transfer/input';
import { UsageError, type CommandContext } from './command.ts';

// Files the CLI reads (exports, backups, password files) and writes (backups, decrypted
// records). Reads are bounded before the bytes are held; writes are readable by the owner only
// (mode 0600), since even an encrypted backup is worth guessing passwords against offline.

/** The file a command works on; `-` is standard input. Refused above core's import limit before it is read. */
export async function readInputFile(ctx: CommandContext, path: string): Promise<Uint8Array> {
  if (path === '-') return ctx.io.readStdin(MAX_FILE_BYTES);
  const { bytes } = readBounded(path, MAX_FILE_BYTES);
  if (bytes === null)
    throw new TransferError(
      'too-large',
      `${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: no export is that big`,
      null,
    );
  return bytes;
}

/** A small file (a password file), with its permission bits when it is a regular file on POSIX; bytes null when over `maxBytes`. */
export function readSmallFile(path: string, maxBytes: number): { bytes: Uint8Array | null; mode: number | null } {
  return readBounded(path, maxBytes);
}

// Reads through a descriptor, so a pipe or process substitution (`<(pass show x)`, whose size
// stat cannot tell) is bounded as well as a regular file.
function readBounded(path: string, maxBytes: number): { bytes: Uint8Array | null; mode: number | null } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${reason(e)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new UsageError(`cannot read ${path}: it is a directory`);
    const mode = stats.isFile() && process.platform !== 'win32' ? stats.mode & 0o777 : null;
    if (stats.isFile() && stats.size > maxBytes) return { bytes: null, mode };
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return { bytes: Buffer.concat(chunks, length), mode };
      length += read;
      if (length > maxBytes) return { bytes: null, mode };
      chunks.push(chunk.subarray(0, read));
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to `path` with mode 0600. An existing file is refused unless `replace`; then
 * the new content goes to a temporary file beside it that is renamed over the old one, so a
 * failed write never leaves the old file half overwritten.
 */
export function writePrivateFile(path: string, data: string | Uint8Array, replace: boolean): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (!replace) {
    // 'wx' fails if the file exists, at the moment of creation: no window to race.
    writeNew(path, path, bytes, 'already exists (add --force to replace it)');
    return;
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeNew(temporary, path, bytes, 'could not make a temporary file beside it');
  try {
    renameSync(temporary, path);
  } catch (e) {
    unlinkQuietly(temporary);
    throw new UsageError(`cannot write ${path}: ${reason(e)}`);
  }
}

function writeNew(target: string, shown: string, bytes: Uint8Array, whenExists: string): void {
  let fd: number;
  try {
    fd = openSync(target, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${shown}: ${code === 'EEXIST' ? whenExists : reason(e)}`);
  }
  try {
    // The umask can only take bits away from 0600; this makes the mode exactly 0600.
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkQuietly(target);
    throw new UsageError(`cannot write ${shown}: ${reason(e)}`);
  }
  closeSync(fd);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the directory became unwritable: nothing more can be done.
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return typeof code === 'string' ? code : 'the system refused';
  }
}
