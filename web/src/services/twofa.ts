import * as v from 'valibot';
import { toBase64url } from '@tessera/core/crypto/bytes';
import {
  AuthenticatorEnrolmentSchema,
  CodeSentResponseSchema,
  TwoFactorChangeResponseSchema,
  TwoFactorStatusSchema,
  type AuthenticatorEnrolment,
  type CodeSentResponse,
  type EnrollableMethod,
  type TwoFactorChangeResponse,
  type TwoFactorStatus,
} from '@tessera/core/sync/two-factor';
import { AccountError, forgetKeys, passwordKeys } from './account-keys.ts';
import type { CryptoClient } from './crypto-client.ts';
import { call, check, type Api } from './sync/api.ts';

// The account's two-factor methods (docs/api.md, "Two-factor sign-in"; docs/web-twofa.md): read
// their state, set one up (start, then confirm with a code), turn one off and make new recovery
// codes. Confirming, turning off and new codes prove the master password again (a session token
// alone must not change how the account is entered): the password is stretched in the crypto
// worker with the account's own salt and parameters, and only authKey is sent, as at sign-in.
// Every answer is checked against @tessera/core's schemas; every failure is an ApiError with the
// server's code, or 'network' / 'bad-response' as in sync/api.ts.

export type PasswordStep = 'password' | 'server';

export interface TwoFactorService {
  status(): Promise<TwoFactorStatus>;
  /** A new authenticator secret (replaces a pending one); on only after `confirm('totp', code)`. */
  startAuthenticator(): Promise<AuthenticatorEnrolment>;
  sendEmailCode(): Promise<CodeSentResponse>;
  /** `phone` in E.164 (screens/twofa/phone.ts checks it first; the server checks it again). */
  sendSmsCode(phone: string): Promise<CodeSentResponse>;
  /** Turns the method on; `recoveryCodes` comes back when it is the account's first method. */
  confirm(
    method: EnrollableMethod,
    code: string,
    password: string,
    onStep?: (step: PasswordStep) => void,
  ): Promise<TwoFactorChangeResponse>;
  /** Turns a method off, or abandons its set-up. */
  turnOff(method: EnrollableMethod, password: string, onStep?: (step: PasswordStep) => void): Promise<TwoFactorStatus>;
  /** Ten new codes; every code of the old set stops working. */
  newRecoveryCodes(
    password: string,
    onStep?: (step: PasswordStep) => void,
  ): Promise<{ twoFactor: TwoFactorStatus; recoveryCodes: string[] }>;
}

interface Deps {
  /** The session token of this device; throws when it is not signed in. */
  token: () => string;
  api: Pick<Api, 'account'>;
  crypto: CryptoClient;
}

async function request<S extends v.GenericSchema>(
  schema: S,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<v.InferOutput<S>> {
  return check(schema, await call({ method, path: `/twofa${path}`, token, body }));
}

export function createTwoFactor({ token, api, crypto }: Deps): TwoFactorService {
  // The password proof, made fresh for each request and wiped right after it.
  const withProof = async <T>(
    password: string,
    onStep: ((step: PasswordStep) => void) | undefined,
    send: (bearer: string, authKey: string) => Promise<T>,
  ): Promise<T> => {
    const bearer = token();
    onStep?.('password');
    // The account's salt and parameters, as the server has them (they match this device's unless
    // a password change is half done); passwordKeys bounds them before any work.
    const { vault } = await api.account(bearer);
    const keys = await passwordKeys(crypto, password, vault.salt, vault.kdf);
    try {
      onStep?.('server');
      return await send(bearer, toBase64url(keys.authKey));
    } finally {
      forgetKeys(keys);
    }
  };

  return {
    status: () => request(TwoFactorStatusSchema, token(), 'GET', ''),
    startAuthenticator: () => request(AuthenticatorEnrolmentSchema, token(), 'POST', '/totp'),
    sendEmailCode: () => request(CodeSentResponseSchema, token(), 'POST', '/email'),
    sendSmsCode: (phone) => request(CodeSentResponseSchema, token(), 'POST', '/sms', { phone }),
    confirm: (method, code, password, onStep) =>
      withProof(password, onStep, (bearer, authKey) =>
        request(TwoFactorChangeResponseSchema, bearer, 'POST', `/${method}/confirm`, {
          code: code.replace(/\s+/g, ''),
          authKey,
        }),
      ),
    async turnOff(method, password, onStep) {
      const answer = await withProof(password, onStep, (bearer, authKey) =>
        request(TwoFactorChangeResponseSchema, bearer, 'POST', `/${method}/disable`, { authKey }),
      );
      return answer.twoFactor;
    },
    async newRecoveryCodes(password, onStep) {
      const answer = await withProof(password, onStep, (bearer, authKey) =>
        request(TwoFactorChangeResponseSchema, bearer, 'POST', '/recovery/regenerate', { authKey }),
      );
      if (!answer.recoveryCodes || answer.recoveryCodes.length === 0)
        throw new AccountError('bad-response', 'The server made new recovery codes but did not send them.');
      return { twoFactor: answer.twoFactor, recoveryCodes: answer.recoveryCodes };
    },
  };
}
