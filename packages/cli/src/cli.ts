import { parseArgs } from 'node:util';
import { isTesseraError } from '@tessera/core/errors';
import {
  Cancelled,
  EXIT_BAD_INPUT,
  EXIT_CANCELLED,
  EXIT_INTERNAL,
  UsageError,
  type Command,
  type Io,
} from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { generalUsage } from './commands/help.ts';

/** Runs one `tessera` invocation and returns its exit code; every error ends here. */
export async function runCli(
  argv: readonly string[],
  io: Io,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(generalUsage(commands));
    return EXIT_BAD_INPUT;
  }
  const commandName = name === '--help' || name === '-h' ? 'help' : name;
  try {
    const command = commands.find((c) => c.name === commandName);
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)} (try: tessera help)`);
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help === true) {
      io.out(`${command.usage.trimEnd()}\n`);
      return 0;
    }
    return await command.run({ positionals, values, io, commands });
  } catch (e) {
    if (e instanceof Cancelled) {
      io.err('tessera: cancelled\n');
      return EXIT_CANCELLED;
    }
    if (e instanceof UsageError || isTesseraError(e)) {
      const code = isTesseraError(e) ? ` [${e.code}]` : '';
      io.err(`tessera: ${oneLine(e.message)}${code}\n`);
      return EXIT_BAD_INPUT;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`tessera: internal error: ${oneLine(message)}\n`);
    if (process.env.TESSERA_DEBUG === '1' && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT_INTERNAL;
  }
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // node:util reports bad flags as TypeError with an ERR_PARSE_ARGS_* code: that is user input.
    if (e instanceof Error && String((e as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
      // Its first sentence says what is wrong; the rest is advice about positionals that starts with '-'.
      const what = e.message.split(/\.\s/, 1)[0]!.replace(/\.$/, '');
      throw new UsageError(`${what} (try: tessera help ${command.name})`);
    }
    throw e;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
