import { describe, expect, it } from 'vitest';
import { expectOneLineError, tessera } from './run.ts';

describe('tessera help', () => {
  it('lists every command on stdout and exits 0', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const run = await tessera(args);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      for (const name of ['code', 'parse', 'migration', 'import', 'export', 'decrypt', 'help'])
        expect(run.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    }
  });

  it('shows one command with its options and examples', async () => {
    const viaHelp = await tessera(['help', 'code']);
    expect(viaHelp.status).toBe(0);
    expect(viaHelp.stdout).toContain('usage: tessera code <otpauth-uri | -> [--at <unix-seconds>] [--json]');
    expect(viaHelp.stdout).toContain('examples:');
    const viaFlag = await tessera(['code', '--help']);
    expect(viaFlag.status).toBe(0);
    expect(viaHelp.stdout).toContain(viaFlag.stdout);
  });

  it('with no command prints the usage on stderr and exits 2', async () => {
    const run = await tessera([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage: tessera <command>');
  });

  it('refuses unknown commands with one line', async () => {
    expect(expectOneLineError(await tessera(['decrypt-everything']))).toBe(
      'tessera: unknown command "decrypt-everything" (try: tessera help)',
    );
    expect(expectOneLineError(await tessera(['help', 'nope']))).toBe(
      'tessera: unknown command "nope" (try: tessera help)',
    );
  });
});
