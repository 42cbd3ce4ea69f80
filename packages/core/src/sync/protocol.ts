import * as v from 'valibot';
import { fromBase64url } from '../crypto/bytes.ts';
import { ENVELOPE_VERSION } from '../crypto/envelope.ts';
import { KDF_LIMITS } from '../crypto/kdf.ts';
import { SYNC_LIMITS } from './limits.ts';

// Request and response bodies of the sync API (docs/api.md), shared by the worker, which
// validates requests at the edge, and the web client, which validates responses before trusting
// them. Requests are strict objects: an unknown field is refused rather than silently ignored.
// Responses are plain objects so an older client still reads a newer server's answers.
// Binary fields travel as unpadded base64url (RFC 4648 §5) and come out of these schemas as bytes.

function bytes(name: string, minBytes: number, maxBytes: number) {
  return v.pipe(
    v.string(`${name} must be a string`),
    v.maxLength(Math.ceil((maxBytes * 4) / 3), `${name} is longer than ${maxBytes} bytes`),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      let out: Uint8Array;
      try {
        out = fromBase64url(dataset.value);
      } catch {
        addIssue({ message: `${name} must be unpadded base64url` });
        return NEVER;
      }
      if (out.length < minBytes || out.length > maxBytes) {
        const size = minBytes === maxBytes ? `${minBytes}` : `${minBytes} to ${maxBytes}`;
        addIssue({ message: `${name} must be ${size} bytes` });
        return NEVER;
      }
      return out;
    }),
  );
}

function integerIn(name: string, min: number, max: number) {
  return v.pipe(
    v.number(`${name} must be a number`),
    v.integer(`${name} must be an integer`),
    v.minValue(min, `${name} must be at least ${min}`),
    v.maxValue(max, `${name} must be at most ${max}`),
  );
}

// 16 random bytes as 22 base64url characters (crypto/random.ts randomId): vaults, items, sessions.
// The refusal names the id (ids are not secret; a long one is cut short), so a client that
// made a wrong one sees which.
export const IdSchema = v.pipe(
  v.string('id must be a string'),
  v.regex(
    /^[A-Za-z0-9_-]{22}$/,
    (issue) => `id ${quoteId(issue.input)} is not 22 base64url characters (A-Z a-z 0-9 _ -)`,
  ),
);

function quoteId(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
}

