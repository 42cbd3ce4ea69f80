// The account's SQLite schema, as an append-only list of migrations: a deployed object that
// wakes up with an older schema applies the ones it has not seen, inside one transaction.
// Every secret column holds a hash or ciphertext; the only plaintext a person typed is the email
// (needed to send codes) and device names (shown in the session list).
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    // One row. salt, kdf and wrapped_vault_key come from the client and go back to it at sign-in;
    // verifier = SHA-256(authKey) (docs/vault-format.md, key hierarchy). seq is the last change's number;
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
    // Consecutive failures per kind ('password', and 'code' for second-factor codes), for the
    // growing delays and the lock.
    `CREATE TABLE failures (
      kind TEXT PRIMARY KEY,
      count INTEGER NOT NULL,
      last_at INTEGER NOT NULL
    )`,
    // The second-factor seam, replaced by the next migration.
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
  // Two-factor sign-in (issue 6). The seam's two tables could hold no data a deployment needs
  // (no route wrote them), so they are made again with the columns the methods need.
  [
    'DROP TABLE second_factor_methods',
    'DROP TABLE signin_attempts',
    // One row per method that is on. secret: the authenticator's secret sealed under a key
    // derived from TWOFA_SECRET_KEY (envelope v1); last_used_step: the time step of the last
    // code accepted, so a code is never accepted twice; phone: E.164, needed to send texts.
    `CREATE TABLE second_factor_methods (
      method TEXT PRIMARY KEY CHECK (method IN ('totp', 'email', 'sms', 'recovery')),
      enabled_at INTEGER NOT NULL,
      secret BLOB,
      last_used_step INTEGER,
      phone TEXT
    )`,
    // A method being turned on, until its code is confirmed: the sealed new secret, or the
    // keyed hash of the code sent (and the number it went to).
    `CREATE TABLE second_factor_enrolments (
      method TEXT PRIMARY KEY CHECK (method IN ('totp', 'email', 'sms')),
      started_at INTEGER NOT NULL,
      secret BLOB,
      phone TEXT,
      code_hash BLOB,
      code_expires_at INTEGER,
      code_tries_left INTEGER,
      last_sent_at INTEGER
    )`,
    // Keyed hashes of the current set; used_at marks a spent one.
    `CREATE TABLE recovery_codes (
      hash BLOB PRIMARY KEY,
      created_at INTEGER NOT NULL,
      used_at INTEGER
    ) WITHOUT ROWID`,
    // A correct password waiting for its second factor. id_hash = SHA-256 of the attempt id (the
    // id itself is never stored); the code columns hold the emailed or texted code, hashed.
    `CREATE TABLE signin_attempts (
      id_hash BLOB PRIMARY KEY,
      device_name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      failures INTEGER NOT NULL DEFAULT 0,
      code_method TEXT CHECK (code_method IN ('email', 'sms')),
      code_hash BLOB,
      code_expires_at INTEGER,
      code_tries_left INTEGER,
      sends INTEGER NOT NULL DEFAULT 0,
      last_sent_at INTEGER
    ) WITHOUT ROWID`,
    // Codes sent (sign-in and enrolment, email and SMS) in the current hour's window.
    `CREATE TABLE code_sends (
      only INTEGER PRIMARY KEY CHECK (only = 1),
      window_start INTEGER NOT NULL,
      count INTEGER NOT NULL
    )`,
  ],
  // The recovery key's server half (issue 19, docs/api.md "Recovery key"): the slot every device
  // takes at sign-in and the verifier SHA-256(recoveryAuthKey), never the key; and, on a sign-in
  // attempt opened by a reset, the new password's material that the second factor then applies.
  [
    'ALTER TABLE account ADD COLUMN recovery_slot BLOB',
    'ALTER TABLE account ADD COLUMN recovery_verifier BLOB',
    'ALTER TABLE account ADD COLUMN recovery_created_at INTEGER',
    'ALTER TABLE signin_attempts ADD COLUMN reset_salt BLOB',
    'ALTER TABLE signin_attempts ADD COLUMN reset_kdf TEXT',
    'ALTER TABLE signin_attempts ADD COLUMN reset_verifier BLOB',
    'ALTER TABLE signin_attempts ADD COLUMN reset_wrapped_vault_key BLOB',
  ],
  // Purges (issue 19, docs/vault-format.md "Deletion proof"). deletion_hash: SHA-256 of the item's
  // deletion secret, sent with its pushes, never sent back; purge_proof: the secret a purge
  // proved itself with, on the purge marker (envelope NULL) that tells other devices.
  ['ALTER TABLE items ADD COLUMN deletion_hash BLOB', 'ALTER TABLE items ADD COLUMN purge_proof BLOB'],
  // "Sign out and erase" (issue 19): one row per device asked to erase itself. erased_at NULL
  // while it has not confirmed (its session, if still there, answers only 410 until it does).
  [
    `CREATE TABLE erasures (
      session_id TEXT PRIMARY KEY,
      device_name TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      erased_at INTEGER
    ) WITHOUT ROWID`,
  ],
  // What kind of device a session is (issue 21, docs/api.md "Device kind"): the browser family
  // and OS family the app sent at sign-in, shown under the device's name. NULL on sessions made
  // before (they list without one) and when a client sent none. A sign-in attempt keeps them for
  // the session its second factor makes.
  [
    'ALTER TABLE sessions ADD COLUMN device_browser TEXT',
    'ALTER TABLE sessions ADD COLUMN device_os TEXT',
    'ALTER TABLE signin_attempts ADD COLUMN device_browser TEXT',
    'ALTER TABLE signin_attempts ADD COLUMN device_os TEXT',
  ],
];

/** The schema version a migrated object ends at. */
export const SCHEMA_VERSION = MIGRATIONS.length;

// Whether this object's storage was ever written (migrate makes schema_version first).
export function hasSchema(sql: SqlStorage): boolean {
  return sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").toArray().length > 0;
}

export function migrate(storage: DurableObjectStorage): void {
  const sql = storage.sql;
  sql.exec(
    'CREATE TABLE IF NOT EXISTS schema_version (only INTEGER PRIMARY KEY CHECK (only = 1), version INTEGER NOT NULL)',
  );
  const row = sql.exec<{ version: number }>('SELECT version FROM schema_version').toArray()[0];
  const from = row?.version ?? 0;
  if (from >= MIGRATIONS.length) return;
  storage.transactionSync(() => {
    for (const statements of MIGRATIONS.slice(from)) for (const statement of statements) sql.exec(statement);
    sql.exec(
      'INSERT INTO schema_version (only, version) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET version = excluded.version',
      MIGRATIONS.length,
    );
  });
}
