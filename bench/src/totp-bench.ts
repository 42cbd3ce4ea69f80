import { totp } from '@tessera/core/otp/totp';
import { medianMs, type Row } from './measure.ts';

const CODES = 1000;
// RFC 6238 Appendix B seed for SHA-1 ("12345678901234567890").
const secret = new TextEncoder().encode('12345678901234567890');

export async function totpRows(): Promise<Row[]> {
  // RFC 6238 Appendix B: T = 59 s gives 94287082 with 8 digits; a wrong result must not be timed.
  if (totp(secret, 59, { digits: 8 }) !== '94287082') throw new Error('totp does not match RFC 6238 Appendix B');
  const ms = await medianMs(5, () => {
    for (let i = 0; i < CODES; i++) totp(secret, 1_700_000_000 + 30 * i);
  });
  return [
    {
      task: `${CODES.toLocaleString('en')} TOTP codes`,
      implementation: '@tessera/core otp/totp',
      params: 'SHA1, 6 digits, 30 s',
      ms,
      rate: `${Math.round((CODES / ms) * 1000).toLocaleString('en')} codes/s`,
    },
  ];
}
