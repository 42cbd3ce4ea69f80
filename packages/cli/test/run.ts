import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

// The password variables of whoever runs the tests never reach the CLI under test.
const {
  TESSERA_PASSWORD: _password,
  TESSERA_NEW_PASSWORD: _newPassword,
  TESSERA_RECOVERY_KEY: _recoveryKey,
  ...inherited
} = process.env;

/**
 * Runs the real `tessera` entry point with this Node, as `npm run tessera` does. The child gets
 * a session of its own (detached), so it has no controlling terminal even when the tests are run
 * from one: a command that would ask for a password refuses instead of waiting for a person.
 */
export function tessera(args: string[], stdin?: string | Uint8Array, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      detached: true,
      env: { ...inherited, TESSERA_DEBUG: '', ...env },
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (status === null) reject(new Error(`tessera ended by ${signal}`));
      else
        resolve({
          status,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
    });
    // A command that fails before reading its input closes the pipe; that is its answer, not the test's error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin ?? '');
  });
}

/** A user error: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
export function expectOneLineError(run: Run): string {
  if (run.status !== 2) throw new Error(`expected exit 2, got ${run.status}: ${run.stderr}`);
  if (run.stdout !== '') throw new Error(`expected no output, got ${JSON.stringify(run.stdout)}`);
  const lines = run.stderr.split('\n');
  if (lines.length !== 2 || lines[1] !== '' || !lines[0]!.startsWith('tessera: ')) {
    throw new Error(`expected one 'tessera: ' line on stderr, got ${JSON.stringify(run.stderr)}`);
  }
  if (/\n\s+at /.test(run.stderr) || run.stderr.includes('.ts:'))
    throw new Error(`stack trace on stderr: ${run.stderr}`);
  return lines[0]!;
}
