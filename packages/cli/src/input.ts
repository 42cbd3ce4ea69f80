import { UsageError, type CommandContext } from './command.ts';

/**
 * The single URI a command works on. `-` reads it from standard input, so a secret need not
 * sit in shell history or the process list.
 */
export async function uriArgument(ctx: CommandContext, what: string): Promise<string> {
  const [first, ...extra] = ctx.positionals;
  if (first === undefined) throw new UsageError(`missing the ${what} (give it as an argument, or - to read it from standard input)`);
  if (extra.length > 0) throw new UsageError(`expected one ${what}, got ${ctx.positionals.length} arguments (quote the URI: & and ? mean something to the shell)`);
  if (first !== '-') return first;
  const text = (await ctx.io.readStdin()).trim();
  if (text === '') throw new UsageError(`standard input holds no ${what}`);
  return text;
}
