import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.ts';
import type { Message, Sender } from './notifier.ts';

export type Channel = 'email' | 'sms';

export interface OutboxEntry extends Message {
  id: number;
  channel: Channel;
  sentAt: number;
}

// Local development only (DEV_MODE): messages are kept here instead of being sent, and read back
// through GET /api/v1/dev/outbox by the developer, `npm start` users and the tests. Only the
// newest KEEP messages are kept.
const KEEP = 1000;

export class DevOutbox extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    void ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        channel TEXT NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        text TEXT NOT NULL,
        sent_at INTEGER NOT NULL
      )`);
      this.sql.exec('CREATE INDEX IF NOT EXISTS messages_recipient ON messages (recipient, id)');
    });
  }

  deliver(channel: Channel, message: Message): void {
    this.sql.exec(
      'INSERT INTO messages (channel, recipient, subject, text, sent_at) VALUES (?, ?, ?, ?, ?)',
      channel,
      message.to,
      message.subject,
      message.text,
      Date.now(),
    );
    this.sql.exec('DELETE FROM messages WHERE id <= (SELECT max(id) FROM messages) - ?', KEEP);
  }

  // Oldest first, at most the newest `limit`, optionally only those sent to one address.
  list(to: string | null, limit: number): OutboxEntry[] {
    const rows = this.sql
      .exec<{ id: number; channel: Channel; recipient: string; subject: string; text: string; sent_at: number }>(
        `SELECT id, channel, recipient, subject, text, sent_at FROM messages
         WHERE ?1 IS NULL OR recipient = ?1 ORDER BY id DESC LIMIT ?2`,
        to,
        limit,
      )
      .toArray();
    return rows.reverse().map((r) => ({
      id: r.id,
      channel: r.channel,
      to: r.recipient,
      subject: r.subject,
      text: r.text,
      sentAt: r.sent_at,
    }));
  }

  clear(): void {
    this.sql.exec('DELETE FROM messages');
  }
}

export function outboxOf(env: Env) {
  return env.OUTBOX.getByName('outbox');
}

export function outboxSender(env: Env, channel: Channel): Sender {
  return { send: (message: Message) => outboxOf(env).deliver(channel, message) };
}
