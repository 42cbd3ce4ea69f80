import { TesseraError } from '../errors.ts';

// Every `error.code` the sync API answers with (docs/api.md, "Errors"), and its HTTP status.
// Clients branch on the code; the message is for people and may change.
export const API_ERRORS = Object.freeze({
  'malformed-json': 400, // the body is not JSON
  'invalid-body': 400, // JSON of the wrong shape, type, or out of a field's bounds
  'invalid-query': 400, // a query parameter of the wrong form
  'duplicate-change': 400, // one push names the same item twice
  'envelope-invalid': 400, // an envelope shorter than its header and tag, or of an unknown version
  'code-invalid': 400, // a wrong emailed code; the message says how many tries remain
  'code-expired': 400, // no code pending for this email, or it expired, or its tries ran out
  'code-used': 400, // an authenticator code whose time step was already used, or a used recovery code
  'credentials-invalid': 401, // unknown email or wrong authKey (deliberately the same answer)
  'session-invalid': 401, // missing, malformed, expired or revoked session token
  'deletion-proof-invalid': 403, // a purge whose proof is not the item's deletion secret: nothing purged
  'attempt-invalid': 401, // a sign-in attempt that is unknown, expired, completed or out of tries
  'not-found': 404,
  'session-not-found': 404, // revoking a session id the account does not have
  'erase-requested': 410, // this device was signed out and asked to erase itself: confirm, then wipe
  'session-is-current': 409, // erasing the caller's own device: sign out of it instead
  'method-not-allowed': 405, // the path exists; the `Allow` header lists its methods
  'cursor-invalid': 409, // a pull cursor beyond the account's latest change: pull again from "0"
  'vault-full': 409, // the push would exceed the items or tombstones per account
  'deletion-proof-unavailable': 409, // a purge of an item pushed without a deletion hash: push it with one first
  'method-unavailable': 409, // a two-factor method that is not on (or has no enrolment pending)
  'method-already-on': 409, // enrolling a two-factor method that is already on: turn it off first
  'body-too-large': 413,
  'envelope-too-large': 413,
  'too-many-changes': 413,
  'unsupported-media-type': 415, // a body that is not `application/json`
  'upgrade-required': 426, // the socket route without a WebSocket upgrade
  'rate-limited': 429, // see the `Retry-After` header (seconds)
  'internal-error': 500, // a bug: never the answer to anything a client sends
  'delivery-failed': 502, // the email or SMS provider refused or did not answer
  'server-misconfigured': 503, // a secret the deployment needs is missing
} as const);

export type ApiErrorCode = keyof typeof API_ERRORS;

export class SyncError extends TesseraError {
  declare readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(code, message);
    this.name = 'SyncError';
  }
}
