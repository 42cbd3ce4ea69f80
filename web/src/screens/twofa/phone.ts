import { TWO_FACTOR_RULES } from '@tessera/core/sync/limits';

// A mobile number checked before it is sent, with a message that says what to change. The rule
// is the server's (PhoneSchema in @tessera/core/sync/two-factor, ITU-T E.164 §6): "+", a country
// code that never starts with 0, 8 to 15 digits in all; spaces, dots, hyphens and brackets between
// groups are dropped. test/twofa/phone.test.ts checks that both accept exactly the same numbers.
const { phoneMinDigits: MIN, phoneMaxDigits: MAX } = TWO_FACTOR_RULES;
const SEPARATORS = /[\s().-]+/g;

export const COUNTRY_CODE_HINT =
  'Start with + and the country code: +44 for the United Kingdom, +1 for the US and Canada, +49 for Germany, +61 for Australia.';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

export function checkPhone(typed: string): PhoneCheck {
  const phone = typed.replace(SEPARATORS, '');
  if (phone === '') return { ok: false, message: 'Enter a mobile number.' };
  const bad = /[^+\d]/.exec(phone);
  if (bad)
    return { ok: false, message: `A phone number holds only digits after the +; “${bad[0]}” cannot be part of one.` };
  if (phone.startsWith('00'))
    return { ok: false, message: `Write the international prefix 00 as +: ${phone.replace(/^00/, '+')}.` };
  if (!phone.startsWith('+')) {
    return phone.startsWith('0')
      ? {
          ok: false,
          message: `Add the country code: drop the first 0 and put + and the country code in front (for example +44 ${phone.slice(1)} in the United Kingdom).`,
        }
      : { ok: false, message: `Add + and the country code in front (for example +1 ${phone} in the US).` };
  }
  const digits = phone.slice(1);
  if (digits.includes('+')) return { ok: false, message: 'Use + only once, at the start.' };
  if (digits.startsWith('0'))
    return {
      ok: false,
      message:
        'A country code never starts with 0: after the +, type the country code, then the number without its leading 0.',
    };
  if (digits.length < MIN)
    return {
      ok: false,
      message: `That number is too short: with the country code a mobile number has at least ${MIN} digits.`,
    };
  if (digits.length > MAX)
    return {
      ok: false,
      message: `That number is too long: with the country code a phone number has at most ${MAX} digits.`,
    };
  return { ok: true, e164: phone };
}
