import { UsageError, type Command } from '../command.ts';

export function generalUsage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: tessera <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'A URI argument of - is read from standard input. Exit status: 0 done, 2 bad input, 1 internal error.',
    'tessera help <command> shows the options and examples of one command.',
    '',
  ].join('\n');
}

export const help: Command = {
  name: 'help',
  summary: 'show the commands, or how to use one of them',
  usage: 'usage: tessera help [command]\n',
  options: {},
  run({ positionals, io, commands }) {
    const [name] = positionals;
    if (name === undefined) {
      io.out(generalUsage(commands));
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)} (try: tessera help)`);
    io.out(`${command.summary}\n\n${command.usage.trimEnd()}\n`);
    return 0;
  },
};
