import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import { type Outcome, refuse } from '../http/errors.ts';

// Per client address (docs/api.md, "Rate limits"): one small object per address, so counting
// scales with the number of clients and needs no global table. Each counter is a fixed window;
// the object erases itself when its last window ends, so it keeps no address history.
export const CLIENT_LIMITS = Object.freeze({
  // Unauthenticated requests to /api/v1/auth/*: generous, since offices and carriers put many
  // people behind one address.
  request: { limit: 60, windowSeconds: 60 },
  // Wrong passwords and wrong codes, across all accounts tried from the address.
  failure: { limit: 20, windowSeconds: 15 * 60 },
  // Registration mails asked for: stops one client from mail-bombing many addresses.
  email: { limit: 10, windowSeconds: 60 * 60 },
  // Two-factor codes asked for (sign-in and enrolment, email and SMS): on top of each account's
  // own limit, stops one client with many accounts from pumping texts to numbers it chose.
  message: { limit: 20, windowSeconds: 60 * 60 },
});

export type LimitKind = keyof typeof CLIENT_LIMITS;

interface Window {
  count: number;
  resetAt: number;
}

export class ClientLimiter extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => this.ready());
  }

  private ready(): void {
    this.sql.exec(
      'CREATE TABLE IF NOT EXISTS windows (kind TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at INTEGER NOT NULL)',
    );
  }

  private window(kind: LimitKind, now: number): Window {
    const row = this.sql
      .exec<{ count: number; reset_at: number }>('SELECT count, reset_at FROM windows WHERE kind = ?', kind)
      .toArray()[0];
    if (row === undefined || row.reset_at <= now)
      return { count: 0, resetAt: now + CLIENT_LIMITS[kind].windowSeconds * 1000 };
    return { count: row.count, resetAt: row.reset_at };
  }

  private save(kind: LimitKind, window: Window): void {
    this.sql.exec(
      'INSERT INTO windows (kind, count, reset_at) VALUES (?, ?, ?) ON CONFLICT (kind) DO UPDATE SET count = excluded.count, reset_at = excluded.reset_at',
      kind,
      window.count,
      window.resetAt,
    );
    const last = this.sql.exec<{ last: number }>('SELECT max(reset_at) AS last FROM windows').one().last;
    void this.ctx.storage.setAlarm(last);
  }

  // Counts one use of each `spend` kind and checks that no `guard` kind is exhausted; refuses
  // (without counting anything) when any of them is.
  admit(spend: LimitKind[], guard: LimitKind[] = []): Outcome<void> {
    this.ready();
    const now = Date.now();
    const windows = new Map<LimitKind, Window>();
    for (const kind of [...spend, ...guard]) {
      const window = this.window(kind, now);
      windows.set(kind, window);
      if (window.count >= CLIENT_LIMITS[kind].limit) {
        const wait = Math.ceil((window.resetAt - now) / 1000);
        return refuse(
          'rate-limited',
          `Too many ${kind === 'failure' ? 'failed attempts' : 'requests'} from this address: try again in ${wait} s`,
          wait,
        );
      }
    }
    for (const kind of spend) {
      const window = windows.get(kind) as Window;
      this.save(kind, { count: window.count + 1, resetAt: window.resetAt });
    }
    return { ok: true, value: undefined };
  }

  recordFailure(): void {
    this.ready();
    const window = this.window('failure', Date.now());
    this.save('failure', { count: window.count + 1, resetAt: window.resetAt });
  }

  override async alarm(): Promise<void> {
    this.ready();
    const live = this.sql.exec('SELECT 1 FROM windows WHERE reset_at > ?', Date.now()).toArray().length;
    if (live > 0) return;
    await this.ctx.storage.deleteAll();
  }
}
