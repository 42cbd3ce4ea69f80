import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { PhoneSchema } from '@tessera/core/sync/two-factor';
import { checkPhone } from '../../src/screens/twofa/phone.ts';

// Numbers from the ranges set aside for drama and documentation (Ofcom 07700 900xxx, NANP 555-01xx).
const GOOD: [string, string][] = [
  ['+447700900123', '+447700900123'],
  ['+44 7700 900123', '+447700900123'],
  ['+44 (7700) 900-123', '+447700900123'],
  ['+1 415.555.0123', '+14155550123'],
  ['+12025550123', '+12025550123'],
  ['+4915123456789', '+4915123456789'],
  ['+61 491 570 006', '+61491570006'],
  ['  +33 6 12 34 56 78  ', '+33612345678'],
  ['+12345678', '+12345678'],
  ['+123456789012345', '+123456789012345'],
];

describe('checkPhone', () => {
  it('accepts E.164 numbers with the separators people write, and returns them bare', () => {
    for (const [typed, e164] of GOOD) expect(checkPhone(typed)).toEqual({ ok: true, e164 });
  });

  it('says what to change', () => {
    const message = (typed: string) => {
      const checked = checkPhone(typed);
      if (checked.ok) throw new Error(`${typed} was accepted`);
      return checked.message;
    };
    expect(message('')).toBe('Enter a mobile number.');
    expect(message('07700 900123')).toContain('+44 7700900123');
    expect(message('4155550123')).toContain('+1 4155550123');
    expect(message('0044 7700 900123')).toContain('+447700900123');
    expect(message('+0447700900123')).toContain('never starts with 0');
    expect(message('+44 7700 90012a')).toContain('“a”');
    expect(message('+44/7700900123')).toContain('“/”');
    expect(message('+44+7700900123')).toContain('only once');
    expect(message('+1234567')).toContain('too short');
    expect(message('+1234567890123456')).toContain('too long');
  });

  it('accepts exactly what the server accepts (PhoneSchema), and sends the same number', () => {
    const samples = [
      ...GOOD.map(([typed]) => typed),
      '',
      ' ',
      '+',
      '++447700900123',
      '+0',
      '07700900123',
      '0044 7700 900123',
      '447700900123',
      '+44_7700900123',
      '+44\u00a07700900123',
      '+1234567',
      '+12345678',
      '+1234567890123456',
      '+44 7700 9OO123',
      'tel:+447700900123',
      '+(44) 7700 900123',
      '+44-7700-900-123',
      '+44..7700900123',
      '(+44) 7700 900123',
      '+٤٤٧٧٠٠٩٠٠١٢٣',
    ];
    for (const typed of samples) {
      const server = v.safeParse(PhoneSchema, typed);
      const app = checkPhone(typed);
      expect({ typed, ok: app.ok }).toEqual({ typed, ok: server.success });
      if (app.ok && server.success) expect(app.e164).toBe(server.output);
    }
  });
});
