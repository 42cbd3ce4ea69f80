import { toBase64url } from '@tessera/core/crypto/bytes';
import type { PullResponseBody, ServerItemBody, SignInResponseBody, VaultKeysBody } from '@tessera/core/sync/protocol';
import type { StoredItem } from '../account/items.ts';
import type { SignInGrant, VaultKeysRow } from '../account/store.ts';
import { maskEmail, maskPhone } from '../twofa/codes.ts';

// Turns what the account object returns (bytes as ArrayBuffers) into the JSON of docs/api.md.

// workerd has the native Uint8Array.prototype.toBase64 (TC39 "Uint8Array to/from base64"); it is
// several times faster than a JavaScript encoder, and pulls spend most of their time here.
type NativeBase64 = { toBase64?: (options: { alphabet: 'base64url'; omitPadding: boolean }) => string };

export function b64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const native = (view as NativeBase64).toBase64;
  return native === undefined ? toBase64url(view) : native.call(view, { alphabet: 'base64url', omitPadding: true });
}

export function vaultKeysBody(keys: VaultKeysRow): VaultKeysBody {
  return {
    vaultId: keys.vaultId,
    salt: b64(keys.salt),
    kdf: keys.kdf,
    wrappedVaultKey: b64(keys.wrappedVaultKey),
    recovery: keys.recovery === null ? null : { slot: b64(keys.recovery.slot), createdAt: keys.recovery.createdAt },
  };
}

export function signInBody(grant: SignInGrant, token: string): SignInResponseBody {
  if (grant.kind === 'second-factor') {
    return {
      kind: 'second-factor',
      secondFactor: {
        required: true,
        methods: grant.methods,
        attemptId: grant.attemptId,
        expiresAt: grant.expiresAt,
        // Masked: the password alone must not reveal the full address or number.
        destinations: {
          ...(grant.methods.includes('email') ? { email: maskEmail(grant.reach.email) } : {}),
          ...(grant.methods.includes('sms') && grant.reach.phone !== null ? { sms: maskPhone(grant.reach.phone) } : {}),
        },
      },
    };
  }
  return {
    kind: 'session',
    session: { token, id: grant.session.id, expiresAt: grant.session.expiresAt },
    vault: vaultKeysBody(grant.vault),
  };
}

export function itemBody(item: StoredItem): ServerItemBody {
  if (item.envelope !== null) return { id: item.id, seq: item.seq, envelope: b64(item.envelope) };
  return item.proof === null
    ? { id: item.id, seq: item.seq, deleted: true }
    : { id: item.id, seq: item.seq, deleted: true, proof: b64(item.proof) };
}

export function pullBody(changes: StoredItem[], nextCursor: number, more: boolean): PullResponseBody {
  return { changes: changes.map(itemBody), nextCursor: String(nextCursor), more };
}