// Emails are compared as trimmed lowercase text: the same person typing "Ann@Example.org " on
// one device and "ann@example.org" on another reaches the same account.
export const EmailSchema = v.pipe(
  v.string('email must be a string'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(SYNC_LIMITS.emailMaxLength, `email must be at most ${SYNC_LIMITS.emailMaxLength} characters`),
  v.email('email is not a valid address'),
);

export const DeviceNameSchema = v.pipe(
  v.string('deviceName must be a string'),
  v.trim(),
  v.minLength(1, 'deviceName must not be empty'),
  v.maxLength(
    SYNC_LIMITS.deviceNameMaxLength,
    `deviceName must be at most ${SYNC_LIMITS.deviceNameMaxLength} characters`,
  ),
  v.regex(/^[^\p{Cc}\p{Cf}]*$/u, 'deviceName must not contain control characters'),
);

// What kind of device a session is (issue 21): its browser family and OS family, as the app
// derived them ("Chrome", "Android"), so two devices both named "Phone" can be told apart. An
// object rather than one string, so every client words it its own way ("Chrome on Android") and
// each part has its own bound. Deliberately coarse: names only, never a user agent or a version.
// The allowed characters (letters, digits, space and . - _ ( ) +) leave out the "/" and ";" of a
// user agent; a value outside them is refused with invalid-body, as any other malformed optional
// field (recovery, deletionHash) is.
function deviceKindPart(name: string) {
  return v.pipe(
    v.string(`deviceKind.${name} must be a string`),
    v.trim(),
    v.minLength(1, `deviceKind.${name} must not be empty`),
    v.maxLength(
      SYNC_LIMITS.deviceKindPartMaxLength,
      `deviceKind.${name} must be at most ${SYNC_LIMITS.deviceKindPartMaxLength} characters`,
    ),
    v.regex(/^[\p{L}\p{M}\p{N} ._()+-]+$/u, `deviceKind.${name} may hold only letters, digits, spaces and . - _ ( ) +`),
  );
}
export const DeviceKindSchema = v.strictObject(
  { browser: v.optional(deviceKindPart('browser')), os: v.optional(deviceKindPart('os')) },
  'deviceKind is { browser?, os? }',
);
// As the session list returns it: read leniently (any strings), since it is only shown as text.
export const DeviceKindInfoSchema = v.object({ browser: v.optional(v.string()), os: v.optional(v.string()) });

export const CodeSchema = v.pipe(v.string('code must be a string'), v.regex(/^\d{6}$/, 'code must be 6 digits'));

// The same floor and ceiling the client applies before deriving (crypto/kdf.ts), so the server
// never stores parameters a client would refuse.
export const KdfParamsSchema = v.strictObject({
  algorithm: v.literal('argon2id', 'kdf.algorithm must be "argon2id"'),
  memoryKiB: integerIn('kdf.memoryKiB', KDF_LIMITS.minMemoryKiB, KDF_LIMITS.maxMemoryKiB),
  iterations: integerIn('kdf.iterations', KDF_LIMITS.minIterations, KDF_LIMITS.maxIterations),
  parallelism: integerIn('kdf.parallelism', KDF_LIMITS.minParallelism, KDF_LIMITS.maxParallelism),
});

export const SaltSchema = bytes('salt', 16, 16);
export const AuthKeySchema = bytes('authKey', 32, 32);
export const WrappedVaultKeySchema = v.pipe(
  bytes('wrappedVaultKey', SYNC_LIMITS.envelopeMinBytes, SYNC_LIMITS.wrappedVaultKeyMaxBytes),
  v.check(
    (wrapped) => wrapped[0] === ENVELOPE_VERSION,
    `wrappedVaultKey must be a version ${ENVELOPE_VERSION} envelope`,
  ),
);
// Size and version are checked by checkEnvelope (sync/envelope.ts) so each gets its own error code.
export const EnvelopeSchema = bytes('envelope', 1, SYNC_LIMITS.pushBodyMaxBytes);

// The recovery slot (docs/vault-format.md, "Recovery key"): the vault key sealed under a key
// derived from the recovery key, 73 bytes like the password's wrapped key.
export const RecoverySlotSchema = v.pipe(
  bytes('recovery.slot', SYNC_LIMITS.envelopeMinBytes, SYNC_LIMITS.wrappedVaultKeyMaxBytes),
  v.check((slot) => slot[0] === ENVELOPE_VERSION, `recovery.slot must be a version ${ENVELOPE_VERSION} envelope`),
);
// SHA-256(recoveryAuthKey): what the server compares a recovery proof with. The client sends the
// hash, not the key, when it stores one, so no device ever has to keep the key itself.
export const RecoveryVerifierSchema = bytes('recovery.verifier', 32, 32);
export const RecoveryAuthKeySchema = bytes('recoveryAuthKey', 32, 32);

// The account's recovery slot as every device receives it: the slot and when it was made.
export const RecoveryInfoSchema = v.object({ slot: RecoverySlotSchema, createdAt: v.number() });

// The key material a device needs to open the vault: everything but the password. `recovery`
// is absent or null while the account has no recovery key on the server.
export const VaultKeysSchema = v.object({
  vaultId: IdSchema,
  salt: SaltSchema,
  kdf: KdfParamsSchema,
  wrappedVaultKey: WrappedVaultKeySchema,
  recovery: v.optional(v.nullable(RecoveryInfoSchema), null),
});

// A recovery key as a device hands it to the server: its slot and the verifier.
export const NewRecoverySchema = v.strictObject({ slot: RecoverySlotSchema, verifier: RecoveryVerifierSchema });

// ---- auth ----

export const PreloginRequestSchema = v.strictObject({ email: EmailSchema });
export const PreloginResponseSchema = v.object({ salt: SaltSchema, kdf: KdfParamsSchema });

export const RegisterStartRequestSchema = v.strictObject({ email: EmailSchema });
export const RegisterStartResponseSchema = v.object({ sent: v.literal(true), expiresInSeconds: v.number() });

export const RegisterFinishRequestSchema = v.strictObject({
  email: EmailSchema,
  code: CodeSchema,
  deviceName: DeviceNameSchema,
  deviceKind: v.optional(DeviceKindSchema),
  vaultId: IdSchema,
  salt: SaltSchema,
  kdf: KdfParamsSchema,
  authKey: AuthKeySchema,
  wrappedVaultKey: WrappedVaultKeySchema,
  // The vault's recovery key, when it has one whose verifier this device knows.
  recovery: v.optional(NewRecoverySchema),
});

export const SignInRequestSchema = v.strictObject({
  email: EmailSchema,
  authKey: AuthKeySchema,
  deviceName: DeviceNameSchema,
  deviceKind: v.optional(DeviceKindSchema),
});

export const SessionSchema = v.object({
  // `<account>.<secret>`: sent as `Authorization: Bearer <token>`; shown once, stored hashed.
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/)),
  id: IdSchema,
  expiresAt: v.number(),
});

