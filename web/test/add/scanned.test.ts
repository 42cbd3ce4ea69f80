import { formatMigrationUris } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import { describe, expect, it } from 'vitest';
import { AddError } from '../../src/add/errors.ts';
import { readScannedText } from '../../src/add/scanned.ts';

const otp: Otp = {
  type: 'totp',
  secret: new TextEncoder().encode('12345678901234567890'),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'Example',
  account: 'alice@example.com',
};

function refusal(text: string): AddError {
  try {
    readScannedText(text);
  } catch (error) {
    if (error instanceof AddError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readScannedText', () => {
  it('reads an otpauth:// link, with surrounding whitespace and any scheme case', () => {
    const read = readScannedText(`  ${formatOtpUri(otp).replace('otpauth', 'OTPAUTH')}\n`);
    expect(read.kind).toBe('otp');
    if (read.kind === 'otp')
      expect(read.otp).toMatchObject({ issuer: 'Example', account: 'alice@example.com', digits: 6 });
  });

  it('reads a steam:// link as a Steam OTP', () => {
    const read = readScannedText('steam://GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(read.kind === 'otp' && read.otp.type).toBe('steam');
  });

  it('reads a Google Authenticator export batch', () => {
    const [uri] = formatMigrationUris([otp, { ...otp, issuer: 'Other' }], { batchId: 42 });
    const read = readScannedText(uri!);
    expect(read.kind).toBe('migration');
    if (read.kind === 'migration') {
      expect(read.batch).toEqual({ index: 0, size: 1, id: 42 });
      expect(read.otps.map((o) => o.issuer)).toEqual(['Example', 'Other']);
    }
  });

  it('says a web link is a web page, naming its host but not its path', () => {
    const e = refusal('https://login.example.com/reset?token=SECRET123');
    expect(e.code).toBe('qr-web-link');
    expect(e.message).toContain('(login.example.com)');
    expect(e.message).not.toContain('SECRET123');
  });

  it('refuses other text without repeating it', () => {
    const e = refusal('WIFI:S:home;T:WPA;P:hunter2;;');
    expect(e.code).toBe('qr-not-otp');
    expect(e.message).toContain('otpauth://');
    expect(e.message).not.toContain('hunter2');
    expect(refusal('   ').message).toContain('empty');
  });
});
