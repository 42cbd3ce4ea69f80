import { describe, expect, it } from 'vitest';
import { TesseraError } from '@tessera/core/errors';
import { runCli } from '../src/cli.ts';
import type { Command, Io } from '../src/command.ts';
import { COMMANDS } from '../src/commands/index.ts';

// In-process checks of the dispatcher with commands written for the test: the only way to make
// a command fail the way a bug would, which the real commands must never do.
function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (s: string) => void (io.stdout += s),
    err: (s: string) => void (io.stderr += s),
    readStdin: async () => new Uint8Array(0),
    now: () => 0,
    env: {},
    askSecret: async () => null,
    hasTerminal: () => false,
  };
  return io;
}

const failing = (name: string, error: unknown): Command => ({
  name,
  summary: 'fails',
  usage: `usage: tessera ${name}\n`,
  options: {},
  run() {
    throw error;
  },
});

describe('runCli', () => {
  it('turns an unexpected error into exit 1 with one line and no stack', async () => {
    const io = capture();
    const status = await runCli(['boom'], io, [
      ...COMMANDS,
      failing('boom', new RangeError('index out of range\n  at somewhere')),
    ]);
    expect(status).toBe(1);
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe('tessera: internal error: index out of range at somewhere\n');
  });

  it('turns a TesseraError from any command into exit 2 with its code', async () => {
    const io = capture();
    const status = await runCli(['vault'], io, [
      ...COMMANDS,
      failing('vault', new TesseraError('wrong-password', 'wrong password')),
    ]);
    expect(status).toBe(2);
    expect(io.stderr).toBe('tessera: wrong password [wrong-password]\n');
  });

  it('gives a new command its declared flags and positionals', async () => {
    const io = capture();
    const seen: unknown[] = [];
    const echo: Command = {
      name: 'echo',
      summary: 'echo',
      usage: 'usage: tessera echo [--loud] <words...>\n',
      options: { loud: { type: 'boolean' }, file: { type: 'string', short: 'f' } },
      run: ({ positionals, values }) => {
        seen.push(positionals, { ...values });
        return 0;
      },
    };
    expect(await runCli(['echo', 'a', '--loud', '-f', 'x.json', 'b'], io, [echo])).toBe(0);
    expect(seen).toEqual([['a', 'b'], { loud: true, file: 'x.json' }]);
  });
});
