import { ACCOUNT_RULES } from '@tessera/core/sync/limits';

export interface NewSession {
  id: string;
  tokenHash: Uint8Array;
  deviceName: string;
}

export interface SessionRow {
  id: string;
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

const IDLE_MS = ACCOUNT_RULES.sessionIdleSeconds * 1000;
const MAX_MS = ACCOUNT_RULES.sessionMaxSeconds * 1000;

// The idle expiry, capped by the absolute one.
function expiryAt(createdAt: number, now: number): number {
  return Math.min(now + IDLE_MS, createdAt + MAX_MS);
}
// last_seen_at is written at most once a minute per session, so a device syncing in a tight
// loop does not turn every pull into a write.
const TOUCH_INTERVAL_MS = 60_000;

export function createSession(sql: SqlStorage, session: NewSession, now: number): { id: string; expiresAt: number } {
  const expiresAt = expiryAt(now, now);
  sql.exec(
    'INSERT INTO sessions (id, token_hash, device_name, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    session.id,
    session.tokenHash,
    session.deviceName,
    now,
    now,
    expiresAt,
  );
  return { id: session.id, expiresAt };
}

// The lookup is by SHA-256 of a 256-bit random token: a timing difference in the index search
// could at most tell an attacker about hashes of tokens they made up, never about a real token.
export function authenticate(sql: SqlStorage, tokenHash: Uint8Array, now: number): SessionRow | null {
  const row = sql
    .exec<{ id: string; device_name: string; created_at: number; last_seen_at: number; expires_at: number }>(
      'SELECT id, device_name, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = ?',
      tokenHash,
    )
    .toArray()[0];
  if (row === undefined) return null;
  if (row.expires_at <= now || row.created_at + MAX_MS <= now) {
    sql.exec('DELETE FROM sessions WHERE id = ?', row.id);
    return null;
  }
  let { last_seen_at: lastSeenAt, expires_at: expiresAt } = row;
  if (now - lastSeenAt >= TOUCH_INTERVAL_MS) {
    lastSeenAt = now;
    expiresAt = expiryAt(row.created_at, now);
    sql.exec('UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?', lastSeenAt, expiresAt, row.id);
  }
  return { id: row.id, deviceName: row.device_name, createdAt: row.created_at, lastSeenAt, expiresAt };
}

export function listSessions(sql: SqlStorage, now: number): SessionRow[] {
  sql.exec('DELETE FROM sessions WHERE expires_at <= ? OR created_at <= ?', now, now - MAX_MS);
  return sql
    .exec<{ id: string; device_name: string; created_at: number; last_seen_at: number; expires_at: number }>(
      'SELECT id, device_name, created_at, last_seen_at, expires_at FROM sessions ORDER BY created_at, id',
    )
    .toArray()
    .map((r) => ({
      id: r.id,
      deviceName: r.device_name,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
    }));
}

export function deleteSession(sql: SqlStorage, id: string): boolean {
  return sql.exec('DELETE FROM sessions WHERE id = ?', id).rowsWritten > 0;
}

export function deleteSessionsExcept(sql: SqlStorage, keepId: string): string[] {
  const ids = sql
    .exec<{ id: string }>('SELECT id FROM sessions WHERE id != ?', keepId)
    .toArray()
    .map((r) => r.id);
  sql.exec('DELETE FROM sessions WHERE id != ?', keepId);
  return ids;
}
