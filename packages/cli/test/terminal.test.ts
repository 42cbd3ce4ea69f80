import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN, tessera } from './run.ts';
import { FLOOR_KDF_OPTION, makeBackup, makeRecords, sampleOtp, scratchDir } from './helpers.ts';

// The password prompt on a real terminal: util-linux `script` runs the CLI on a pseudo-terminal
// of its own, and what the test writes is what a person would type. Everything the terminal
// shows comes back on script's output, so a password that was echoed would be seen there.

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const PASSWORD = 'typed at the terminal';
const scratch = scratchDir();
let backupPath = '';

beforeAll(async () => {
  if (hasScript)
    backupPath = scratch.write('vault.tessera', await makeBackup(makeRecords([{ otp: sampleOtp(0) }]), PASSWORD));
});
afterAll(() => scratch.remove());

interface Typed {
  status: number | null;
  screen: string;
}

/** Runs tessera on a pseudo-terminal; each step waits for `after` to appear on it, then types `keys`. */
function onTerminal(args: string[], steps: { after: string; keys: string }[]): Promise<Typed> {
  const command = [process.execPath, MAIN, ...args].map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const { TESSERA_PASSWORD: _p, TESSERA_NEW_PASSWORD: _n, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, TESSERA_DEBUG: '' } });
    let screen = '';
    let seen = 0;
    const pending = [...steps];
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const step = pending[0];
      const at = step === undefined ? -1 : screen.indexOf(step.after, seen);
      if (step !== undefined && at >= 0) {
        pending.shift();
        seen = at + step.after.length;
        child.stdin.write(step.keys);
      }
    });
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, screen: screen.replaceAll('\r\n', '\n') }));
  });
}

describe.skipIf(!hasScript)('password prompt on a terminal', () => {
  it('asks without echo, says a wrong password, and asks again', async () => {
    const run = await onTerminal(
      ['decrypt', '--format', 'otpauth', backupPath],
      [
        { after: 'Password for vault.tessera: ', keys: 'not it\r' },
        { after: 'Password for vault.tessera: ', keys: `${PASSWORD}\r` },
      ],
    );
    expect(run.status).toBe(0);
    expect(run.screen).toContain(
      'Password for vault.tessera: \ntessera: wrong password, try again\nPassword for vault.tessera: \n',
    );
    expect(run.screen).toContain('otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP');
    expect(run.screen).not.toContain('not it');
    expect(run.screen).not.toContain(PASSWORD);
  });

  it('gives up after three wrong passwords with exit 2', async () => {
    const wrong = { after: 'Password for vault.tessera: ', keys: 'wrong\r' };
    const run = await onTerminal(['decrypt', backupPath], [wrong, wrong, wrong]);
    expect(run.status).toBe(2);
    expect(run.screen.match(/try again/g)).toHaveLength(2);
    expect(run.screen.trimEnd().split('\n').at(-1)).toBe('tessera: wrong password [wrong-password]');
  });

  it('cancels on Ctrl-C with exit 130 and leaves the terminal as it was', async () => {
    const run = await onTerminal(
      ['decrypt', backupPath],
      [{ after: 'Password for vault.tessera: ', keys: 'half\x03' }],
    );
    expect(run.status).toBe(130);
    expect(run.screen.trimEnd().split('\n').at(-1)).toBe('tessera: cancelled');
    expect(run.screen).not.toContain('half');
  });

  it('asks for a new password twice, with line editing, and writes the backup under it', async () => {
    const out = scratch.path('typed.tessera');
    const list = scratch.write(
      'one.txt',
      'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example\n',
    );
    const run = await onTerminal(
      ['import', '--out', out, '--kdf', FLOOR_KDF_OPTION, list],
      [
        { after: 'New password for typed.tessera: ', keys: 'first\r' },
        { after: 'Type it again: ', keys: 'other\r' },
        // Backspace (DEL) and Ctrl-U edit the line as a shell does; an arrow key is ignored.
        { after: 'New password for typed.tessera: ', keys: 'garbage\x15kiwi fruX\x7f\x1b[Dit 42\r' },
        { after: 'Type it again: ', keys: 'kiwi fruit 42\r' },
      ],
    );
    expect(run.status).toBe(0);
    expect(run.screen).toContain('tessera: the two passwords differ, try again\n');
    expect(run.screen).toContain(`tessera: wrote 1 entry to ${out} (mode 0600)`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    for (const typed of ['first', 'other', 'garbage', 'kiwi']) expect(run.screen).not.toContain(typed);

    const passwordFile = scratch.write('typed-password.txt', 'kiwi fruit 42');
    const opened = await tessera(['decrypt', '--format', 'otpauth', '--password-file', passwordFile, out]);
    expect(opened.status).toBe(0);
    expect(opened.stdout).toContain('secret=JBSWY3DPEHPK3PXP');
  });
});
