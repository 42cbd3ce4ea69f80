import { equalSecrets } from '../crypto.ts';

// The account's recovery codes, as keyed hashes (twofa/keys.ts codeHash). A new set replaces
// the old one whole, used codes included, so nothing of an old set can be used again.

export function replaceRecoveryCodes(sql: SqlStorage, hashes: readonly Uint8Array[], now: number): void {
  deleteRecoveryCodes(sql);
  for (const hash of hashes) sql.exec('INSERT INTO recovery_codes (hash, created_at) VALUES (?, ?)', hash, now);
}

export function deleteRecoveryCodes(sql: SqlStorage): void {
  sql.exec('DELETE FROM recovery_codes');
}

export function remainingRecoveryCodes(sql: SqlStorage): number {
  return sql.exec<{ n: number }>('SELECT count(*) AS n FROM recovery_codes WHERE used_at IS NULL').one().n;
}

// Every stored hash is compared, in constant time and without stopping at a match, so the time
// taken says nothing about which code (if any) was close. A match spends the code.
export function redeemRecoveryCode(sql: SqlStorage, guess: Uint8Array, now: number): 'right' | 'used' | 'wrong' {
  let match: { hash: ArrayBuffer; used: boolean } | null = null;
  for (const row of sql.exec<{ hash: ArrayBuffer; used_at: number | null }>(
    'SELECT hash, used_at FROM recovery_codes',
  )) {
    if (equalSecrets(row.hash, guess) && match === null) match = { hash: row.hash, used: row.used_at !== null };
  }
  if (match === null) return 'wrong';
  if (match.used) return 'used';
  sql.exec('UPDATE recovery_codes SET used_at = ? WHERE hash = ?', now, match.hash);
  return 'right';
}
