import { describe, expect, it } from 'vitest';
import {
  brandCandidates,
  brandForeground,
  brandKey,
  findBrand,
  hostNames,
  indexBrands,
} from '../src/lib/brand-match.ts';
import { brandIconSet } from '../scripts/brand-icons.ts';

// The matcher against the real Simple Icons set the build ships (scripts/brand-icons.ts).
const entries = brandIconSet();
const index = indexBrands(entries);
const slug = (hints: Parameters<typeof findBrand>[2]) => findBrand(entries, index, hints)?.slug ?? null;

describe('brand icons', () => {
  it('the set holds every Simple Icons entry with its colour and path', () => {
    expect(entries.length).toBeGreaterThan(3000);
    const github = entries.find((e) => e[0] === 'github');
    expect(github?.[1]).toBe('181717');
    expect(github?.[2]).toMatch(/^M/);
  });
  it('indexes each key to the entry that lists it earliest, the first entry on a tie', () => {
    // The rule spelled out slowly: rank by rank over the whole set, first come first served.
    const reference = new Map<string, number>();
    const longest = Math.max(...entries.map((e) => e[3].length));
    for (let rank = 0; rank < longest; rank++)
      entries.forEach((entry, at) => {
        const key = entry[3][rank];
        if (key && !reference.has(key)) reference.set(key, at);
      });
    expect(index.size).toBe(reference.size);
    for (const [key, at] of reference) expect(index.get(key), key).toBe(at);
  });
  it('normalises names as people write them', () => {
    expect(brandKey('Proton Mail')).toBe('protonmail');
    expect(brandKey('Crédit Agricole')).toBe('creditagricole');
    expect(brandKey('Google+')).toBe('googleplus');
  });
  it('reads the telling names from a site address', () => {
    expect(hostNames('https://accounts.google.com/signin')).toEqual(['google', 'accounts']);
    expect(hostNames('www.bbc.co.uk')).toEqual(['bbc']);
    expect(hostNames('http://127.0.0.1:8080')).toEqual([]);
    expect(hostNames('not a url')).toEqual([]);
  });
  it('matches the issuer first, then the site, then the title', () => {
    expect(slug({ issuer: 'GitHub' })).toBe('github');
    expect(slug({ issuer: 'github.com' })).toBe('github');
    expect(slug({ issuer: 'GitHub Enterprise' })).toBe('github');
    expect(slug({ url: 'https://accounts.google.com' })).toBe('google');
    expect(slug({ issuer: 'Proton Mail' })).toBe('protonmail');
    expect(slug({ title: 'Dropbox' })).toBe('dropbox');
    expect(slug({ issuer: 'GitLab', url: 'https://github.com' })).toBe('gitlab');
    expect(brandCandidates({ issuer: 'Acme Corp', url: 'https://login.acme.example', title: 'Work' })).toEqual([
      'acmecorp',
      'acme',
      'login',
      'work',
    ]);
  });
  it('finds nothing for a name no brand has', () => {
    expect(slug({ issuer: 'Harbour Mail', title: 'Harbour Mail' })).toBeNull();
    expect(slug({})).toBeNull();
  });
  it('draws the icon in black or white, whichever reads on the brand colour', () => {
    expect(brandForeground('181717')).toBe('#fff');
    expect(brandForeground('FFFFFF')).toBe('#000');
    expect(brandForeground('F7DF1E')).toBe('#000');
  });
});
