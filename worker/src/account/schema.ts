// The account's SQLite schema, as an append-only list of migrations: a deployed object that
// wakes up with an older schema applies the ones it has not seen, inside one transaction.
// Every secret column holds a hash or ciphertext; the only plaintext a person typed is the email
// (needed to send codes) and device names (shown in the session list).
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    // One row. salt, kdf and wrapped_vault_key come from the client and go back to it at sign-in;
    // verifier = SHA-256(authKey) (design.md, key hierarchy). seq is the last change's number;
    // the counts keep the per-account limits cheap to check.
    `CREATE TABLE account (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      email TEXT NOT NULL,
      vault_id TEXT NOT NULL,
      salt BLOB NOT NULL,
      kdf TEXT NOT NULL,
      verifier BLOB NOT NULL,
      wrapped_vault_key BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      password_changed_at INTEGER NOT NULL,
      seq INTEGER NOT NULL DEFAULT 0,
      item_count INTEGER NOT NULL DEFAULT 0,
      tombstone_count INTEGER NOT NULL DEFAULT 0
    )`,
    // token_hash = SHA-256 of the bearer token; the token itself is never stored.
    `CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      token_hash BLOB NOT NULL UNIQUE,
      device_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
    // envelope NULL is a tombstone. seq is unique across the account, so pulling "since" a
    // cursor is a range scan of its index.
    `CREATE TABLE items (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL UNIQUE,
      envelope BLOB
    ) WITHOUT ROWID`,
    // The pending emailed code (hashed) and the counters that limit how often one is sent; kept
    // for an existing account too, so both cases are throttled alike.
    `CREATE TABLE registration (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      code_hash BLOB,
      expires_at INTEGER NOT NULL,
      tries_left INTEGER NOT NULL,
      last_sent_at INTEGER NOT NULL,
      window_start INTEGER NOT NULL,
      sent_in_window INTEGER NOT NULL
    )`,
    // Consecutive failures per kind ('password'), for the growing delay and the lock.
    `CREATE TABLE failures (
      kind TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      last_at INTEGER NOT NULL
    )`,
    // The second-factor seam (issue 6 adds each method's own data and the routes that use it).
    `CREATE TABLE second_factor_methods (
      method TEXT PRIMARY KEY CHECK (method IN ('totp', 'email', 'sms', 'recovery')),
      enabled_at INTEGER NOT NULL
    )`,
    `CREATE TABLE signin_attempts (
      id TEXT PRIMARY KEY,
      device_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
  ],
];

export function migrate(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  sql.exec('CREATE TABLE IF NOT EXISTS schema_version (only INTEGER PRIMARY KEY CHECK (only = 1), version INTEGER NOT NULL)');
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  const from = row?.version ?? 0;
  if (from >= MIGRATIONS.length) return;
  storage.transactionSync(() => {
    for (const statements of MIGRATIONS.slice(from)) for (const statement of statements) sql.exec(statement);
    sql.exec('INSERT INTO schema_version (only, version) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET version = excluded.version', MIGRATIONS.length);
  });
}
