import { describe, expect, it } from 'vitest';
import { MIN_LEVEL, strengthRefusal } from '../src/lib/strength.ts';
import { createZxcvbn, rate } from '../src/lib/zxcvbn.ts';

// The strength worker's own estimator, called directly (a worker needs a browser; the e2e
// tests drive it there).
const zxcvbn = createZxcvbn();
const estimateStrength = async (password: string) => rate(zxcvbn, password);

// The examples of issue 19, which the earlier home-made meter got wrong ("correct horse battery"
// was "Very strong", the keyboard walks only "Fair"), rated as zxcvbn-ts 4.2 with its common and
// English dictionaries rates them.
const ZXCVBN_SCORES: [string, number][] = [
  ['Summer2024!', 2],
  ['correct horse battery', 4],
  ['P@ssw0rd2024!', 2],
  ['1q2w3e4r5t6y', 1],
  ['zaq1@WSXcde3', 2],
  ['password1', 0],
  ['violet tractor 42 meadow lantern', 4],
];

describe('rate (zxcvbn-ts)', () => {
  it.each(ZXCVBN_SCORES)('rates %j with score %i', async (password, score) => {
    expect((await estimateStrength(password)).level).toBe(score);
  });

  it('explains what gives a password away', async () => {
    expect((await estimateStrength('1q2w3e4r5t6y')).hint).toContain('commonly used password');
    expect((await estimateStrength('P@ssw0rd2024!')).hint).toMatch(/substitutions/);
  });

  it('an empty password is very weak', async () => {
    expect(await estimateStrength('')).toMatchObject({ level: 0, label: 'Very weak' });
  });
});

describe('strengthRefusal', () => {
  it('lets a fair password keep a vault on this device but not sync or back it up', async () => {
    const fair = await estimateStrength('Summer2024!');
    expect(strengthRefusal(fair, 'vault')).toBeNull();
    expect(strengthRefusal(fair, 'sync')).toMatch(
      /^This password is fair; it must be at least strong for a vault that syncs/,
    );
    expect(strengthRefusal(fair, 'backup')).toMatch(/must be at least strong for a backup file/);
  });
  it('refuses a weak password everywhere and accepts a very strong one everywhere', async () => {
    const weak = await estimateStrength('1q2w3e4r5t6y');
    const strong = await estimateStrength('violet tractor 42 meadow lantern');
    for (const use of Object.keys(MIN_LEVEL) as (keyof typeof MIN_LEVEL)[]) {
      expect(strengthRefusal(weak, use), use).not.toBeNull();
      expect(strengthRefusal(strong, use), use).toBeNull();
    }
  });
});
