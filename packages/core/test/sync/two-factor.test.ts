import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { API_ERRORS } from '../../src/sync/errors.ts';
import { TWO_FACTOR_RULES } from '../../src/sync/limits.ts';
import {
  formatRecoveryCode,
  generateRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_ALPHABET,
} from '../../src/sync/recovery-code.ts';
import {
  OtpCodeSchema,
  PhoneSchema,
  SignInCodeRequestSchema,
  SignInVerifyRequestSchema,
  TwoFactorChangeResponseSchema,
  TwoFactorStatusSchema,
} from '../../src/sync/two-factor.ts';

const attempt = { email: 'Ann@Example.org', attemptId: 'AAAAAAAAAAAAAAAAAAAAAA' };

describe('recovery codes', () => {
  it("use Crockford's Base32 alphabet: 32 symbols, no i, l, o or u", () => {
    expect(RECOVERY_ALPHABET).toHaveLength(32);
    expect(new Set(RECOVERY_ALPHABET).size).toBe(32);
    expect(RECOVERY_ALPHABET).not.toMatch(/[ilou]/);
  });

  it('are 10 characters (50 bits), shown as two groups of five', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const code = generateRecoveryCode();
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{10}$/);
      seen.add(code);
      for (const ch of code) counts.set(ch, (counts.get(ch) ?? 0) + 1);
      expect(formatRecoveryCode(code)).toBe(`${code.slice(0, 5)}-${code.slice(5)}`);
    }
    expect(seen.size).toBe(2000);
    // 20,000 characters over 32 symbols: every symbol appears, none wildly more than 625 times.
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
    for (const n of counts.values()) expect(n).toBeLessThan(800);
  });

  it('are read leniently: any case, hyphens and spaces, o as 0, i and l as 1', () => {
    expect(normalizeRecoveryCode('7kq2m-x9df0')).toBe('7kq2mx9df0');
    expect(normalizeRecoveryCode(' 7KQ2M X9DFO ')).toBe('7kq2mx9df0');
    expect(normalizeRecoveryCode('ilL0o-ABCDE')).toBe('11100abcde');
    for (const bad of ['', '7kq2m', '7kq2m-x9df00', 'uuuuu-uuuuu', '7kq2m_x9df0', '７kq2m-x9df0', 'x'.repeat(100)]) {
      expect(normalizeRecoveryCode(bad), bad).toBeNull();
    }
  });
});

describe('two-factor request schemas', () => {
  it('take 6-digit codes, with spaces as people type them', () => {
    expect(v.parse(OtpCodeSchema, '123 456')).toBe('123456');
    expect(v.parse(OtpCodeSchema, '012345')).toBe('012345');
    for (const bad of ['12345', '1234567', '12345a', '', 123456, '１２３４５６'])
      expect(v.safeParse(OtpCodeSchema, bad).success, String(bad)).toBe(false);
  });

  it('take phone numbers in E.164 only: +, a country code not starting with 0, 8 to 15 digits', () => {
    expect(v.parse(PhoneSchema, '+44 (7700) 900-123')).toBe('+447700900123');
    expect(v.parse(PhoneSchema, '+1.202.555.0143')).toBe('+12025550143');
    expect(v.parse(PhoneSchema, `+1${'2'.repeat(TWO_FACTOR_RULES.phoneMinDigits - 1)}`)).toHaveLength(
      1 + TWO_FACTOR_RULES.phoneMinDigits,
    );
    expect(v.parse(PhoneSchema, `+1${'2'.repeat(TWO_FACTOR_RULES.phoneMaxDigits - 1)}`)).toHaveLength(
      1 + TWO_FACTOR_RULES.phoneMaxDigits,
    );
    for (const bad of [
      '447700900123',
      '+0447700900123',
      '+1234567',
      `+1${'2'.repeat(15)}`,
      '+44 7700 90012x',
      '++447700900123',
      '+44/7700900123',
    ]) {
      const result = v.safeParse(PhoneSchema, bad);
      expect(result.success, bad).toBe(false);
    }
  });

  it('tell the verify body of each method apart and normalise its code', () => {
    expect(v.parse(SignInVerifyRequestSchema, { ...attempt, method: 'totp', code: '123 456' })).toEqual({
      email: 'ann@example.org',
      attemptId: attempt.attemptId,
      method: 'totp',
      code: '123456',
    });
    expect(v.parse(SignInVerifyRequestSchema, { ...attempt, method: 'recovery', code: '7KQ2M-X9DFO' }).code).toBe(
      '7kq2mx9df0',
    );
    for (const bad of [
      { ...attempt, method: 'recovery', code: '123456' },
      { ...attempt, method: 'sms', code: '7kq2m-x9df0' },
      { ...attempt, method: 'password', code: '123456' },
      { ...attempt, method: 'totp', code: '123456', extra: 1 },
      { ...attempt, attemptId: 'short', method: 'totp', code: '123456' },
    ]) {
      expect(v.safeParse(SignInVerifyRequestSchema, bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(v.safeParse(SignInCodeRequestSchema, { ...attempt, method: 'totp' }).success).toBe(false);
    expect(v.parse(SignInCodeRequestSchema, { ...attempt, method: 'sms' }).method).toBe('sms');
  });
});

describe('two-factor responses', () => {
  it('read a status and a change answer as the server sends them (docs/api.md)', () => {
    const status = {
      on: true,
      methods: {
        totp: { state: 'on', enabledAt: 1795388574791 },
        email: { state: 'off', enabledAt: null, address: 'ann@example.org' },
        sms: { state: 'pending', enabledAt: null, phone: '+447700900123' },
        recovery: { state: 'on', enabledAt: 1795388574791, remaining: 9 },
      },
    };
    expect(v.parse(TwoFactorStatusSchema, status)).toEqual(status);
    const change = v.parse(TwoFactorChangeResponseSchema, { twoFactor: status, recoveryCodes: ['7kq2m-x9df0'] });
    expect(change.recoveryCodes).toEqual(['7kq2m-x9df0']);
    expect(
      v.safeParse(TwoFactorStatusSchema, {
        ...status,
        methods: { ...status.methods, totp: { state: 'maybe', enabledAt: null } },
      }).success,
    ).toBe(false);
  });

  it('have their error codes and statuses', () => {
    expect(API_ERRORS['attempt-invalid']).toBe(401);
    expect(API_ERRORS['code-used']).toBe(400);
    expect(API_ERRORS['method-unavailable']).toBe(409);
    expect(API_ERRORS['method-already-on']).toBe(409);
  });
});
