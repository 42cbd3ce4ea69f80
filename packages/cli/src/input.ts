import { UsageError, type CommandContext } from './command.ts';

// Far above any URI a QR code can hold, and above otp/migration's 1 MiB of base64 data.
const MAX_URI_BYTES = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The single URI a command works on. `-` reads it from standard input, so a secret need not
 * sit in shell history or the process list.
 */
export async function uriArgument(ctx: CommandContext, what: string): Promise<string> {
  const [first, ...extra] = ctx.positionals;
  if (first === undefined)
    throw new UsageError(`missing the ${what} (give it as an argument, or - to read it from standard input)`);
  if (extra.length > 0)
    throw new UsageError(
      `expected one ${what}, got ${ctx.positionals.length} arguments (quote the URI: & and ? mean something to the shell)`,
    );
  if (first !== '-') return first;
  const text = stdinText(await ctx.io.readStdin(MAX_URI_BYTES)).trim();
  if (text === '') throw new UsageError(`standard input holds no ${what}`);
  return text;
}

function stdinText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new UsageError('standard input is not UTF-8 text');
  }
}

/** The single file a command works on: a path, or `-` for standard input. */
export function fileArgument(ctx: CommandContext, what: string): string {
  const [first, ...extra] = ctx.positionals;
  if (first === undefined)
    throw new UsageError(`missing the ${what} (give its path, or - to read it from standard input)`);
  if (extra.length > 0) throw new UsageError(`expected one ${what}, got ${ctx.positionals.length} arguments`);
  return first;
}
