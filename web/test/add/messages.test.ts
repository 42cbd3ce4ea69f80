import { TesseraError } from '@tessera/core/errors';
import { base32Decode } from '@tessera/core/otp/base32';
import { parseMigrationUri } from '@tessera/core/otp/migration';
import { checkOtp, type OtpErrorCode } from '@tessera/core/otp/types';
import { parseOtpUri } from '@tessera/core/otp/uri';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { describeProblem } from '../../src/add/messages.ts';

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

// Real failures from core for every way a link can be wrong, and the sentence the user reads.
const cases: Array<[string, string, OtpErrorCode, string]> = [
  [
    'a bad secret character',
    'otpauth://totp/Example?secret=JBSW0Y3DP',
    'invalid-secret',
    'The secret key in this code cannot be used',
  ],
  [
    'an empty secret',
    'otpauth://totp/Example?secret=====',
    'invalid-secret',
    'The secret key in this code cannot be used',
  ],
  ['another scheme', 'otpauth:/totp/Example?secret=JBSWY3DP', 'not-otpauth-uri', 'should start with otpauth://'],
  ['an unknown type', 'otpauth://motp/Example?secret=JBSWY3DP', 'unknown-type', 'TOTP, HOTP and Steam'],
  ['no secret', 'otpauth://totp/Example?issuer=Example', 'missing-secret', 'no secret key'],
  ['MD5', 'otpauth://totp/Example?secret=JBSWY3DP&algorithm=MD5', 'unsupported-algorithm', 'SHA1, SHA256 and SHA512'],
  ['nine digits', 'otpauth://totp/Example?secret=JBSWY3DP&digits=9', 'digits-out-of-range', '6 to 8'],
  ['a zero period', 'otpauth://totp/Example?secret=JBSWY3DP&period=0', 'period-out-of-range', 'time period'],
  ['a HOTP link without counter', 'otpauth://hotp/Example?secret=JBSWY3DP', 'missing-counter', 'no counter value'],
  [
    'a negative counter',
    'otpauth://hotp/Example?secret=JBSWY3DP&counter=-1',
    'invalid-counter',
    'counter value is not valid',
  ],
  [
    'a repeated parameter',
    'otpauth://totp/Example?secret=JBSWY3DP&secret=JBSWY3DP',
    'duplicate-parameter',
    'same setting twice',
  ],
];

describe('describeProblem', () => {
  it.each(cases)('explains %s in user words and keeps core’s precise text as the detail', (_, uri, code, words) => {
    const error = errorOf(() => parseOtpUri(uri));
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe(code);
    const problem = describeProblem(error);
    expect(problem.message).toContain(words);
    expect(problem.detail).not.toBeNull();
    expect(problem.detail!.toLowerCase()).toContain((error as Error).message.toLowerCase());
  });

  it('names the bad character of a secret in the detail', () => {
    const problem = describeProblem(errorOf(() => parseOtpUri('otpauth://totp/Example?secret=JBSW0Y3DP')));
    expect(problem.detail).toContain("'0'");
    expect(problem.detail).toContain('position 5');
  });

  it('explains damaged and foreign exports', () => {
    expect(describeProblem(errorOf(() => parseMigrationUri('otpauth-migration://offline?data=%%%'))).message).toContain(
      'damaged or cut short',
    );
    expect(describeProblem(errorOf(() => parseMigrationUri('otpauth://totp/x?secret=JBSWY3DP'))).message).toContain(
      'otpauth-migration://',
    );
  });

  it('explains a setup key core refuses', () => {
    const problem = describeProblem(errorOf(() => base32Decode('JBSW 1Y3D')));
    expect(problem.message).toContain('setup keys use only the letters A–Z and the digits 2–7');
    expect(problem.detail).toContain("'1'");
  });

  it('explains a secret that is too long', () => {
    const error = errorOf(() =>
      checkOtp({
        type: 'totp',
        secret: new Uint8Array(2000),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: '',
        account: '',
      }),
    );
    expect(describeProblem(error).message).toContain('The secret key in this code cannot be used');
    expect(describeProblem(error).detail).toContain('1024 bytes');
  });

  it('passes the add flow’s own messages through unchanged', () => {
    const error = new AddError('image-no-qr', 'No QR code was found in this picture.');
    expect(describeProblem(error)).toEqual({ message: 'No QR code was found in this picture.', detail: null });
  });

  it('makes a sentence of any other typed error, and never an empty message', () => {
    expect(describeProblem(new TesseraError('vault-locked', 'the vault is locked'))).toEqual({
      message: 'The vault is locked.',
      detail: null,
    });
    expect(describeProblem(new TesseraError('odd', '')).message).toBe('Failed (odd).');
  });

  it('says plainly when something unexpected broke', () => {
    expect(describeProblem(new TypeError('x is undefined'))).toEqual({
      message: 'Something went wrong.',
      detail: 'X is undefined.',
    });
    expect(describeProblem('boom')).toEqual({ message: 'Something went wrong.', detail: 'Boom.' });
    expect(describeProblem(new Error(''))).toEqual({ message: 'Something went wrong.', detail: null });
  });
});