export const SECOND_FACTOR_METHODS = ['totp', 'email', 'sms', 'recovery'] as const;
export const SecondFactorMethodSchema = v.picklist(SECOND_FACTOR_METHODS);

// Sign-in answers either with a session, or (when the account has two-factor sign-in on) with
// an attempt the client completes with one of the methods (issue 6, docs/api.md).
export const SignInResponseSchema = v.variant('kind', [
  v.object({ kind: v.literal('session'), session: SessionSchema, vault: VaultKeysSchema }),
  v.object({
    kind: v.literal('second-factor'),
    secondFactor: v.object({
      required: v.literal(true),
      methods: v.array(SecondFactorMethodSchema),
      attemptId: IdSchema,
      expiresAt: v.number(),
      // Where email and text-message codes would go, masked ("a•••@example.com", "+•••••••••67"),
      // so the chooser can say so before a method is picked; never the full address or number.
      destinations: v.optional(v.object({ email: v.optional(v.string()), sms: v.optional(v.string()) })),
    }),
  }),
]);

// ---- sessions ----

export const SessionInfoSchema = v.object({
  id: IdSchema,
  deviceName: v.string(),
  // Browser and OS as the device said at sign-in; null for a session made before they were kept.
  deviceKind: v.optional(v.nullable(DeviceKindInfoSchema), null),
  createdAt: v.number(),
  lastSeenAt: v.number(),
  expiresAt: v.number(),
  current: v.boolean(),
  // Set while "Sign out and erase" waits for that device to hear of it (issue 19).
  eraseRequestedAt: v.optional(v.nullable(v.number())),
});
// Devices asked to erase whose session is gone: erased (they confirmed it, at erasedAt), or never
// heard of it (erasedAt null; their session expired first).
export const ErasureSchema = v.object({
  id: IdSchema,
  deviceName: v.string(),
  requestedAt: v.number(),
  erasedAt: v.nullable(v.number()),
});
export const SessionListResponseSchema = v.object({
  sessions: v.array(SessionInfoSchema),
  erasures: v.optional(v.array(ErasureSchema), []),
});
export const EraseRequestSchema = v.strictObject({ authKey: AuthKeySchema });
export const EraseResponseSchema = v.object({ requestedAt: v.number() });

// ---- account ----

export const AccountResponseSchema = v.object({
  email: v.string(),
  createdAt: v.number(),
  passwordChangedAt: v.number(),
  vault: VaultKeysSchema,
  itemCount: v.number(),
  seq: v.number(),
  secondFactor: v.object({ methods: v.array(SecondFactorMethodSchema) }),
});

// A password change always ends every other session (docs/api.md): there is no way to keep them,
// so whoever changed the password elsewhere is signed out, even holding a token.
export const ChangePasswordRequestSchema = v.strictObject({
  authKey: AuthKeySchema,
  // The device proves the password again, so its session takes the kind it has now.
  deviceKind: v.optional(DeviceKindSchema),
  next: v.strictObject({
    salt: SaltSchema,
    kdf: KdfParamsSchema,
    authKey: AuthKeySchema,
    wrappedVaultKey: WrappedVaultKeySchema,
  }),
});
export const ChangePasswordResponseSchema = v.object({ endedSessions: v.number() });

export const DeleteAccountRequestSchema = v.strictObject({ authKey: AuthKeySchema });

// A new recovery key for the account (docs/api.md, "PUT /api/v1/account/recovery"): the password
// proven again; the old slot and verifier are replaced, so the old key resets nothing any more.
export const SetRecoveryRequestSchema = v.strictObject({ authKey: AuthKeySchema, recovery: NewRecoverySchema });
export const SetRecoveryResponseSchema = v.object({ recovery: RecoveryInfoSchema });

