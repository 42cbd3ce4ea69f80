import type { SecondFactorMethod } from '@tessera/core/sync/protocol';
import type { EnrollableMethod, TwoFactorStatus } from '@tessera/core/sync/two-factor';
import { pendingEnrolment } from './enrolments.ts';
import { deleteRecoveryCodes, remainingRecoveryCodes } from './recovery-codes.ts';

// The methods that are on (docs/api.md, "Two-factor sign-in"). Recovery codes are not a method
// of their own to turn on or off: they exist exactly while at least one other method is on, so
// the owner always has a way in when a phone is lost, and they go with the last other method.

export interface MethodRow {
  method: SecondFactorMethod;
  enabledAt: number;
  secret: ArrayBuffer | null;
  lastUsedStep: number | null;
  phone: string | null;
}

export function methodRows(sql: SqlStorage): MethodRow[] {
  return sql
    .exec<{
      method: SecondFactorMethod;
      enabled_at: number;
      secret: ArrayBuffer | null;
      last_used_step: number | null;
      phone: string | null;
    }>('SELECT method, enabled_at, secret, last_used_step, phone FROM second_factor_methods ORDER BY method')
    .toArray()
    .map((r) => ({
      method: r.method,
      enabledAt: r.enabled_at,
      secret: r.secret,
      lastUsedStep: r.last_used_step,
      phone: r.phone,
    }));
}

export function methodRow(sql: SqlStorage, method: SecondFactorMethod): MethodRow | null {
  return methodRows(sql).find((r) => r.method === method) ?? null;
}

// What a sign-in may choose from: recovery codes only while one is left.
export function enabledMethods(sql: SqlStorage): SecondFactorMethod[] {
  const methods = methodRows(sql).map((r) => r.method);
  return methods.includes('recovery') && remainingRecoveryCodes(sql) === 0
    ? methods.filter((m) => m !== 'recovery')
    : methods;
}

// True while a new sign-in needs a second factor.
export function twoFactorOn(sql: SqlStorage): boolean {
  return methodRows(sql).some((r) => r.method !== 'recovery');
}

export function enableMethod(
  sql: SqlStorage,
  method: SecondFactorMethod,
  now: number,
  data: { secret?: Uint8Array; lastUsedStep?: number; phone?: string } = {},
): void {
  sql.exec(
    'INSERT INTO second_factor_methods (method, enabled_at, secret, last_used_step, phone) VALUES (?, ?, ?, ?, ?)',
    method,
    now,
    data.secret ?? null,
    data.lastUsedStep ?? null,
    data.phone ?? null,
  );
}

// Removes the method and, when no other method is left, the recovery codes with it. Returns
// whether two-factor sign-in is still on.
export function removeMethod(sql: SqlStorage, method: EnrollableMethod): boolean {
  sql.exec('DELETE FROM second_factor_methods WHERE method = ?', method);
  if (twoFactorOn(sql)) return true;
  sql.exec("DELETE FROM second_factor_methods WHERE method = 'recovery'");
  deleteRecoveryCodes(sql);
  return false;
}

export function useAuthenticatorStep(sql: SqlStorage, step: number): void {
  sql.exec("UPDATE second_factor_methods SET last_used_step = ? WHERE method = 'totp'", step);
}

export function twoFactorStatus(sql: SqlStorage, email: string): TwoFactorStatus {
  const rows = methodRows(sql);
  const on = (method: SecondFactorMethod) => rows.find((r) => r.method === method) ?? null;
  const state = (method: EnrollableMethod) =>
    on(method) !== null ? 'on' : pendingEnrolment(sql, method) !== null ? 'pending' : 'off';
  const sms = on('sms');
  const recovery = on('recovery');
  return {
    on: rows.some((r) => r.method !== 'recovery'),
    methods: {
      totp: { state: state('totp'), enabledAt: on('totp')?.enabledAt ?? null },
      email: { state: state('email'), enabledAt: on('email')?.enabledAt ?? null, address: email },
      sms: {
        state: state('sms'),
        enabledAt: sms?.enabledAt ?? null,
        phone: sms?.phone ?? pendingEnrolment(sql, 'sms')?.phone ?? null,
      },
      recovery: {
        state: recovery === null ? 'off' : 'on',
        enabledAt: recovery?.enabledAt ?? null,
        remaining: remainingRecoveryCodes(sql),
      },
    },
  };
}
