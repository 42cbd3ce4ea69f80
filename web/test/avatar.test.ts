import { describe, expect, it } from 'vitest';
import { avatarHue, avatarLetter } from '../src/lib/avatar.ts';

describe('avatar', () => {
  it('takes the first letter or digit, upper-cased', () => {
    expect(avatarLetter('github')).toBe('G');
    expect(avatarLetter('  @ændring')).toBe('Æ');
    expect(avatarLetter('1Password')).toBe('1');
    expect(avatarLetter('***')).toBe('?');
  });
  it('gives a stable hue that ignores case and surrounding spaces', () => {
    expect(avatarHue('GitHub')).toBe(avatarHue(' github '));
    const hues = new Set(
      ['GitHub', 'Google', 'Microsoft', 'Dropbox', 'Slack', 'AWS', 'Stripe', 'Figma'].map(avatarHue),
    );
    expect(hues.size).toBeGreaterThan(3);
  });
});