// A forgotten password reset with the recovery key (docs/api.md, "POST /api/v1/auth/recover"):
// the proof of the recovery key and the new password's key material, as for a password change.
export const RecoverRequestSchema = v.strictObject({
  email: EmailSchema,
  recoveryAuthKey: RecoveryAuthKeySchema,
  deviceName: DeviceNameSchema,
  deviceKind: v.optional(DeviceKindSchema),
  next: v.strictObject({
    salt: SaltSchema,
    kdf: KdfParamsSchema,
    authKey: AuthKeySchema,
    wrappedVaultKey: WrappedVaultKeySchema,
  }),
});

// ---- vault ----

const Seq = integerIn('seq', 0, Number.MAX_SAFE_INTEGER);
const BaseSeq = integerIn('baseSeq', 0, Number.MAX_SAFE_INTEGER);

// The per-item deletion secret and its SHA-256 (docs/vault-format.md, "Deletion proof").
export const DeletionHashSchema = bytes('deletionHash', 32, 32);
export const DeletionProofSchema = bytes('proof', 32, 32);

// An item as the server holds it: its id, the seq of its last change, and either the envelope
// or the mark that it was removed. A removal by a purge carries the purge's proof, which a device
// checks against its own vault key before it removes its copy; one without (a tombstone of
// version 1, or a hostile server's) is never taken.
export const ServerItemSchema = v.union([
  v.object({ id: IdSchema, seq: Seq, envelope: EnvelopeSchema }),
  v.object({ id: IdSchema, seq: Seq, deleted: v.literal(true), proof: v.optional(DeletionProofSchema) }),
]);

// A cursor is the decimal seq of the last change the client has seen ("0" for none). Clients
// should treat it as opaque text and send back what the server gave them.
const Cursor = v.pipe(v.string(), v.regex(/^(0|[1-9]\d{0,14})$/, 'cursor must be a decimal seq'));
const PageLimit = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,4}$/, 'limit must be a positive integer'),
  v.transform(Number),
  v.maxValue(SYNC_LIMITS.pullMaxLimit, `limit must be at most ${SYNC_LIMITS.pullMaxLimit}`),
);

export const PullQuerySchema = v.strictObject({ since: v.optional(Cursor, '0'), limit: v.optional(PageLimit) });
export const PullResponseSchema = v.object({
  changes: v.array(ServerItemSchema),
  nextCursor: Cursor,
  more: v.boolean(),
});

// A change always carries the item's new envelope. Deleting is a write like any other (the
// record's own "deleted" field, inside the envelope), so the protocol has no change that removes
// an item: a stolen session token cannot destroy what it cannot open (docs/api.md, push).
// `deletionHash` (optional, so an older client still pushes) is SHA-256 of the item's deletion
// secret: the server keeps it so that only a holder of the vault key can purge the item later.
export const ChangeSchema = v.strictObject(
  { id: IdSchema, baseSeq: BaseSeq, envelope: EnvelopeSchema, deletionHash: v.optional(DeletionHashSchema) },
  'each change is { id, baseSeq, envelope, deletionHash? }; a deletion travels inside the envelope, a purge has its own route',
);
export const PushRequestSchema = v.strictObject({ changes: v.array(ChangeSchema, 'changes must be an array') });
export const PushResponseSchema = v.object({
  applied: v.array(v.object({ id: IdSchema, seq: Seq })),
  conflicts: v.array(v.object({ id: IdSchema, current: v.nullable(ServerItemSchema) })),
});

// A purge removes items for good (Recently deleted's "Delete forever", "Empty" and its retention
// period). Each names the seq the client last saw (a changed item comes back as a conflict, so a
// restore made elsewhere is never purged unseen) and the item's deletion secret as its proof.
export const PurgeSchema = v.strictObject(
  { id: IdSchema, baseSeq: BaseSeq, proof: DeletionProofSchema },
  'each purge is { id, baseSeq, proof }',
);
export const PurgeRequestSchema = v.strictObject({ items: v.array(PurgeSchema, 'items must be an array') });
export const PurgeResponseSchema = v.object({
  purged: v.array(v.object({ id: IdSchema, seq: Seq })),
  conflicts: v.array(v.object({ id: IdSchema, current: v.nullable(ServerItemSchema) })),
});

// ---- WebSocket ----

