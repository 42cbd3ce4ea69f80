import { randomId } from '@tessera/core/crypto/random';
import { ACCOUNT_RULES } from '@tessera/core/sync/limits';
import type { SecondFactorMethod } from '@tessera/core/sync/protocol';

// The seam for two-factor sign-in (issue 6): when an account has any method on, a correct
// password opens a short-lived sign-in attempt instead of a session, and the client completes
// it with one of the methods. Issue 6 adds enrolment and the route that turns an attempt into a
// session; until then no account has a method, so sign-in always answers with a session.
export function enabledMethods(sql: SqlStorage): SecondFactorMethod[] {
  return sql
    .exec<{ method: SecondFactorMethod }>('SELECT method FROM second_factor_methods ORDER BY method')
    .toArray()
    .map((r) => r.method);
}

export function openSignInAttempt(sql: SqlStorage, deviceName: string, now: number): { attemptId: string; expiresAt: number } {
  sql.exec('DELETE FROM signin_attempts WHERE expires_at <= ?', now);
  const attemptId = randomId();
  const expiresAt = now + ACCOUNT_RULES.codeLifetimeSeconds * 1000;
  sql.exec('INSERT INTO signin_attempts (id, device_name, created_at, expires_at) VALUES (?, ?, ?, ?)', attemptId, deviceName, now, expiresAt);
  return { attemptId, expiresAt };
}
