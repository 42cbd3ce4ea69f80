import { isTesseraError, TesseraError } from '@tessera/core/errors';
import { UsageError, warn, type CommandContext } from './command.ts';
import { readSmallFile } from './files.ts';

// Where a password comes from, in this order: a file named by a flag, an environment variable,
// the terminal (echo off). Never from a flag's value: argv is readable by every user of the
// machine (ps, /proc/<pid>/cmdline) and lands in shell history. docs/cli.md weighs the risks.

/** More than any passphrase; a bigger file is the wrong file. */
const MAX_PASSWORD_FILE_BYTES = 4096;
/** Tries at the terminal, as sudo and ssh allow. */
const TERMINAL_TRIES = 3;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface PasswordSource {
  /** The flag naming a password file, without dashes: 'password-file' or 'new-password-file'. */
  flag: string;
  envName: string;
  /** What is asked at the terminal, e.g. 'Password for vault.tessera: '. */
  prompt: string;
}

/**
 * Runs `attempt` with the file's password. It is first called with the password from a file or
 * the environment, or with none, so a file that needs none (or is not what it claims) says so
 * without a prompt; on 'password-required' or 'wrong-password' the terminal is asked, three
 * times at most. A password from a file or the environment fails at once.
 */
export async function withPassword<T>(
  ctx: CommandContext,
  source: PasswordSource,
  attempt: (password: string | undefined) => Promise<T>,
): Promise<T> {
  const given = givenPassword(ctx, source);
  let password = given ?? undefined;
  let tries = 0;
  for (;;) {
    try {
      return await attempt(password);
    } catch (e) {
      const refused = isTesseraError(e, 'password-required') || isTesseraError(e, 'wrong-password');
      if (refused && given === null && tries < TERMINAL_TRIES) {
        if (password !== undefined)
          ctx.io.err(
            password === ''
              ? 'tessera: the password cannot be empty, try again\n'
              : 'tessera: wrong password, try again\n',
          );
        password = await askOnce(ctx, source);
        tries++;
        continue;
      }
      if (isTesseraError(e, 'wrong-password')) {
        // One line without the format's name: it is the same advice for every file.
        throw new TesseraError(
          'wrong-password',
          /damaged/.test(e.message) ? 'wrong password (or the file is damaged)' : 'wrong password',
        );
      }
      throw e;
    }
  }
}

/**
 * Runs `attempt` with a recovery key (docs/cli.md, "Recovery key"): from a file, the environment,
 * or typed at the terminal (not echoed), where a mistyped or wrong key may be typed again, three
 * times in all. Never from a flag's value, for the same reasons as a password.
 */
export async function withRecoveryKey<T>(
  ctx: CommandContext,
  source: PasswordSource,
  attempt: (key: string) => T | Promise<T>,
): Promise<T> {
  const given = givenPassword(ctx, source);
  let key = given ?? (await askOnce(ctx, source));
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(key);
    } catch (e) {
      const retry = isTesseraError(e, 'invalid-recovery-key') || isTesseraError(e, 'wrong-recovery-key');
      if (!retry || given !== null || tries >= TERMINAL_TRIES) throw e;
      ctx.io.err(`tessera: ${(e as Error).message} Try again.\n`);
      key = await askOnce(ctx, source);
    }
  }
}

/** A password for a file about to be written, typed twice at the terminal. */
export async function typeNewPassword(ctx: CommandContext, source: PasswordSource): Promise<string> {
  for (let tries = 0; tries < TERMINAL_TRIES; tries++) {
    const first = await askOnce(ctx, source);
    if (first === '') {
      ctx.io.err('tessera: the password cannot be empty, try again\n');
      continue;
    }
    if ((await askOnce(ctx, { ...source, prompt: 'Type it again: ' })) === first) return first;
    ctx.io.err('tessera: the two passwords differ, try again\n');
  }
  throw new UsageError('no new password after three tries');
}

/** The password from the source's file flag or environment variable; null when neither is given. */
export function givenPassword(ctx: CommandContext, source: PasswordSource): string | null {
  const path = ctx.values[source.flag];
  if (typeof path === 'string') return passwordFromFile(ctx, path, source.flag);
  const value = ctx.io.env[source.envName];
  if (value === undefined) return null;
  if (value === '') throw new UsageError(`${source.envName} is set but empty (unset it to be asked for the password)`);
  return value;
}

function passwordFromFile(ctx: CommandContext, path: string, flag: string): string {
  const { bytes, mode } = readSmallFile(path, MAX_PASSWORD_FILE_BYTES);
  if (bytes === null)
    throw new UsageError(`--${flag} ${path} is larger than ${MAX_PASSWORD_FILE_BYTES} bytes: is it the right file?`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new UsageError(`--${flag} ${path} is not UTF-8 text`);
  } finally {
    bytes.fill(0);
  }
  // The first line, without its line ending: what `echo`, editors and password managers write.
  const password = text.split('\n', 1)[0]!.replace(/\r$/, '');
  if (password === '') throw new UsageError(`--${flag} ${path} is empty`);
  if (mode !== null && (mode & 0o077) !== 0) warn(ctx.io, `${path} can be read by other users (chmod 600 ${path})`);
  return password;
}

/** Refuses now, before any output, when the password would have to be typed and there is no terminal. */
export function checkCanAsk(ctx: CommandContext, source: PasswordSource): void {
  if (!ctx.io.hasTerminal()) throw noTerminal(source);
}

async function askOnce(ctx: CommandContext, source: PasswordSource): Promise<string> {
  const typed = await ctx.io.askSecret(source.prompt);
  if (typed === null) throw noTerminal(source);
  return typed;
}

function noTerminal(source: PasswordSource): UsageError {
  return new UsageError(
    `no password: there is no terminal to ask on (give --${source.flag} <path> or set ${source.envName})`,
  );
}