export const ServerSocketMessageSchema = v.variant('type', [
  v.object({ type: v.literal('hello'), seq: Seq }),
  v.object({ type: v.literal('changed'), seq: Seq }),
  // "Sign out and erase" from another device: lock, confirm (POST /sessions/erased), wipe.
  v.object({ type: v.literal('erase') }),
  v.object({ type: v.literal('pong') }),
]);

// ---- errors ----

export const ErrorBodySchema = v.object({ error: v.object({ code: v.string(), message: v.string() }) });

// ---- dev outbox (only with DEV_MODE) ----

export const OutboxMessageSchema = v.object({
  id: v.number(),
  channel: v.picklist(['email', 'sms']),
  to: v.string(),
  subject: v.string(),
  text: v.string(),
  sentAt: v.number(),
});
export const OutboxResponseSchema = v.object({ messages: v.array(OutboxMessageSchema) });

export type KdfParamsBody = v.InferOutput<typeof KdfParamsSchema>;
export type VaultKeys = v.InferOutput<typeof VaultKeysSchema>;
export type VaultKeysBody = v.InferInput<typeof VaultKeysSchema>;
export type PreloginRequest = v.InferInput<typeof PreloginRequestSchema>;
export type PreloginResponse = v.InferOutput<typeof PreloginResponseSchema>;
export type PreloginResponseBody = v.InferInput<typeof PreloginResponseSchema>;
export type RegisterStartRequest = v.InferInput<typeof RegisterStartRequestSchema>;
export type RegisterStartResponse = v.InferOutput<typeof RegisterStartResponseSchema>;
export type RegisterFinishRequest = v.InferInput<typeof RegisterFinishRequestSchema>;
export type SignInRequest = v.InferInput<typeof SignInRequestSchema>;
export type Session = v.InferOutput<typeof SessionSchema>;
export type SecondFactorMethod = v.InferOutput<typeof SecondFactorMethodSchema>;
export type SignInResponse = v.InferOutput<typeof SignInResponseSchema>;
export type SignInResponseBody = v.InferInput<typeof SignInResponseSchema>;
export type DeviceKind = v.InferOutput<typeof DeviceKindSchema>;
export type SessionInfo = v.InferOutput<typeof SessionInfoSchema>;
export type SessionListResponse = v.InferOutput<typeof SessionListResponseSchema>;
export type SessionListResponseBody = v.InferInput<typeof SessionListResponseSchema>;
export type Erasure = v.InferOutput<typeof ErasureSchema>;
export type EraseResponse = v.InferOutput<typeof EraseResponseSchema>;
export type AccountResponse = v.InferOutput<typeof AccountResponseSchema>;
export type AccountResponseBody = v.InferInput<typeof AccountResponseSchema>;
export type ChangePasswordRequest = v.InferInput<typeof ChangePasswordRequestSchema>;
export type ChangePasswordResponse = v.InferOutput<typeof ChangePasswordResponseSchema>;
export type DeleteAccountRequest = v.InferInput<typeof DeleteAccountRequestSchema>;
export type RecoveryInfo = v.InferOutput<typeof RecoveryInfoSchema>;
export type RecoveryInfoBody = v.InferInput<typeof RecoveryInfoSchema>;
export type NewRecoveryBody = v.InferInput<typeof NewRecoverySchema>;
export type SetRecoveryRequest = v.InferInput<typeof SetRecoveryRequestSchema>;
export type SetRecoveryResponseBody = v.InferInput<typeof SetRecoveryResponseSchema>;
export type RecoverRequest = v.InferInput<typeof RecoverRequestSchema>;
export type ServerItem = v.InferOutput<typeof ServerItemSchema>;
export type ServerItemBody = v.InferInput<typeof ServerItemSchema>;
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
export type PullResponseBody = v.InferInput<typeof PullResponseSchema>;
export type Change = v.InferOutput<typeof ChangeSchema>;
export type ChangeBody = v.InferInput<typeof ChangeSchema>;
export type PushRequest = v.InferInput<typeof PushRequestSchema>;
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;
export type PushResponseBody = v.InferInput<typeof PushResponseSchema>;
export type PurgeRequest = v.InferInput<typeof PurgeRequestSchema>;
export type PurgeResponse = v.InferOutput<typeof PurgeResponseSchema>;
export type PurgeResponseBody = v.InferInput<typeof PurgeResponseSchema>;
export type ServerSocketMessage = v.InferOutput<typeof ServerSocketMessageSchema>;
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
export type OutboxMessage = v.InferOutput<typeof OutboxMessageSchema>;
