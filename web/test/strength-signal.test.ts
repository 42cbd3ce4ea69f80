import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createStrength } from '../src/components/strength-signal.ts';
import type { Strength, StrengthLevel } from '../src/lib/strength.ts';

// The meter's signal (src/components/strength-signal.ts): pending while the verdict for what was
// typed is still coming, and never pending for ever when the strength worker cannot answer.
const verdict = (level: StrengthLevel): Strength => ({
  level,
  guessesLog10: 2 * level,
  label: `level ${level}`,
  hint: '',
});

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('createStrength', () => {
  it('is pending until the verdict for the current password arrives', async () => {
    let answer!: (s: Strength) => void;
    await createRoot(async (dispose) => {
      const [password, setPassword] = createSignal('');
      const meter = createStrength(password, () => new Promise((resolve) => (answer = resolve)));
      setPassword('hunter2');
      await settle();
      expect(meter.pending()).toBe(true);
      answer(verdict(1));
      await settle();
      expect(meter.pending()).toBe(false);
      expect(meter.strength()?.level).toBe(1);
      dispose();
    });
  });

  it('stops being pending when the worker cannot answer, and asks again on the next keystroke', async () => {
    let calls = 0;
    await createRoot(async (dispose) => {
      const [password, setPassword] = createSignal('');
      const meter = createStrength(password, async (typed) => {
        calls++;
        if (typed === 'first') throw new Error('the strength worker could not start');
        return verdict(3);
      });
      setPassword('first');
      await settle();
      expect(meter.pending()).toBe(false);
      expect(meter.strength()).toBeUndefined();
      setPassword('second');
      await settle();
      expect(meter.strength()?.level).toBe(3);
      expect(meter.pending()).toBe(false);
      dispose();
    });
    expect(calls).toBe(2);
  });
});
