import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../../src/crypto/bytes.ts';
import { DEFAULT_KDF } from '../../src/crypto/kdf.ts';
import { checkEnvelope } from '../../src/sync/envelope.ts';
import { API_ERRORS, SyncError } from '../../src/sync/errors.ts';
import { SYNC_LIMITS } from '../../src/sync/limits.ts';
import {
  ChangeSchema,
  EmailSchema,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  RegisterFinishRequestSchema,
  SignInResponseSchema,
} from '../../src/sync/protocol.ts';

const id = 'AAAAAAAAAAAAAAAAAAAAAA';

function envelopeOf(size: number, version = 1): Uint8Array {
  const bytes = new Uint8Array(size).fill(7);
  bytes[0] = version;
  return bytes;
}

describe('sync protocol schemas', () => {
  it('normalise emails to trimmed lowercase and refuse non-addresses', () => {
    expect(v.parse(EmailSchema, '  Ann.Lee@Example.ORG ')).toBe('ann.lee@example.org');
    for (const bad of ['', 'ann', 'ann@', '@example.org', 'a b@example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(v.safeParse(EmailSchema, bad).success, bad).toBe(false);
    }
  });

  it('decode binary fields from unpadded base64url into bytes of the exact size', () => {
    const body = {
      email: 'a@example.org',
      code: '012345',
      deviceName: 'Phone',
      vaultId: id,
      salt: toBase64url(new Uint8Array(16).fill(1)),
      kdf: DEFAULT_KDF,
      authKey: toBase64url(new Uint8Array(32).fill(2)),
      wrappedVaultKey: toBase64url(envelopeOf(73)),
    };
    const parsed = v.parse(RegisterFinishRequestSchema, body);
    expect(parsed.salt).toEqual(new Uint8Array(16).fill(1));
    expect(parsed.authKey).toEqual(new Uint8Array(32).fill(2));
    expect(v.safeParse(RegisterFinishRequestSchema, { ...body, salt: toBase64url(new Uint8Array(15)) }).success).toBe(
      false,
    );
    expect(v.safeParse(RegisterFinishRequestSchema, { ...body, authKey: `${body.authKey}=` }).success).toBe(false);
    expect(
      v.safeParse(RegisterFinishRequestSchema, { ...body, wrappedVaultKey: toBase64url(envelopeOf(73, 2)) }).success,
    ).toBe(false);
    expect(
      v.safeParse(RegisterFinishRequestSchema, { ...body, kdf: { ...DEFAULT_KDF, memoryKiB: 1024 } }).success,
    ).toBe(false);
    expect(v.safeParse(RegisterFinishRequestSchema, { ...body, extra: true }).success).toBe(false);
    expect(v.safeParse(RegisterFinishRequestSchema, { ...body, code: '12345' }).success).toBe(false);
  });

  it('take an envelope change and nothing else: no change deletes an item', () => {
    const change = v.parse(ChangeSchema, { id, baseSeq: 0, envelope: toBase64url(envelopeOf(60)) });
    expect(change.envelope.length).toBe(60);
    for (const bad of [
      { id, baseSeq: 3, delete: true },
      { id, baseSeq: 0 },
      { id, baseSeq: 0, delete: false },
      { id, baseSeq: 0, delete: true, envelope: 'AQ' },
      { id: 'x', baseSeq: 0, delete: true },
      { id, baseSeq: -1, delete: true },
    ]) {
      expect(v.safeParse(ChangeSchema, bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(v.safeParse(PushRequestSchema, { changes: [] }).success).toBe(true);
  });

  it('refuse an id that is not exactly 22 base64url characters, naming the id', () => {
    const long = `${id}x`;
    const result = v.safeParse(ChangeSchema, { id: long, baseSeq: 0, delete: true });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe(`id "${long}" is not 22 base64url characters (A-Z a-z 0-9 _ -)`);
    const huge = v.safeParse(ChangeSchema, { id: 'y'.repeat(10_000), baseSeq: 0, delete: true });
    expect(huge.issues?.[0]?.message).toBe(`id "${'y'.repeat(40)}…" is not 22 base64url characters (A-Z a-z 0-9 _ -)`);
  });

  it('default the pull cursor to 0 and bound the page size', () => {
    expect(v.parse(PullQuerySchema, {})).toEqual({ since: '0' });
    expect(v.parse(PullQuerySchema, { since: '42', limit: '1000' })).toEqual({ since: '42', limit: 1000 });
    for (const bad of [{ since: '-1' }, { since: '007' }, { limit: '0' }, { limit: '1001' }, { page: '1' }]) {
      expect(v.safeParse(PullQuerySchema, bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('parse server answers into bytes for the client, tolerating fields a newer server adds', () => {
    const page = v.parse(PullResponseSchema, {
      changes: [
        { id, seq: 1, envelope: toBase64url(envelopeOf(50)), addedLater: 1 },
        { id: 'BBBBBBBBBBBBBBBBBBBBBB', seq: 2, deleted: true },
      ],
      nextCursor: '2',
      more: false,
    });
    expect(page.changes[0]).toMatchObject({ seq: 1 });
    expect('envelope' in page.changes[0]! && page.changes[0].envelope.length).toBe(50);
    const second = v.parse(SignInResponseSchema, {
      kind: 'second-factor',
      secondFactor: { required: true, methods: ['totp', 'recovery'], attemptId: id, expiresAt: 1 },
    });
    expect(second.kind).toBe('second-factor');
    expect(
      v.safeParse(SignInResponseSchema, {
        kind: 'second-factor',
        secondFactor: { required: true, methods: ['carrier-pigeon'], attemptId: id, expiresAt: 1 },
      }).success,
    ).toBe(false);
  });
});

describe('checkEnvelope', () => {
  it('accepts version-1 envelopes from header-and-tag size up to the limit', () => {
    expect(checkEnvelope(envelopeOf(SYNC_LIMITS.envelopeMinBytes)).length).toBe(41);
    expect(checkEnvelope(envelopeOf(SYNC_LIMITS.envelopeMaxBytes)).length).toBe(65_536);
  });

  it('refuses with a typed error whose code the API answers with', () => {
    const cases: [Uint8Array, string][] = [
      [envelopeOf(SYNC_LIMITS.envelopeMaxBytes + 1), 'envelope-too-large'],
      [envelopeOf(40), 'envelope-invalid'],
      [envelopeOf(100, 0), 'envelope-invalid'],
      [envelopeOf(100, 2), 'envelope-invalid'],
    ];
    for (const [bytes, code] of cases) {
      const error = (() => {
        try {
          checkEnvelope(bytes);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(SyncError);
      expect((error as SyncError).code).toBe(code);
      expect(API_ERRORS[code as keyof typeof API_ERRORS]).toBeGreaterThanOrEqual(400);
    }
  });
});
