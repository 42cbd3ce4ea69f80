import { describe, expect, it } from 'vitest';
import { expectOneLineError, tessera } from './run.ts';

describe('tessera parse', () => {
  it('prints the normalized entry as JSON, the secret in base32', async () => {
    const run = await tessera([
      'parse',
      'otpauth://TOTP/ACME%20Co:john.doe@email.com?Secret=hxdm-vjec-jjws-rb3h-wizr-4ifu-gftm-xboz&issuer=ACME+Co&algorithm=sha256',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      type: 'totp',
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      algorithm: 'SHA256',
      digits: 6,
      period: 30,
      counter: 0,
      uri: 'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=6&period=30',
    });
  });

  it('recognises Steam and reads standard input', async () => {
    const run = await tessera(['parse', '-'], 'otpauth://totp/Steam:gaben?secret=JBSWY3DPEHPK3PXP\n');
    expect(JSON.parse(run.stdout)).toMatchObject({
      type: 'steam',
      issuer: 'Steam',
      account: 'gaben',
      digits: 5,
      period: 30,
      secret: 'JBSWY3DPEHPK3PXP',
    });
  });

  const cases: [string, string][] = [
    ['otpauth://totp/x', 'missing-secret'],
    ['otpauth://motp/x?secret=JBSWY3DP', 'unknown-type'],
    ['otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5', 'unsupported-algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DP&period=0', 'period-out-of-range'],
    ['otpauth://hotp/x?secret=JBSWY3DP', 'missing-counter'],
    ['otpauth://totp/%E0%A4%A?secret=JBSWY3DP', 'bad-label'],
    ['otpauth-migration://offline?data=CgA%3D', 'not-otpauth-uri'],
  ];
  for (const [uri, code] of cases) {
    it(`refuses ${uri} with exit 2, one line and ${code}`, async () => {
      expect(expectOneLineError(await tessera(['parse', uri]))).toMatch(new RegExp(`^tessera: .+ \\[${code}\\]$`));
    });
  }
});
