import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TesseraError } from '@tessera/core/errors';
import type { Strength } from '../src/lib/strength.ts';
import { createZxcvbn, rate } from '../src/lib/zxcvbn.ts';

// The rules every new-password form applies (components/NewPasswordFields.tsx), with the strength
// worker's own estimator called directly (a worker needs a browser; tests/e2e drives it there).
// `failing` makes the estimate fail as the worker's client does when the worker cannot start.
const zxcvbn = createZxcvbn();
const estimator = {
  failing: false,
  /** Resolves each estimate only when the test says so (null: at once). */
  gate: null as Promise<void> | null,
};
vi.mock('../src/services/strength-client.ts', () => ({
  async estimateStrength(password: string): Promise<Strength> {
    if (estimator.gate) await estimator.gate;
    if (estimator.failing)
      throw new TesseraError(
        'strength-check',
        'The password strength check could not start. Reload Tessera and try again.',
      );
    return rate(zxcvbn, password);
  },
}));
const { createNewPassword, MISMATCH, TOO_SHORT } = await import('../src/components/new-password.ts');

beforeEach(() => {
  estimator.failing = false;
  estimator.gate = null;
});

function typed(password: string, confirm = password, use: 'vault' | 'sync' | 'backup' = 'vault') {
  const field = createNewPassword(() => use);
  field.setPassword(password);
  field.setConfirm(confirm);
  return field;
}

describe('createNewPassword', () => {
  it('says nothing before the first submit, whatever is typed', () => {
    const field = typed('short', 'other');
    expect(field.problem()).toBeNull();
    expect(field.mismatch()).toBe(false);
  });

  it('refuses fewer than 8 characters, counting an emoji as one', async () => {
    const field = typed('abc😀def');
    expect(await field.check()).toBe(false);
    expect(field.problem()).toBe(TOO_SHORT);
    expect(TOO_SHORT).toBe('Use at least 8 characters.');
  });

  it('puts a differing confirmation under its field, alone, and follows the typing after it', async () => {
    const field = typed('correct horse battery', 'correct horse batter');
    expect(await field.check()).toBe(false);
    expect(field.mismatch()).toBe(true);
    expect(MISMATCH).toBe('The two passwords do not match.');
    // One alert at a time: the form-level problem waits while the fields differ.
    expect(field.problem()).toBeNull();
    field.setConfirm('correct horse battery');
    expect(field.mismatch()).toBe(false);
  });

  it('refuses a password weaker than its use needs, in the words of lib/strength.ts', async () => {
    const vault = typed('Summer2024!');
    expect(await vault.check()).toBe(true);
    const sync = typed('Summer2024!', 'Summer2024!', 'sync');
    expect(await sync.check()).toBe(false);
    expect(sync.problem()).toMatch(/^This password is fair; it must be at least strong for a vault that syncs/);
    // A verdict on the old password is not shown under a new one.
    sync.setPassword('Summer2024!?');
    expect(sync.problem()).toBeNull();
  });

  it('does not accept a password typed over while the last one was rated', async () => {
    let release!: () => void;
    estimator.gate = new Promise((resolve) => {
      release = resolve;
    });
    const field = typed('correct horse battery');
    const checking = field.check();
    field.setPassword('correct horse battery staple');
    release();
    expect(await checking).toBe(false);
  });

  it('stops with the readable error when the strength check cannot start', async () => {
    estimator.failing = true;
    const field = typed('correct horse battery');
    expect(await field.check()).toBe(false);
    expect(field.problem()).toBe('The password strength check could not start. Reload Tessera and try again.');
  });

  it('forgets both fields and the check once the password was used', async () => {
    const field = typed('correct horse battery');
    expect(await field.check()).toBe(true);
    field.clear();
    expect([field.password(), field.confirm(), field.problem(), field.mismatch()]).toEqual(['', '', null, false]);
  });
});
