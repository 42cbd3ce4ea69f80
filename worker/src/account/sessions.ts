import { ACCOUNT_RULES } from '@tessera/core/sync/limits';
import type { DeviceKind } from '@tessera/core/sync/protocol';

export interface NewSession {
  id: string;
  tokenHash: Uint8Array;
  deviceName: string;
  // Browser and OS family as the app sent them (docs/api.md, "Device kind"); null when it sent none.
  deviceKind: DeviceKind | null;
}

export interface SessionRow {
  id: string;
  deviceName: string;
  deviceKind: DeviceKind | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

const IDLE_MS = ACCOUNT_RULES.sessionIdleSeconds * 1000;
const MAX_MS = ACCOUNT_RULES.sessionMaxSeconds * 1000;

// Two nullable columns each way: a kind with neither part is no kind.
export function kindColumns(kind: DeviceKind | null): [string | null, string | null] {
  return [kind?.browser ?? null, kind?.os ?? null];
}

export function kindOf(browser: string | null, os: string | null): DeviceKind | null {
  if (browser === null && os === null) return null;
  return { ...(browser === null ? {} : { browser }), ...(os === null ? {} : { os }) };
}

type Row = {
  id: string;
  device_name: string;
  device_browser: string | null;
  device_os: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
};
const COLUMNS = 'id, device_name, device_browser, device_os, created_at, last_seen_at, expires_at';

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
    `INSERT INTO sessions (id, token_hash, device_name, device_browser, device_os, created_at, last_seen_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    session.id,
    session.tokenHash,
    session.deviceName,
    ...kindColumns(session.deviceKind),
    now,
    now,
    expiresAt,
  );
  return { id: session.id, expiresAt };
}

// The lookup is by SHA-256 of a 256-bit random token: a timing difference in the index search
// could at most tell an attacker about hashes of tokens they made up, never about a real token.
export function authenticate(sql: SqlStorage, tokenHash: Uint8Array, now: number): SessionRow | null {
  const row = sql.exec<Row>(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ?`, tokenHash).toArray()[0];
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
  return { ...sessionOf(row), lastSeenAt, expiresAt };
}

function sessionOf(r: Row): SessionRow {
  return {
    id: r.id,
    deviceName: r.device_name,
    deviceKind: kindOf(r.device_browser, r.device_os),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
  };
}

// A device that proves the password again (a password change) says what it is now.
export function setSessionKind(sql: SqlStorage, id: string, kind: DeviceKind): void {
  sql.exec('UPDATE sessions SET device_browser = ?, device_os = ? WHERE id = ?', ...kindColumns(kind), id);
}

export function listSessions(sql: SqlStorage, now: number): SessionRow[] {
  sql.exec('DELETE FROM sessions WHERE expires_at <= ? OR created_at <= ?', now, now - MAX_MS);
  return sql.exec<Row>(`SELECT ${COLUMNS} FROM sessions ORDER BY created_at, id`).toArray().map(sessionOf);
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
