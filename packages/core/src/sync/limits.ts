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
  itemsPerAccount: 20_000,
  // Deleted items stay as tombstones so other devices learn of the deletion; they are bounded
  // separately so deleting never fails for want of room for live items.
  tombstonesPerAccount: 20_000,
  pullDefaultLimit: 500,
  pullMaxLimit: 1_000,
  deviceNameMaxLength: 64,
  // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets.
  emailMaxLength: 254,
});

// Lifetimes and attempt counts of codes and sessions (seconds unless named otherwise).
export const ACCOUNT_RULES = Object.freeze({
  codeDigits: 6,
  codeLifetimeSeconds: 10 * 60,
  codeTries: 5,
  // A session slides: every use moves its expiry this far into the future.
  sessionLifetimeSeconds: 30 * 24 * 60 * 60,
});

// The WebSocket subprotocols (docs/api.md, "WebSocket"): the first names the protocol version,
// the second carries the session token, since browsers cannot set headers on a WebSocket.
export const SOCKET_PROTOCOL = 'tessera.v1';
export const SOCKET_TOKEN_PREFIX = 'tessera.token.';
