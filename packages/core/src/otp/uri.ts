import { base32Decode, base32Encode } from './base32.ts';
import { splitLabel } from './label.ts';
import {
  checkOtp,
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  OtpError,
  STEAM_DIGITS,
  STEAM_PERIOD,
  type Otp,
  type OtpAlgorithm,
  type OtpType,
} from './types.ts';

// Google's Key Uri Format: otpauth://TYPE/LABEL?PARAMETERS. Only these parameters mean anything
// here; others (image, color, ...) are ignored, as other authenticators do.
const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder']);
const URI_TYPES: Record<string, OtpType> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };
const ALGORITHM_NAMES = /^(?:HMAC-?)?SHA-?(1|256|512)$/i;
const STEAM_ISSUER = 'Steam';

/**
 * Parses `otpauth://totp|hotp|steam/LABEL?secret=...` and `steam://SECRET` into a checked Otp.
 * Scheme, type, parameter names and algorithm values are case-insensitive; the label is
 * percent-decoded and split by splitLabel; query values are form-decoded (`+` is a space).
 * Each way a URI can be wrong has its own OtpError code (docs/core/otp.md).
 */
export function parseOtpUri(uri: string): Otp {
  if (typeof uri !== 'string') throw new OtpError('not-otpauth-uri', 'expected an otpauth:// URI as text');
  const text = uri.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'steam') return parseSteamUri(text.slice('steam:'.length));
  if (scheme !== 'otpauth' || !text.startsWith('//', 'otpauth:'.length)) {
    const hint =
      scheme === 'otpauth-migration' ? ' (this is a Google Authenticator export: read it as a migration URI)' : '';
    throw new OtpError('not-otpauth-uri', `not an otpauth:// URI${hint}`);
  }
  const rest = text.slice('otpauth://'.length).split('#', 1)[0]!;
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const slash = path.indexOf('/');
  const typeName = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  const params = parseQuery(queryAt < 0 ? '' : rest.slice(queryAt + 1));

  let type = Object.hasOwn(URI_TYPES, typeName) ? URI_TYPES[typeName] : undefined;
  if (type === undefined)
    throw new OtpError('unknown-type', `unknown OTP type ${quote(typeName)}: expected totp, hotp or steam`);
  const { issuer, account } = splitLabel(decodeLabel(slash < 0 ? '' : path.slice(slash + 1)), params.get('issuer'));
  const secret = parseSecret(params.get('secret'));
  const digitsParam = params.get('digits');

  // Steam Guard has no type of its own in Google's format: Aegis writes otpauth://steam/,
  // KeePassXC writes encoder=steam, and plain TOTP URIs made for Steam carry issuer=Steam
  // (taken as Steam unless they ask for 6..8 decimal digits outright).
  if (type !== 'steam' && params.get('encoder')?.toLowerCase() === 'steam') type = 'steam';
  if (
    type === 'totp' &&
    issuer.toLowerCase() === STEAM_ISSUER.toLowerCase() &&
    (digitsParam === undefined || digitsParam === String(STEAM_DIGITS))
  )
    type = 'steam';

  if (type === 'steam') {
    return checkOtp({
      type,
      secret,
      algorithm: 'SHA1',
      digits: STEAM_DIGITS,
      period: STEAM_PERIOD,
      counter: 0,
      issuer,
      account,
    });
  }
  const algorithm = parseAlgorithm(params.get('algorithm'));
  const digits = parseWhole(digitsParam, DEFAULT_DIGITS, 'digits-out-of-range', 'digits');
  if (type === 'hotp') {
    const counterParam = params.get('counter');
    if (counterParam === undefined) throw new OtpError('missing-counter', 'a hotp URI needs a counter parameter');
    const counter = parseWhole(counterParam, 0, 'invalid-counter', 'counter');
    return checkOtp({ type, secret, algorithm, digits, period: DEFAULT_PERIOD, counter, issuer, account });
  }
  const period = parseWhole(params.get('period'), DEFAULT_PERIOD, 'period-out-of-range', 'period');
  return checkOtp({ type, secret, algorithm, digits, period, counter: 0, issuer, account });
}

