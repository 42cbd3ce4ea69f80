import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import type { BrandEntry } from '../src/lib/brand-match.ts';
import { createBrandIcons } from '../src/services/brand-icons.ts';

// The icon set's loading (src/services/brand-icons.ts): read once, ahead of the first lookup when
// asked to (the unlock screen does), never when icons are off, and a failed read leaves letters.
const GITHUB: BrandEntry = ['github', '181717', 'M0 0h24v24H0z', ['github']];

describe('createBrandIcons', () => {
  it('prepare loads the set once, so the first lookup already finds its icon', async () => {
    let loads = 0;
    const icons = createBrandIcons(
      () => true,
      async () => {
        loads++;
        return [GITHUB];
      },
    );
    await Promise.all([icons.prepare(), icons.prepare()]);
    expect(loads).toBe(1);
    expect(icons.find({ issuer: 'GitHub' })).toMatchObject({ slug: 'github' });
    expect(loads).toBe(1);
  });

  it('with icons off, prepare reads nothing and lookups give letters', async () => {
    const [enabled, setEnabled] = createSignal(false);
    let loads = 0;
    const icons = createBrandIcons(enabled, async () => {
      loads++;
      return [GITHUB];
    });
    await icons.prepare();
    expect(icons.find({ issuer: 'GitHub' })).toBeNull();
    expect(loads).toBe(0);
    // Turned on later: the first lookup starts the read.
    setEnabled(true);
    expect(icons.find({ issuer: 'GitHub' })).toBeNull();
    await icons.prepare();
    expect(loads).toBe(1);
    expect(icons.find({ issuer: 'GitHub' })).toMatchObject({ slug: 'github' });
  });

  it('a set that cannot be read leaves letters, and prepare still resolves', async () => {
    const icons = createBrandIcons(
      () => true,
      () => Promise.reject(new Error('offline')),
    );
    await expect(icons.prepare()).resolves.toBeUndefined();
    expect(icons.find({ issuer: 'GitHub' })).toBeNull();
  });
});
