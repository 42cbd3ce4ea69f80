import { describe, expect, it } from 'vitest';
import { isTesseraError } from '../../src/errors.ts';
import { canonicalJson } from '../../src/vault/canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    const positions = [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ].map((value) => text.indexOf(value));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(text.startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')).toBe(true);
  });

  it('writes nested values without whitespace', () => {
    expect(canonicalJson({ b: [1, 'x', null, true, { d: false, c: [] }], a: {} })).toBe(
      '{"a":{},"b":[1,"x",null,true,{"c":[],"d":false}]}',
    );
  });

  it('escapes strings as JSON.stringify does (RFC 8785 §3.2.2.2)', () => {
    expect(canonicalJson('\u0000\u001f"\\\n\u2028é')).toBe('"\\u0000\\u001f\\"\\\\\\n\u2028é"');
  });

  it('refuses numbers other than safe integers', () => {
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      let caught: unknown;
      try {
        canonicalJson({ n });
      } catch (e) {
        caught = e;
      }
      expect(isTesseraError(caught, 'invalid-input')).toBe(true);
    }
  });
});
