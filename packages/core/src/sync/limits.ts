import { ENVELOPE_OVERHEAD } from '../crypto/envelope.ts';

// Every bound the sync server enforces (docs/api.md, "Limits"). The web client reads the same
// numbers so it never builds a request the server is bound to refuse.
export const SYNC_LIMITS = Object.freeze({
  // One item's envelope: a padded record is a few hundred bytes; 64 KiB leaves room for long
  // notes while keeping a 500-change push and a 1,000-item page within a few MiB.
  envelopeMaxBytes: 64 * 1024,
  // version (1) || nonce (24) || tag (16): anything shorter cannot be an envelope.
  envelopeMinBytes: ENVELOPE_OVERHEAD,
  // The wrapped vault key is a 73-byte envelope today; the ceiling leaves room for a later version.
  wrappedVaultKeyMaxBytes: 1024,
  changesPerPush: 500,
  pushBodyMaxBytes: 4 * 1024 * 1024,
  // Every JSON body other than a push (sign-in, registration, password change).
  bodyMaxBytes: 16 * 1024,
  // Every item counts, "recently deleted" ones included: a deletion is a field inside the record.
  itemsPerAccount: 20_000,
  pullDefaultLimit: 500,
  pullMaxLimit: 1_000,
  deviceNameMaxLength: 64,
  // Each part of a device's kind (browser family, OS family: "Chrome", "Android"). Short enough
  // that no full user agent fits, long enough for "Samsung Internet" or "Chromium OS".
  deviceKindPartMaxLength: 24,
  // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets.
  emailMaxLength: 254,
});

// Lifetimes and attempt counts of codes and sessions (seconds unless named otherwise).
export const ACCOUNT_RULES = Object.freeze({
  codeDigits: 6,
  codeLifetimeSeconds: 10 * 60,
  codeTries: 5,
  // A session slides: every use moves its expiry this far into the future (a device left unused
  // for a month signs in again)...
  sessionIdleSeconds: 30 * 24 * 60 * 60,
  // ...but never past this long after it was made, however often it is used, so a stolen token
  // that is kept busy still dies (docs/api.md, "Authentication").
  sessionMaxSeconds: 90 * 24 * 60 * 60,
});

// Two-factor sign-in (docs/api.md, "Two-factor sign-in"). The server enforces these; the app reads
// them to word its screens ("5 tries", "resend in 30 s") and to format what the user types.
export const TWO_FACTOR_RULES = Object.freeze({
  // A correct password opens a sign-in attempt that must be completed within this time.
  attemptLifetimeSeconds: 10 * 60,
  // Wrong codes one attempt may take before it is dead and the password must be given again.
  attemptFailures: 10,
  // Open attempts kept per account; a newer one pushes out the oldest.
  openAttempts: 20,
  // Emailed and texted codes: 6 digits, single use, 10 minutes, 5 tries each.
  codeDigits: 6,
  codeLifetimeSeconds: 10 * 60,
  codeTries: 5,
  // Between two codes sent for one attempt or enrolment, and how many one attempt may ask for.
  resendAfterSeconds: 30,
  sendsPerAttempt: 5,
  // Codes sent per account per hour, sign-in and enrolment, email and SMS together.
  sendsPerHour: 10,
  // RFC 4226 §4 R6 asks for at least 128 bits; 160 bits is the HMAC-SHA1 block the RFC's own
  // examples use and what authenticator apps expect (32 base32 characters).
  authenticatorSecretBytes: 20,
  authenticatorIssuer: 'Tessera',
  authenticatorPeriod: 30,
  authenticatorDigits: 6,
  // RFC 6238 §5.2: one step of clock drift either side.
  authenticatorWindow: 1,
  recoveryCodeCount: 10,
  recoveryCodeLength: 10,
  // E.164: a country code and a subscriber number, at most 15 digits in all; nothing shorter
  // than 8 digits is a mobile number anywhere.
  phoneMinDigits: 8,
  phoneMaxDigits: 15,
});

// The WebSocket subprotocols (docs/api.md, "WebSocket"): the first names the protocol version,
// the second carries the session token, since browsers cannot set headers on a WebSocket.
export const SOCKET_PROTOCOL = 'tessera.v1';
export const SOCKET_TOKEN_PREFIX = 'tessera.token.';
