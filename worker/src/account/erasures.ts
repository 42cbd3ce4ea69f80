// "Sign out and erase" (issue 19, docs/api.md "Erasing a device"): a device asked to erase
// itself keeps its session only to hear of it; every call but the confirmation is refused, and
// the confirmation ends the session and records when. Rows are kept so the device list can say
// "erased at"; the newest ERASURES_KEPT of them.
export const ERASURES_KEPT = 50;

export interface ErasureRow {
  sessionId: string;
  deviceName: string;
  requestedAt: number;
  erasedAt: number | null;
}

export function requestErasure(sql: SqlStorage, sessionId: string, deviceName: string, now: number): number {
  const existing = pendingErasure(sql, sessionId);
  if (existing !== null) return existing;
  sql.exec(
    'INSERT INTO erasures (session_id, device_name, requested_at, erased_at) VALUES (?, ?, ?, NULL)',
    sessionId,
    deviceName,
    now,
  );
  sql.exec(
    'DELETE FROM erasures WHERE session_id NOT IN (SELECT session_id FROM erasures ORDER BY requested_at DESC LIMIT ?)',
    ERASURES_KEPT,
  );
  return now;
}

/** When an erase of this session was asked for, if it has not been confirmed yet. */
export function pendingErasure(sql: SqlStorage, sessionId: string): number | null {
  return (
    sql
      .exec<{ requested_at: number }>(
        'SELECT requested_at FROM erasures WHERE session_id = ? AND erased_at IS NULL',
        sessionId,
      )
      .toArray()[0]?.requested_at ?? null
  );
}

export function confirmErasure(sql: SqlStorage, sessionId: string, now: number): void {
  sql.exec('UPDATE erasures SET erased_at = ? WHERE session_id = ? AND erased_at IS NULL', now, sessionId);
}

export function listErasures(sql: SqlStorage): ErasureRow[] {
  return sql
    .exec<{ session_id: string; device_name: string; requested_at: number; erased_at: number | null }>(
      'SELECT session_id, device_name, requested_at, erased_at FROM erasures ORDER BY requested_at DESC',
    )
    .toArray()
    .map((r) => ({
      sessionId: r.session_id,
      deviceName: r.device_name,
      requestedAt: r.requested_at,
      erasedAt: r.erased_at,
    }));
}