/**
 * Writes the otpauth:// URI of `otp`: label `Issuer:account` (each part percent-encoded, the
 * colon literal), then secret (base32, unpadded), issuer, algorithm, digits and period or
 * counter, always explicit. Steam is written as KeePassXC does,
 * `otpauth://totp/...&digits=5&period=30&encoder=steam`, so the label and issuer survive (a
 * `steam://` URI has room for the secret only).
 */
export function formatOtpUri(otp: Otp): string {
  checkOtp(otp);
  const label =
    otp.issuer === '' && !otp.account.includes(':')
      ? encode(otp.account)
      : `${encode(otp.issuer)}:${encode(otp.account)}`;
  const params = [`secret=${base32Encode(otp.secret)}`];
  if (otp.issuer !== '') params.push(`issuer=${encode(otp.issuer)}`);
  params.push(`algorithm=${otp.algorithm}`, `digits=${otp.digits}`);
  params.push(otp.type === 'hotp' ? `counter=${otp.counter}` : `period=${otp.period}`);
  if (otp.type === 'steam') params.push('encoder=steam');
  return `otpauth://${otp.type === 'hotp' ? 'hotp' : 'totp'}/${label}?${params.join('&')}`;
}

// Bitwarden's form: steam://SECRET, the secret in base32, nothing else.
function parseSteamUri(rest: string): Otp {
  if (!rest.startsWith('//')) throw new OtpError('not-otpauth-uri', 'a steam URI must be steam://SECRET');
  const secret = parseSecret(decodeComponent(rest.slice(2).split(/[?#]/, 1)[0]!, 'bad-parameter', 'the steam secret'));
  return checkOtp({
    type: 'steam',
    secret,
    algorithm: 'SHA1',
    digits: STEAM_DIGITS,
    period: STEAM_PERIOD,
    counter: 0,
    issuer: STEAM_ISSUER,
    account: '',
  });
}

function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decodeComponent(
      rawName.replaceAll('+', ' '),
      'bad-parameter',
      `parameter name ${quote(rawName)}`,
    ).toLowerCase();
    if (!KNOWN_PARAMETERS.has(name)) continue;
    // Two different secrets (or issuers, ...) in one URI mean a mangled or forged code: refuse
    // rather than guess which one the user meant.
    if (params.has(name)) throw new OtpError('duplicate-parameter', `the ${name} parameter appears more than once`);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    params.set(name, decodeComponent(value.replaceAll('+', ' '), 'bad-parameter', `the ${name} parameter`).trim());
  }
  for (const [name, value] of params) if (value === '' && name !== 'secret') params.delete(name);
  return params;
}

function parseSecret(value: string | undefined): Uint8Array {
  if (value === undefined || value === '') throw new OtpError('missing-secret', 'the URI has no secret parameter');
  let secret: Uint8Array;
  try {
    secret = base32Decode(value);
  } catch (e) {
    throw new OtpError('invalid-secret', `the secret is not valid base32: ${(e as Error).message}`);
  }
  if (secret.length === 0) throw new OtpError('invalid-secret', 'the secret holds no bytes');
  return secret;
}

function parseAlgorithm(value: string | undefined): OtpAlgorithm {
  if (value === undefined) return DEFAULT_ALGORITHM;
  const match = ALGORITHM_NAMES.exec(value);
  if (match === null)
    throw new OtpError(
      'unsupported-algorithm',
      `unsupported algorithm ${quote(value)}: expected SHA1, SHA256 or SHA512`,
    );
  return `SHA${match[1]}` as OtpAlgorithm;
}

function parseWhole(
  value: string | undefined,
  fallback: number,
  code: 'digits-out-of-range' | 'period-out-of-range' | 'invalid-counter',
  name: string,
): number {
  if (value === undefined) return fallback;
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new OtpError(code, `${name} must be a whole number, got ${quote(value)}`);
  return number;
}

function decodeLabel(raw: string): string {
  return decodeComponent(raw, 'bad-label', 'the label');
}

function decodeComponent(raw: string, code: 'bad-label' | 'bad-parameter', what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new OtpError(code, `${what} has broken percent-encoding`);
  }
}

function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new OtpError('bad-label', 'the issuer or account is not valid Unicode text');
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
